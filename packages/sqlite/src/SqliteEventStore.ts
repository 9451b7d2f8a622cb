/**
 * The kernel's `EventStore` on a SQLite database, through `@effect/sql`.
 *
 * An append is one `BEGIN IMMEDIATE` transaction: it takes the write lock first (waiting up to the
 * busy timeout for another process), reads the stream's version and the log's head under that
 * lock, checks the expected version, and writes all its events in one multi-row `INSERT` with
 * positions and versions it computed. Nothing else can write in between, so the check holds.
 * An event id that is already stored makes the insert fail; only then does the append look the ids
 * up to tell an idempotent retry (nothing to write) from a conflict.
 *
 * Reads page by key (`position > ?` / `stream_version >= ?` with a `LIMIT`) and decode every row
 * with Schema.
 *
 * @since 0.1.0
 */
import { SqlClient } from "@effect/sql"
import { Clock, Data, Effect, Either, Schema } from "effect"
import {
  EventStore,
  EventStoreAdapter,
  EventStoreError,
  ExpectedVersion,
  type RecordedEvent
} from "@kemitraan/eventsourcing"
import { encodeEvents, type EncodedEvent } from "./internal/appendRows.js"
import { decodeRows, eventColumns } from "./internal/eventRows.js"
import { isConstraint, sqliteMessage, toStoreError } from "./internal/sqliteError.js"
import * as SqliteTransaction from "./SqliteTransaction.js"

/** Most events written by one `INSERT` statement (8 parameters each, well under SQLite's limit). */
export const insertChunkSize = 500

/** An append whose events were all stored already: roll back (nothing to write) and report them. */
class AlreadyAppended extends Data.TaggedError("AlreadyAppended")<{ readonly result: EventStore.AppendResult }> {}

const StreamHead = Schema.Struct({
  head: Schema.NonNegativeInt,
  version: Schema.NonNegativeInt,
  last: Schema.NonNegativeInt
})
const decodeStreamHead = Schema.decodeUnknownEither(StreamHead)
const decodeCount = Schema.decodeUnknownEither(Schema.Struct({ value: Schema.NonNegativeInt }))

const streamHeadSql = `SELECT
  coalesce((SELECT max(position) FROM events), 0) AS head,
  coalesce((SELECT stream_version FROM events WHERE stream_id = ? ORDER BY stream_version DESC LIMIT 1), 0) AS version,
  coalesce((SELECT position FROM events WHERE stream_id = ? ORDER BY stream_version DESC LIMIT 1), 0) AS last`

const insertSqlCache = new Map<number, string>()
const insertSql = (rows: number): string => {
  let text = insertSqlCache.get(rows)
  if (text === undefined) {
    const values = Array.from({ length: rows }, () => "(?, ?, ?, ?, ?, ?, ?, ?)").join(", ")
    text = `INSERT INTO events (position, stream_id, stream_version, event_id, type, data, metadata, recorded_at) VALUES ${values}`
    insertSqlCache.set(rows, text)
  }
  return text
}

const chunks = <A>(items: ReadonlyArray<A>, size: number): Array<ReadonlyArray<A>> => {
  const out: Array<ReadonlyArray<A>> = []
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size))
  return out
}

const invalidRow = (operation: string, reason: string) => new EventStoreError.StoreFailure({ operation, reason })

