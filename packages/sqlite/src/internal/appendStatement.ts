import type { SqlClient } from "@effect/sql"
import type { SqlError } from "@effect/sql/SqlError"
import { Effect, Either, Option, Schema } from "effect"
import {
  type EventStore,
  EventStoreAdapter,
  EventStoreError,
  ExpectedVersion,
  type RecordedEvent
} from "@kemitraan/eventsourcing"
import type { Transactor } from "../SqliteTransaction.js"
import type { EncodedEvent } from "./appendRows.js"
import { decodeRows, eventColumns } from "./eventRows.js"
import { isConstraint, sqliteMessage, toStoreError } from "./sqliteError.js"

/** Most events written by one `INSERT` statement (5 parameters each, well under SQLite's limit). */
export const insertChunkSize = 500

/** One append, encoded. */
export interface AppendWork {
  readonly streamId: string
  readonly expected: ExpectedVersion.ExpectedVersion
  readonly events: ReadonlyArray<RecordedEvent.EventToAppend>
  readonly encoded: ReadonlyArray<EncodedEvent>
  readonly recordedAt: string
}

/**
 * One statement that checks the expected version and inserts a chunk of events at the positions
 * and versions after the log's head and the stream's version. SQLite takes the write lock when a
 * write statement starts (waiting up to the busy timeout), before the statement reads anything, so
 * the head and version it reads cannot change before it writes. When the expected version does not
 * hold, it inserts nothing and returns no rows.
 */
const insertSql = (rows: number): string => `INSERT INTO events
  (position, stream_id, stream_version, event_id, type, data, metadata, recorded_at)
SELECT h.head + e.column1, ?, s.version + e.column1, e.column2, e.column3, e.column4, e.column5, ?
FROM (SELECT coalesce(max(position), 0) AS head FROM events) AS h,
  (SELECT coalesce(max(stream_version), 0) AS version FROM events WHERE stream_id = ?) AS s,
  (VALUES ${Array.from({ length: rows }, (_, i) => `(${i + 1}, ?, ?, ?, ?)`).join(", ")}) AS e
WHERE CASE ? WHEN 'Any' THEN 1 WHEN 'NoStream' THEN s.version = 0 WHEN 'StreamExists' THEN s.version > 0
  ELSE s.version = ? END
RETURNING position, stream_version`

const insertSqlCache = new Map<number, string>()
const cachedInsertSql = (rows: number): string => {
  let text = insertSqlCache.get(rows)
  if (text === undefined) insertSqlCache.set(rows, (text = insertSql(rows)))
  return text
}

type Positions = ReadonlyArray<readonly [position: number, streamVersion: number]>

const isPositions = (u: unknown): u is Positions =>
  Array.isArray(u) &&
  u.every(
    (row: unknown) =>
      Array.isArray(row) && row.length === 2 && Number.isSafeInteger(row[0]) && Number.isSafeInteger(row[1])
  )

/**
 * The rows `RETURNING` gives back, one per event: checked in one guard, as a `Schema.Array` of
 * tuples would cost more per event than SQLite's insert of it.
 */
const Inserted = Schema.declare(isPositions, { identifier: "InsertedPositions" })
const decodeInserted = Schema.decodeUnknownEither(Inserted)

const failure = (reason: string) => new EventStoreError.StoreFailure({ operation: "append", reason })

const chunks = <A>(items: ReadonlyArray<A>, size: number): Array<ReadonlyArray<A>> => {
  const out: Array<ReadonlyArray<A>> = []
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size))
  return out
}

/** Inserts one chunk if the stream satisfies `expected`; `None` when it does not. */
const insertChunk = (
  sql: SqlClient.SqlClient,
  work: AppendWork,
  expected: ExpectedVersion.ExpectedVersion,
  chunk: ReadonlyArray<EncodedEvent>
): Effect.Effect<Option.Option<EventStore.AppendResult>, SqlError | EventStoreError.StoreFailure> => {
  const params: Array<unknown> = [work.streamId, work.recordedAt, work.streamId]
  for (const event of chunk) params.push(event.eventId, event.type, event.data, event.metadata)
  params.push(expected._tag, expected._tag === "Exact" ? expected.version : 0)
  return Effect.flatMap(sql.unsafe(cachedInsertSql(chunk.length), params).values, (rows) => {
    const inserted = decodeInserted(rows)
    if (Either.isLeft(inserted)) return failure(`unexpected insert result ${JSON.stringify(rows)}`)
    let last: EventStore.AppendResult | undefined
    for (const [position, streamVersion] of inserted.right) {
      if (last === undefined || position > last.position) last = { position, streamVersion }
    }
    return Effect.succeed(Option.fromNullable(last))
  })
}

/**
 * Inserts all the events: one statement when they fit in one, else one statement per chunk in one
 * `BEGIN IMMEDIATE` transaction, each chunk expecting the version the one before it left.
 */
