/**
 * SQLite's append batch, on the held connection: each append is one statement that reads the
 * stream's version and checks the expected version as it inserts, and tells the version and
 * position it wrote (from the rows it returns, or, under a check that names the version, from how
 * many rows it inserted and the last one's rowid). A writing statement takes the write lock before
 * it reads, so the check cannot be out of date.
 *
 * One event under a check that names the version (`Exact`, `NoStream`, nearly every command's
 * append) is a one-row `INSERT ... VALUES` whose version is a `CASE` on the stream's current one:
 * when the check fails the version is `NULL`, which the column refuses, and nothing is written.
 * Its position is left to SQLite, which gives a new row of a rowid table the rowid after the
 * largest (the log's head plus one). Any other append is an `INSERT ... SELECT` that reads the
 * log's head and the stream's version before its first write (a statement that reads the table
 * it inserts into is computed first), and writes its rows after them. A batch of one append is
 * that one statement; a larger batch runs in one `BEGIN IMMEDIATE` transaction (one sync to disk),
 * where each statement stays all or nothing on its own. An append the statement refused (the
 * version did not hold, or an id is taken) writes nothing, and is then explained by the generic
 * append of `@kemitraan/sql`, as are the appends this statement does not take: empty ones, and
 * ones of more than {@link maxEvents} events.
 */
import type { SqlClient } from "@effect/sql"
import type { SqlError } from "@effect/sql/SqlError"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import type { EventStore, EventStoreError, ExpectedVersion } from "@kemitraan/eventsourcing"
import { SqlDriver, SqlEventStore } from "@kemitraan/sql"
import type { Held, HeldStatements } from "./heldClient.js"
import { codeOf } from "./sqliteError.js"

/** Most events one statement inserts (5 parameters each). */
export const maxEvents = 500

/**
 * The insert texts made so far, by the check's tag and then by the count of events. An insert
 * under `Exact` or `NoStream` knows the stream's version it writes after, and learns the position
 * of its last row from `lastInsertRowid`: it returns no rows (SQLite's `RETURNING` gathers them in
 * a table of its own first). Under `Any` and `StreamExists` the insert returns the version and
 * position of its rows.
 */
const insertTexts: Record<ExpectedVersion.ExpectedVersion["_tag"], Array<string | undefined>> = {
  Any: [],
  NoStream: [],
  StreamExists: [],
  Exact: []
}

const checkOf = (expected: ExpectedVersion.ExpectedVersion): string => {
  switch (expected._tag) {
    case "Any":
      return "1"
    case "NoStream":
      return "h.version = 0"
    case "StreamExists":
      return "h.version > 0"
    case "Exact":
      return "h.version = ?"
  }
}

/** The version an insert under `expected` writes after, when the check names it. */
const knownVersion = (expected: ExpectedVersion.ExpectedVersion): number | undefined =>
  expected._tag === "Exact" ? expected.version : expected._tag === "NoStream" ? 0 : undefined

/**
 * The insert of one event after a version the check names: its parameters the stream twice, the
 * version expected twice, then the event's id, type, data, metadata and the recording instant.
 */
const insertOneText = `INSERT INTO events (stream_id, stream_version, event_id, type, data, metadata, recorded_at)
VALUES (?, CASE WHEN (SELECT coalesce(max(stream_version), 0) FROM events WHERE stream_id = ?) = ? THEN ? + 1 END, ?, ?, ?, ?, ?)`

/** The insert of `count` events under `expected`'s check; parameters as {@link paramsOf} lists them. */
const insertText = (count: number, expected: ExpectedVersion.ExpectedVersion): string => {
  const texts = insertTexts[expected._tag]
  let text = texts[count]
  if (text === undefined) {
    const values = Array.from({ length: count }, (_, i) => `(${i + 1}, ?, ?, ?, ?)`).join(", ")
    const returning = knownVersion(expected) === undefined ? "\nRETURNING stream_version, position" : ""
    text = `INSERT INTO events (position, stream_id, stream_version, event_id, type, data, metadata, recorded_at)
SELECT h.head + v.column1, ?, h.version + v.column1, v.column2, v.column3, v.column4, v.column5, ?
FROM (SELECT coalesce((SELECT max(position) FROM events), 0) AS head,
             coalesce((SELECT max(stream_version) FROM events WHERE stream_id = ?), 0) AS version) AS h,
     (VALUES ${values}) AS v
WHERE ${checkOf(expected)}${returning}`
    texts[count] = text
  }
  return text
}

