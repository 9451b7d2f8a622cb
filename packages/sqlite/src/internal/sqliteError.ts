import type { SqlError } from "@effect/sql/SqlError"
import * as Predicate from "effect/Predicate"
import type { SqlDriver } from "@kemitraan/sql"

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
 * Whether a result code says another connection held a lock for longer than the busy timeout.
 * `SQLITE_LOCKED` is the same story within one process (a shared-cache table lock).
 */
export const isBusyCode = (code: string | undefined): boolean =>
  code !== undefined && (code.startsWith("SQLITE_BUSY") || code.startsWith("SQLITE_LOCKED"))

/**
 * What a failed statement means to the SQL stores. An append is overtaken when another took its
 * position (the primary key) or its stream version (the unique pair).
 */
export const classify = (error: SqlError): SqlDriver.Failure => {
  const code = sqliteCode(error)
  if (isBusyCode(code)) return "busy"
  if (code === undefined || !code.startsWith("SQLITE_CONSTRAINT")) return "other"
  return code === "SQLITE_CONSTRAINT_PRIMARYKEY" || sqliteMessage(error).includes("events.stream_version")
    ? "overtaken"
    : "constraint"
}
