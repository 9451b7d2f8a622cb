import type { SqlError } from "@effect/sql/SqlError"
import { Predicate } from "effect"
import { EventStoreError } from "@kemitraan/eventsourcing"

/** The SQLite result code of a failed statement (`SQLITE_BUSY`, `SQLITE_CONSTRAINT_UNIQUE`, ...), if known. */
export const sqliteCode = (error: SqlError): string | undefined => codeOf(error.cause)

/** The `code` of a better-sqlite3 error, if `cause` is one. */
export const codeOf = (cause: unknown): string | undefined =>
  Predicate.hasProperty(cause, "code") && typeof cause.code === "string" ? cause.code : undefined

/** The message SQLite gave, or the client's own. */
export const sqliteMessage = (error: SqlError): string => {
  const cause: unknown = error.cause
  return cause instanceof Error ? cause.message : error.message
}

/**
 * Whether another connection held a lock for longer than the busy timeout. `SQLITE_LOCKED` is the
 * same story within one process (a shared-cache table lock).
 */
export const isBusy = (error: SqlError): boolean => isBusyCode(sqliteCode(error))

/** Whether a result code says a lock was held too long. */
export const isBusyCode = (code: string | undefined): boolean =>
  code !== undefined && (code.startsWith("SQLITE_BUSY") || code.startsWith("SQLITE_LOCKED"))

/** Whether a statement broke a constraint (a unique index, a check). */
export const isConstraint = (error: SqlError): boolean => sqliteCode(error)?.startsWith("SQLITE_CONSTRAINT") === true

/** Maps a failed statement to the kernel's typed errors: `StoreBusy` for lock time-outs, else `StoreFailure`. */
export const toStoreError =
  (operation: string) =>
  (error: SqlError): EventStoreError.StoreBusy | EventStoreError.StoreFailure =>
    isBusy(error)
      ? new EventStoreError.StoreBusy({
          operation,
          reason: `another connection held the database lock too long: ${sqliteMessage(error)}`
        })
      : new EventStoreError.StoreFailure({ operation, reason: sqliteMessage(error), cause: error })
