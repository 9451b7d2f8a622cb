/**
 * What a driver gives the SQL stores: how a write transaction takes the store's write lock, and what
 * a failed statement means. Everything else (the statements, the tables, the checks) is written
 * once in this package, on `@effect/sql`; `@kemitraan/sqlite` and a PostgreSQL driver stay thin.
 *
 * @since 0.2.0
 */
import type { SqlError } from "@effect/sql/SqlError"
import type { Effect } from "effect"
import { EventStoreError } from "@kemitraan/eventsourcing"

/** Runs an effect in one write transaction of the store's client, holding the write lock from its start. */
export type Transactor = <A, E, R>(effect: Effect.Effect<A, E, R>) => Effect.Effect<A, E | SqlError, R>

/**
 * What a failed statement means: `busy`, another connection held a lock past the timeout;
 * `overtaken`, an append lost its position or stream version to another append; `constraint`,
 * another constraint refused the statement; `other`, anything else.
 */
export type Failure = "busy" | "overtaken" | "constraint" | "other"

/** A driver: the few things that differ between SQL engines at run time. */
export interface SqlDriver {
  readonly transaction: Transactor
  readonly classify: (error: SqlError) => Failure
  /** The message the engine gave, or the client's own. */
  readonly message: (error: SqlError) => string
  /** How long an append waits for the log's head before failing with `StoreBusy` (PostgreSQL's `lock_timeout`). */
  readonly lockTimeoutMillis?: number | undefined
}

/** Maps a failed statement to the kernel's typed errors: `StoreBusy` for lock time-outs, else `StoreFailure`. */
export const toStoreError =
  (driver: SqlDriver, operation: string) =>
  (error: SqlError): EventStoreError.StoreBusy | EventStoreError.StoreFailure =>
    driver.classify(error) === "busy"
      ? new EventStoreError.StoreBusy({
          operation,
          reason: `another connection held the database lock too long: ${driver.message(error)}`
        })
      : new EventStoreError.StoreFailure({ operation, reason: driver.message(error), cause: error })
