import type { SqlError } from "@effect/sql/SqlError"
import { Predicate } from "effect"
import type { SqlDriver } from "@kemitraan/sql"

/** The SQLSTATE of a failed statement (`55P03`, `23505`, ...), if the server gave one. */
export const sqlState = (error: SqlError): string | undefined => {
  const cause: unknown = error.cause
  return Predicate.hasProperty(cause, "code") && typeof cause.code === "string" ? cause.code : undefined
}

/** The message PostgreSQL gave, or the client's own. */
export const pgMessage = (error: SqlError): string => {
  const cause: unknown = error.cause
  return cause instanceof Error ? cause.message : error.message
}

/**
 * SQLSTATEs that mean "another session held what this one needed": a lock past `lock_timeout`, a
 * statement cancelled by `statement_timeout`, a deadlock or serialization failure, no connection slot.
 */
const busyStates = new Set(["55P03", "57014", "40P01", "40001", "53300"])

/**
 * What a failed statement means to the SQL stores: `busy` (see {@link busyStates}); `constraint`
 * for an integrity violation (class 23) or a value the server refuses (class 22: text with a NUL,
 * a number out of range); `overtaken` for a position or stream version taken, which the head lock
 * rules out but a damaged store could show; `other` for the rest.
 */
export const classify = (error: SqlError): SqlDriver.Failure => {
  const state = sqlState(error)
  if (state === undefined) return "other"
  if (busyStates.has(state)) return "busy"
  if (state === "23505" && /events_pkey|events_stream_id_stream_version_key/.test(pgMessage(error))) return "overtaken"
  if (state.startsWith("23") || state.startsWith("22")) return "constraint"
  return "other"
}
