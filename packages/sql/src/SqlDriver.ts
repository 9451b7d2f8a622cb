/**
 * What a driver gives the SQL stores: how a write transaction takes the store's write lock, and what
 * a failed statement means. Everything else (the statements, the tables, the checks) is written
 * once in this package, on `@effect/sql`; `@kemitraan/sqlite` and a PostgreSQL driver stay thin.
 *
 * @since 0.2.0
 */
import type { SqlError } from "@effect/sql/SqlError"
import type { Context, Effect, Either } from "effect"
import { type EventStore, EventStoreError, type ExpectedVersion, type RecordedEvent } from "@kemitraan/eventsourcing"

/** Runs an effect in one write transaction of the store's client, holding the write lock from its start. */
export type Transactor = <A, E, R>(effect: Effect.Effect<A, E, R>) => Effect.Effect<A, E | SqlError, R>

/**
 * What a failed statement means: `busy`, another connection held a lock past the timeout;
 * `overtaken`, an append lost its position or stream version to another append; `constraint`,
 * another constraint refused the statement; `other`, anything else.
 */
export type Failure = "busy" | "overtaken" | "constraint" | "other"

/** An event ready for the `events` table: its data and metadata as JSON text. */
export interface EncodedEvent {
  readonly eventId: string
  readonly type: string
  readonly data: string
  readonly metadata: string
}

/** One append, checked and encoded: what a driver's {@link AppendBatch} writes. */
export interface AppendRequest {
  readonly streamId: string
  readonly expected: ExpectedVersion.ExpectedVersion
  /** The events as the caller gave them (their ids and metadata tell an idempotent retry from a conflict). */
  readonly events: ReadonlyArray<RecordedEvent.EventToAppend>
  /** The same events as rows, in the same order. */
  readonly encoded: ReadonlyArray<EncodedEvent>
  /** When the append was made, ISO 8601. */
  readonly recordedAt: string
}

/** What one append of a batch came to. */
export type AppendOutcome = Either.Either<EventStore.AppendResult, EventStoreError.AppendError>

/**
 * Writes appends that were waiting together (group commit): one outcome per request, in the same
 * order. Each request keeps its own expected-version check and is all or nothing: a refused or
 * failed request writes none of its events and does not fail its neighbours. Requests of one
 * batch may share one transaction and one sync to disk; when that transaction cannot commit,
 * every request of it fails. The requests are for distinct or equal streams, in arrival order:
 * a later request sees the earlier ones' events.
 */
export type AppendBatch = (requests: ReadonlyArray<AppendRequest>) => Effect.Effect<ReadonlyArray<AppendOutcome>>

/**
 * A batch of one append written in the caller's own Effect step, for an append that finds no other
 * waiting (one fiber appending after another): the append's outcome, or `undefined`, having written
 * nothing, when it cannot be written at once (another fiber's transaction holds the connection);
 * the store then hands it to the {@link AppendBatch}. `context` is the calling fiber's (whether it
 * runs in a transaction of its own).
 */
export type AppendNow = (
  request: AppendRequest,
  context: Context.Context<never>
) => Effect.Effect<EventStore.AppendResult, EventStoreError.AppendError> | undefined

/** A driver: the few things that differ between SQL engines at run time. */
export interface SqlDriver {
  readonly transaction: Transactor
  readonly classify: (error: SqlError) => Failure
  /** The message the engine gave, or the client's own. */
  readonly message: (error: SqlError) => string
  /** How long an append waits for the log's head before failing with `StoreBusy` (PostgreSQL's `lock_timeout`). */
  readonly lockTimeoutMillis?: number | undefined
  /**
   * The driver's own way to write a batch of appends (one transaction, statements it prepared on
   * a connection it holds). Without it the store writes each request with the generic append of
   * `SqlAppend`, one after the other.
   */
  readonly appendBatch?: AppendBatch | undefined
  /** The driver's batch of one, written at once when it can be (see {@link AppendNow}). */
  readonly appendNow?: AppendNow | undefined
  /**
   * Runs a read of the store's on a connection and statements the driver holds, answering rows as
   * arrays: the hot reads (a stream's events) then skip the client's per-statement work. Without
   * it they go through the client.
   */
  readonly values?:
    | ((text: string, params: ReadonlyArray<unknown>) => Effect.Effect<ReadonlyArray<ReadonlyArray<unknown>>, SqlError>)
    | undefined
  /**
   * How many batches of appends one store may have in flight at once (group commit's lanes).
   * Default 1: the appends that arrive while a batch is written wait and go together in the next.
   */
  readonly appendLanes?: number | undefined
  /**
   * Runs PostgreSQL's append call (one statement, outside any transaction) on a connection the
   * driver holds, answering rows as arrays: one writer's appends then skip the client's
   * per-statement span, scope and compiler. Without it the call goes through the client.
   */
  readonly appendCall?:
    | ((text: string, params: ReadonlyArray<unknown>) => Effect.Effect<ReadonlyArray<ReadonlyArray<unknown>>, SqlError>)
    | undefined
  /**
   * Runs a write of the store's (a read model's upserts and deletes, inside the transaction of its
   * commit) on the connection and statements the driver holds, which must be the connection of the
   * caller's transaction: a commit's many statements then skip the client's per-statement work.
   * Without it they go through the client.
   */
  readonly execute?: ((text: string, params: ReadonlyArray<unknown>) => Effect.Effect<void, SqlError>) | undefined
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