/** Makes an event store on the given client. The tables must exist (see `SqliteMigrations`). */
export const makeWith = (sql: SqlClient.SqlClient): EventStore.EventStore => {
  const transaction = SqliteTransaction.make(sql, toStoreError("append"))

  const query = (operation: string, text: string, params: ReadonlyArray<unknown>) =>
    Effect.mapError(sql.unsafe<object>(text, params), toStoreError(operation))

  const single = <A>(
    operation: string,
    text: string,
    params: ReadonlyArray<unknown>,
    decode: (u: unknown) => Either.Either<A, unknown>
  ) =>
    Effect.flatMap(query(operation, text, params), (rows) =>
      Either.mapLeft(decode(rows[0]), () => invalidRow(operation, `unexpected result ${JSON.stringify(rows[0])}`))
    )

  const streamHead = (streamId: string) => single("append", streamHeadSql, [streamId, streamId], decodeStreamHead)

  const insert = (streamId: string, head: number, version: number, events: ReadonlyArray<EncodedEvent>, at: string) =>
    Effect.forEach(
      chunks(events, insertChunkSize),
      (chunk, c) => {
        const params: Array<unknown> = []
        for (let i = 0; i < chunk.length; i++) {
          const event = chunk[i]!
          const n = c * insertChunkSize + i + 1
          params.push(head + n, streamId, version + n, event.eventId, event.type, event.data, event.metadata, at)
        }
        return sql.unsafe(insertSql(chunk.length), params)
      },
      { discard: true }
    )

  /** The stored events with the ids of `events`, by index. */
  const existing = (events: ReadonlyArray<RecordedEvent.EventToAppend>) =>
    Effect.gen(function* () {
      const byId = new Map<string, RecordedEvent.StoredEvent>()
      for (const ids of chunks(
        events.map((event) => event.eventId),
        insertChunkSize
      )) {
        const placeholders = ids.map(() => "?").join(", ")
        const rows = yield* query(
          "append",
          `SELECT ${eventColumns} FROM events WHERE event_id IN (${placeholders})`,
          ids
        )
        const stored = decodeRows(rows)
        if (Either.isLeft(stored)) return yield* invalidRow("append", stored.left.message)
        for (const event of stored.right) byId.set(event.eventId, event)
      }
      return events.map((event) => byId.get(event.eventId))
    })

  const retryCheck = (
    streamId: string,
    expected: ExpectedVersion.ExpectedVersion,
    version: number,
    events: ReadonlyArray<RecordedEvent.EventToAppend>
  ) =>
    Effect.flatMap(existing(events), (stored) =>
      Effect.flatMap(EventStoreAdapter.checkRetry(streamId, expected, version, events, stored), (check) =>
        check._tag === "AlreadyAppended" ? new AlreadyAppended({ result: check.result }) : Effect.succeed(check)
      )
    )

  const appendLocked = (
    streamId: string,
    expected: ExpectedVersion.ExpectedVersion,
    events: ReadonlyArray<RecordedEvent.EventToAppend>,
    encoded: ReadonlyArray<EncodedEvent>,
    recordedAt: string
  ) =>
    Effect.gen(function* () {
      const { head, last, version } = yield* streamHead(streamId)
      if (!ExpectedVersion.isSatisfiedBy(expected, version)) {
        yield* retryCheck(streamId, expected, version, events)
        return yield* new EventStoreError.WrongExpectedVersion({ streamId, expected, actual: version })
      }
      if (events.length === 0) return { streamVersion: version, position: last }
      const writeAll = insert(streamId, head, version, encoded, recordedAt)
      // SQLite undoes a failed statement; a savepoint undoes the chunks before it, so that the
      // lookup after a conflict sees the store as it was.
      const inserted = yield* Effect.either(encoded.length > insertChunkSize ? transaction(writeAll) : writeAll)
      if (Either.isLeft(inserted)) {
        if (inserted.left._tag !== "SqlError") return yield* inserted.left
        if (!isConstraint(inserted.left)) return yield* toStoreError("append")(inserted.left)
        yield* retryCheck(streamId, expected, version, events)
        return yield* invalidRow("append", sqliteMessage(inserted.left))
      }
      return { streamVersion: version + events.length, position: head + events.length }
    })

  const append: EventStore.EventStore["append"] = (streamId, expected, events) =>
    Effect.gen(function* () {
      yield* EventStoreAdapter.validateAppend(streamId, events)
      const encoded = yield* encodeEvents(streamId, events)
      const recordedAt = new Date(yield* Clock.currentTimeMillis).toISOString()
      return yield* transaction(appendLocked(streamId, expected, events, encoded, recordedAt))
    }).pipe(Effect.catchTag("AlreadyAppended", (signal) => Effect.succeed(signal.result)))

  const readStream: EventStore.EventStore["readStream"] = (streamId, options) =>
    Effect.gen(function* () {
      const fromVersion = options?.fromVersion
      const maxCount = options?.maxCount
      yield* EventStoreAdapter.validateRead("readStream", { fromVersion, maxCount })
      const rows = yield* query(
        "readStream",
        `SELECT ${eventColumns} FROM events WHERE stream_id = ? AND stream_version >= ? ORDER BY stream_version LIMIT ?`,
        [streamId, Math.max(1, fromVersion ?? 1), maxCount ?? -1]
      )
      return yield* decodeRows(rows)
    })

  const readAllPage: EventStore.EventStore["readAllPage"] = (after, limit) =>
    Effect.gen(function* () {
      yield* EventStoreAdapter.validateRead("readAll", { after, limit })
      const rows = yield* query(
        "readAll",
        `SELECT ${eventColumns} FROM events WHERE position > ? ORDER BY position LIMIT ?`,
        [after, limit]
      )
      return yield* decodeRows(rows)
    })

  const streamVersion: EventStore.EventStore["streamVersion"] = (streamId) =>
    Effect.map(
      single(
        "streamVersion",
        "SELECT coalesce(max(stream_version), 0) AS value FROM events WHERE stream_id = ?",
        [streamId],
        decodeCount
      ),
      (row) => row.value
    )

  const headPosition = Effect.map(
    single("headPosition", "SELECT coalesce(max(position), 0) AS value FROM events", [], decodeCount),
    (row) => row.value
  )

  return EventStore.EventStore.of({ append, readStream, readAllPage, streamVersion, headPosition })
}

/** Makes an event store on the `SqlClient` in context. The tables must exist (see `SqliteMigrations`). */
export const make: Effect.Effect<EventStore.EventStore, never, SqlClient.SqlClient> = Effect.map(
  SqlClient.SqlClient,
  makeWith
)
