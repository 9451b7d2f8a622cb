import type { Connection } from "@effect/sql/SqlConnection"
import { Data, Effect, Either, Schema } from "effect"
import {
  type EventStore,
  EventStoreAdapter,
  EventStoreError,
  ExpectedVersion,
  type RecordedEvent
} from "@kemitraan/eventsourcing"
import type { ConnectionTransactor } from "../SqliteTransaction.js"
import type { EncodedEvent } from "./appendRows.js"
import { decodeRows, eventColumns } from "./eventRows.js"
import { isConstraint, sqliteMessage, toStoreError } from "./sqliteError.js"

/** Most events written by one `INSERT` statement (8 parameters each, well under SQLite's limit). */
export const insertChunkSize = 500

/** An append whose events were all stored already: roll back (nothing to write) and report them. */
export class AlreadyAppended extends Data.TaggedError("AlreadyAppended")<{
  readonly result: EventStore.AppendResult
}> {}

/** What an append needs to know under the lock: the log's head, the stream's version and last position. */
const StreamHead = Schema.Tuple(Schema.NonNegativeInt, Schema.NonNegativeInt, Schema.NonNegativeInt)
const decodeStreamHead = Schema.decodeUnknownEither(StreamHead)

const streamHeadSql = `SELECT
  coalesce((SELECT max(position) FROM events), 0),
  coalesce((SELECT stream_version FROM events WHERE stream_id = ? ORDER BY stream_version DESC LIMIT 1), 0),
  coalesce((SELECT position FROM events WHERE stream_id = ? ORDER BY stream_version DESC LIMIT 1), 0)`

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

const failure = (reason: string) => new EventStoreError.StoreFailure({ operation: "append", reason })

/** One append's work on the connection of a `BEGIN IMMEDIATE` transaction. */
export interface AppendWork {
  readonly streamId: string
  readonly expected: ExpectedVersion.ExpectedVersion
  readonly events: ReadonlyArray<RecordedEvent.EventToAppend>
  readonly encoded: ReadonlyArray<EncodedEvent>
  readonly recordedAt: string
}

type LockedError = EventStoreError.AppendError | AlreadyAppended

const streamHead = (conn: Connection, streamId: string) =>
  Effect.flatMap(
    Effect.mapError(conn.executeValues(streamHeadSql, [streamId, streamId]), toStoreError("append")),
    (rows) => Either.mapLeft(decodeStreamHead(rows[0]), () => failure(`unexpected head ${JSON.stringify(rows[0])}`))
  )

const insert = (conn: Connection, work: AppendWork, head: number, version: number) =>
  Effect.forEach(
    chunks(work.encoded, insertChunkSize),
    (chunk, c) => {
      const params: Array<unknown> = []
      for (let i = 0; i < chunk.length; i++) {
        const event = chunk[i]!
        const n = c * insertChunkSize + i + 1
        params.push(head + n, work.streamId, version + n, event.eventId, event.type, event.data, event.metadata)
        params.push(work.recordedAt)
      }
      return conn.execute(insertSql(chunk.length), params, undefined)
    },
    { discard: true }
  )

/** The stored events with the ids of the append's events, by index. */
const existing = (conn: Connection, events: ReadonlyArray<RecordedEvent.EventToAppend>) =>
  Effect.gen(function* () {
    const byId = new Map<string, RecordedEvent.StoredEvent>()
    const ids = events.map((event) => event.eventId)
    for (const some of chunks(ids, insertChunkSize)) {
      const text = `SELECT ${eventColumns} FROM events WHERE event_id IN (${some.map(() => "?").join(", ")})`
      const rows = yield* Effect.mapError(conn.executeValues(text, some), toStoreError("append"))
      const stored = decodeRows(rows)
      if (Either.isLeft(stored)) return yield* failure(stored.left.message)
      for (const event of stored.right) byId.set(event.eventId, event)
    }
    return events.map((event) => byId.get(event.eventId))
  })

/** Fails with `AlreadyAppended` for an idempotent retry, with a conflict for a reused id; else goes on. */
const retryCheck = (conn: Connection, work: AppendWork, version: number) =>
  Effect.flatMap(existing(conn, work.events), (stored) =>
    Effect.flatMap(
      EventStoreAdapter.checkRetry(work.streamId, work.expected, version, work.events, stored),
      (check): Effect.Effect<void, AlreadyAppended> =>
        check._tag === "AlreadyAppended" ? new AlreadyAppended({ result: check.result }) : Effect.void
    )
  )

/**
 * The append itself, under the write lock: read the head and the stream's version, check the
 * expected version, insert. An event id already stored makes the insert fail; only then are the
 * ids looked up, to tell a retry from a conflict. Larger appends insert in chunks inside a
 * savepoint, so that the lookup after a failed chunk sees the store as it was.
 */
export const appendLocked = (
  conn: Connection,
  work: AppendWork,
  savepoint: ConnectionTransactor<EventStoreError.StoreBusy | EventStoreError.StoreFailure>
): Effect.Effect<EventStore.AppendResult, LockedError> =>
  Effect.gen(function* () {
    const [head, version, last] = yield* streamHead(conn, work.streamId)
    const { expected, streamId } = work
    if (!ExpectedVersion.isSatisfiedBy(expected, version)) {
      yield* retryCheck(conn, work, version)
      return yield* new EventStoreError.WrongExpectedVersion({ streamId, expected, actual: version })
    }
    if (work.events.length === 0) return { streamVersion: version, position: last }
    const writeAll = insert(conn, work, head, version)
    const inserted = yield* Effect.either(work.encoded.length > insertChunkSize ? savepoint(() => writeAll) : writeAll)
    if (Either.isLeft(inserted)) {
      if (inserted.left._tag !== "SqlError") return yield* inserted.left
      if (!isConstraint(inserted.left)) return yield* toStoreError("append")(inserted.left)
      yield* retryCheck(conn, work, version)
      return yield* failure(sqliteMessage(inserted.left))
    }
    return { streamVersion: version + work.events.length, position: head + work.events.length }
  })