export const insertAll = (
  sql: SqlClient.SqlClient,
  transaction: Transactor<EventStoreError.StoreBusy | EventStoreError.StoreFailure>,
  work: AppendWork
): Effect.Effect<
  Option.Option<EventStore.AppendResult>,
  SqlError | EventStoreError.StoreBusy | EventStoreError.StoreFailure
> => {
  if (work.encoded.length <= insertChunkSize) return insertChunk(sql, work, work.expected, work.encoded)
  return transaction(
    Effect.gen(function* () {
      let result: Option.Option<EventStore.AppendResult> = Option.none()
      let expected = work.expected
      for (const chunk of chunks(work.encoded, insertChunkSize)) {
        result = yield* insertChunk(sql, work, expected, chunk)
        if (Option.isNone(result)) return result
        expected = ExpectedVersion.exact(result.value.streamVersion)
      }
      return result
    })
  )
}

const StreamEnd = Schema.Array(Schema.Tuple(Schema.Int, Schema.Int))
const decodeStreamEnd = Schema.decodeUnknownEither(StreamEnd)

/** The stream's version and the position of its last event, both 0 for a missing stream. */
export const streamEnd = (sql: SqlClient.SqlClient, streamId: string) =>
  Effect.flatMap(
    Effect.mapError(
      sql.unsafe(
        "SELECT stream_version, position FROM events WHERE stream_id = ? ORDER BY stream_version DESC LIMIT 1",
        [streamId]
      ).values,
      toStoreError("append")
    ),
    (rows) =>
      Either.match(decodeStreamEnd(rows), {
        onLeft: () => Either.left(failure(`unexpected stream end ${JSON.stringify(rows)}`)),
        onRight: ([end]) =>
          Either.right(end === undefined ? { version: 0, last: 0 } : { version: end[0], last: end[1] })
      })
  )

/** The stored events with the ids of the append's events, by index. */
const existing = (sql: SqlClient.SqlClient, events: ReadonlyArray<RecordedEvent.EventToAppend>) =>
  Effect.gen(function* () {
    const byId = new Map<string, RecordedEvent.StoredEvent>()
    const ids = events.map((event) => event.eventId)
    for (const some of chunks(ids, insertChunkSize)) {
      const text = `SELECT ${eventColumns} FROM events WHERE event_id IN (${some.map(() => "?").join(", ")})`
      const rows = yield* Effect.mapError(sql.unsafe(text, some).values, toStoreError("append"))
      const stored = decodeRows(rows)
      if (Either.isLeft(stored)) return yield* failure(stored.left.message)
      for (const event of stored.right) byId.set(event.eventId, event)
    }
    return events.map((event) => byId.get(event.eventId))
  })

/**
 * After an append wrote nothing (the expected version did not hold, or an event id is taken):
 * a retry of an append that succeeded before returns its result, a reused id is a conflict, and
 * otherwise the version was wrong. Stored events never change, so this needs no lock.
 */
export const explainRefusal = (
  sql: SqlClient.SqlClient,
  work: AppendWork,
  constraint: SqlError | undefined
): Effect.Effect<EventStore.AppendResult, EventStoreError.AppendError> =>
  Effect.gen(function* () {
    const { version } = yield* streamEnd(sql, work.streamId)
    const stored = yield* existing(sql, work.events)
    const check = yield* EventStoreAdapter.checkRetry(work.streamId, work.expected, version, work.events, stored)
    if (check._tag === "AlreadyAppended") return check.result
    if (constraint === undefined) {
      return yield* new EventStoreError.WrongExpectedVersion({
        streamId: work.streamId,
        expected: work.expected,
        actual: version
      })
    }
    return yield* new EventStoreError.InvalidStoreRequest({ operation: "append", reason: sqliteMessage(constraint) })
  })

/** Appends, or explains why nothing was written. */
export const append = (
  sql: SqlClient.SqlClient,
  transaction: Transactor<EventStoreError.StoreBusy | EventStoreError.StoreFailure>,
  work: AppendWork
): Effect.Effect<EventStore.AppendResult, EventStoreError.AppendError> =>
  Effect.gen(function* () {
    if (work.events.length === 0) {
      const { last, version } = yield* streamEnd(sql, work.streamId)
      yield* EventStoreAdapter.checkExpected(work.streamId, work.expected, version)
      return { streamVersion: version, position: last }
    }
    const inserted = yield* Effect.either(insertAll(sql, transaction, work))
    if (Either.isRight(inserted)) {
      return Option.isSome(inserted.right) ? inserted.right.value : yield* explainRefusal(sql, work, undefined)
    }
    const error = inserted.left
    if (error._tag !== "SqlError") return yield* error
    if (!isConstraint(error)) return yield* toStoreError("append")(error)
    return yield* explainRefusal(sql, work, error)
  })