const paramsOf = (request: SqlDriver.AppendRequest): Array<unknown> => {
  const params: Array<unknown> = [request.streamId, request.recordedAt, request.streamId]
  for (const event of request.encoded) params.push(event.eventId, event.type, event.data, event.metadata)
  if (request.expected._tag === "Exact") params.push(request.expected.version)
  return params
}

/** What the statement did with one append: wrote it, or left it to the generic append. */
type Written = EventStore.AppendResult | "generic"

/** The last version and position of the rows an insert returned, or `generic` when it wrote none. */
const resultOf = (rows: ReadonlyArray<unknown>): Written => {
  let streamVersion = 0
  let position = 0
  for (const row of rows) {
    if (!Array.isArray(row) || typeof row[0] !== "number" || typeof row[1] !== "number") return "generic"
    streamVersion = Math.max(streamVersion, row[0])
    position = Math.max(position, row[1])
  }
  return rows.length === 0 ? "generic" : { streamVersion, position }
}

/**
 * The result of an insert of `count` events after `version` that returned no rows: written when
 * it inserted them all, its last row's position being the last rowid it inserted; else `generic`.
 */
const ranOf = (
  result: { readonly changes: number; readonly lastInsertRowid: number | bigint },
  count: number,
  version: number
): Written => {
  const position = Number(result.lastInsertRowid)
  return result.changes === count && Number.isSafeInteger(position) && position >= count
    ? { streamVersion: version + count, position }
    : "generic"
}

/** Makes SQLite's batch for the held connection, with the generic append of `driver` for the rest. */
export const make = (
  held: Held,
  sql: SqlClient.SqlClient,
  driver: () => SqlDriver.SqlDriver
): { readonly appendBatch: SqlDriver.AppendBatch; readonly appendNow: SqlDriver.AppendNow } => {
  const storeError = (error: SqlError) => SqlDriver.toStoreError(driver(), "append")(error)

  /** Inserts one append; a statement SQLite refused on a constraint wrote nothing and goes to the generic append. */
  const insert = (db: HeldStatements, request: SqlDriver.AppendRequest): Written => {
    if (request.encoded.length === 0 || request.encoded.length > maxEvents) return "generic"
    try {
      const count = request.encoded.length
      const version = knownVersion(request.expected)
      if (version === undefined) return resultOf(db.rows(insertText(count, request.expected), paramsOf(request)))
      if (count > 1)
        return ranOf(db.prepared(insertText(count, request.expected)).run(paramsOf(request)), count, version)
      const event = request.encoded[0]!
      const params = [
        request.streamId,
        request.streamId,
        version,
        version,
        event.eventId,
        event.type,
        event.data,
        event.metadata,
        request.recordedAt
      ]
      return ranOf(db.prepared(insertOneText).run(params), 1, version)
    } catch (cause) {
      if (codeOf(cause)?.startsWith("SQLITE_CONSTRAINT") === true) return "generic"
      throw cause
    }
  }

  const writeAll = (requests: ReadonlyArray<SqlDriver.AppendRequest>) =>
    held.exclusive((db): Array<Written> => {
      if (requests.length === 1) return [insert(db, requests[0]!)]
      db.prepared("BEGIN IMMEDIATE").run()
      try {
        const written = requests.map((request) => insert(db, request))
        db.prepared("COMMIT").run()
        return written
      } catch (cause) {
        try {
          db.prepared("ROLLBACK").run()
        } catch {
          // SQLite may have rolled back already (after an I/O error, say): nothing left to undo.
        }
        throw cause
      }
    })

  /** The outcome of a statement's `written`: the result, or the generic append for what it left. */
  const outcomeOf = (
    request: SqlDriver.AppendRequest,
    written: Written | undefined
  ): Effect.Effect<EventStore.AppendResult, EventStoreError.AppendError> =>
    written === undefined || written === "generic"
      ? SqlEventStore.appendOne(sql, driver(), request)
      : Either.right(written)

  // A batch of one, in the caller's step: the statement on its own, when the connection is free.
  const appendNow: SqlDriver.AppendNow = (request, context) => {
    const written = held.exclusiveNow(context, (db) => insert(db, request))
    if (written === undefined) return undefined
    return Either.isLeft(written) ? Either.left(storeError(written.left)) : outcomeOf(request, written.right)
  }

  const appendBatch: SqlDriver.AppendBatch = (requests) =>
    Effect.flatMap(Effect.either(writeAll(requests)), (written) => {
      if (Either.isLeft(written)) {
        const error = storeError(written.left)
        return Effect.succeed(requests.map(() => Either.left(error)))
      }
      return Effect.forEach(requests, (request, i) => Effect.either(outcomeOf(request, written.right[i])))
    })

  return { appendBatch, appendNow }
}
