import type { SqlClient } from "@effect/sql"
import type { SqlError } from "@effect/sql/SqlError"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Schema from "effect/Schema"
import { type EventStore, EventStoreAdapter, EventStoreError, type RecordedEvent } from "@kemitraan/eventsourcing"
import { type AppendBatch, type AppendRequest, type SqlDriver, toStoreError } from "../SqlDriver.js"
import { type Dialect, dialectOf, SafeNonNegativeInt } from "./dialect.js"
import { decodeRows, eventColumnsOf } from "./eventRows.js"

/** Most events written by one `INSERT` statement (8 parameters each, well under any engine's limit). */
export const insertChunkSize = 500

/** How often an append retries without the lock when other appends got in first. */
export const optimisticAttempts = 3

/** One append, encoded. */
export type AppendWork = AppendRequest

type StoreError = EventStoreError.StoreBusy | EventStoreError.StoreFailure

/** What one attempt came to: appended, or refused because the expected version did not hold. */
type Attempt =
  | { readonly _tag: "Appended"; readonly result: EventStore.AppendResult }
  | { readonly _tag: "Refused"; readonly error: EventStoreError.WrongExpectedVersion }

const failure = (reason: string) => new EventStoreError.StoreFailure({ operation: "append", reason })

const chunks = <A>(items: ReadonlyArray<A>, size: number): Array<ReadonlyArray<A>> => {
  const out: Array<ReadonlyArray<A>> = []
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size))
  return out
}

const headSql = `SELECT
  coalesce((SELECT max(position) FROM events), 0),
  coalesce((SELECT stream_version FROM events WHERE stream_id = ? ORDER BY stream_version DESC LIMIT 1), 0),
  coalesce((SELECT position FROM events WHERE stream_id = ? ORDER BY stream_version DESC LIMIT 1), 0)`

const Head = Schema.Array(Schema.Tuple(SafeNonNegativeInt, SafeNonNegativeInt, SafeNonNegativeInt))
const decodeHead = Schema.decodeUnknownEither(Head)

/** A read's rows as arrays: on the driver's held connection when it has one, else through the client. */
const valuesOf = (
  sql: SqlClient.SqlClient,
  driver: SqlDriver,
  dialect: Dialect,
  text: string,
  params: Array<unknown>
) =>
  Effect.mapError(
    driver.values === undefined
      ? sql.unsafe(dialect.text(text), params).values
      : driver.values(dialect.text(text), params),
    toStoreError(driver, "append")
  )

/** The log's head, the stream's version and the position of its last event (0s when empty). */
const readHead = (sql: SqlClient.SqlClient, driver: SqlDriver, streamId: string, dialect: Dialect) =>
  Effect.flatMap(valuesOf(sql, driver, dialect, headSql, [streamId, streamId]), (rows) =>
    Either.match(decodeHead(rows), {
      onLeft: () => Either.left(failure(`unexpected head ${JSON.stringify(rows)}`)),
      onRight: ([row]) =>
        row === undefined
          ? Either.left(failure("no head"))
          : Either.right({ head: row[0], version: row[1], last: row[2] })
    })
  )

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

/** Inserts the events at the positions after `head` and the versions after `version`, in chunks. */
const insertAt = (sql: SqlClient.SqlClient, work: AppendWork, head: number, version: number) =>
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
      return sql.unsafe(insertSql(chunk.length), params)
    },
    { discard: true }
  )

/**
 * Reads the head and the stream's version, checks the expected version, and inserts at the
 * positions and versions after them. Without the lock, another append may get in between the read
 * and the insert; it then holds position `head + 1`, so the insert fails on the primary key and
 * writes nothing: the check can never be out of date when an insert commits.
 */
const attempt = (
  sql: SqlClient.SqlClient,
  driver: SqlDriver,
  dialect: Dialect,
  work: AppendWork
): Effect.Effect<Attempt, SqlError | StoreError> =>
  Effect.gen(function* () {
    const { head, last, version } = yield* readHead(sql, driver, work.streamId, dialect)
    const expected = EventStoreAdapter.checkExpected(work.streamId, work.expected, version)
    if (Either.isLeft(expected)) return { _tag: "Refused", error: expected.left }
    if (work.events.length === 0) return { _tag: "Appended", result: { streamVersion: version, position: last } }
    yield* insertAt(sql, work, head, version)
    const n = work.events.length
    return { _tag: "Appended", result: { streamVersion: version + n, position: head + n } }
  })

/** The stored events with the ids of the append's events, by index. */
const existing = (
  sql: SqlClient.SqlClient,
  driver: SqlDriver,
  dialect: Dialect,
  events: ReadonlyArray<RecordedEvent.EventToAppend>
) =>
  Effect.gen(function* () {
    const byId = new Map<string, RecordedEvent.StoredEvent>()
    const ids = events.map((event) => event.eventId)
    for (const some of chunks(ids, insertChunkSize)) {
      const text = `SELECT ${eventColumnsOf(dialect)} FROM events WHERE event_id IN (${some.map(() => "?").join(", ")})`
      const rows = yield* valuesOf(sql, driver, dialect, text, [...some])
      const stored = decodeRows(rows)
      if (Either.isLeft(stored)) return yield* failure(stored.left.message)
      for (const event of stored.right) byId.set(event.eventId, event)
    }
    return events.map((event) => byId.get(event.eventId))
  })

/**
 * After an append wrote nothing (the expected version did not hold, or a constraint refused it):
 * a retry of an append that succeeded before returns its result, a reused id is a conflict, and
 * otherwise the version was wrong (or the input broke a constraint). Stored events never change,
 * so this needs no lock.
 */
export const explainRefusal = (
  sql: SqlClient.SqlClient,
  driver: SqlDriver,
  dialect: Dialect,
  work: AppendWork,
  refusal: EventStoreError.WrongExpectedVersion | SqlError
): Effect.Effect<EventStore.AppendResult, EventStoreError.AppendError> =>
  Effect.gen(function* () {
    const { version } = yield* readHead(sql, driver, work.streamId, dialect)
    const stored = yield* existing(sql, driver, dialect, work.events)
    const check = yield* EventStoreAdapter.checkRetry(work.streamId, work.expected, version, work.events, stored)
    if (check._tag === "AlreadyAppended") return check.result
    if (refusal._tag === "WrongExpectedVersion") return yield* refusal
    return yield* new EventStoreError.InvalidStoreRequest({ operation: "append", reason: driver.message(refusal) })
  })

/**
 * Appends: a few optimistic attempts without the lock (a read and one `INSERT`, which the engine
 * makes atomic and which waits for the write lock), then, if other appends kept getting in first,
 * one attempt inside the driver's write transaction, where none can. An append too large for one
 * statement goes straight to the transaction, so that its chunks commit together.
 */
export const append = (
  sql: SqlClient.SqlClient,
  driver: SqlDriver,
  work: AppendWork
): Effect.Effect<EventStore.AppendResult, EventStoreError.AppendError> => {
  const dialect = dialectOf(sql)
  const once = attempt(sql, driver, dialect, work)
  const locked = driver.transaction(once)
  const tryAppend = (racesLeft: number): Effect.Effect<EventStore.AppendResult, EventStoreError.AppendError> =>
    Effect.flatMap(Effect.either(racesLeft === 0 ? locked : once), (outcome) => {
      if (Either.isRight(outcome)) {
        return outcome.right._tag === "Appended"
          ? Effect.succeed(outcome.right.result)
          : explainRefusal(sql, driver, dialect, work, outcome.right.error)
      }
      const error = outcome.left
      if (error._tag !== "SqlError") return Effect.fail(error)
      const failed = driver.classify(error)
      if (failed === "busy" || failed === "other") return Effect.fail(toStoreError(driver, "append")(error))
      if (failed === "constraint") return explainRefusal(sql, driver, dialect, work, error)
      // Under the lock no one can overtake: a position taken then means a damaged store.
      if (racesLeft === 0) return Effect.fail(failure(`position taken under the write lock: ${driver.message(error)}`))
      return tryAppend(racesLeft - 1)
    })
  return tryAppend(work.encoded.length > insertChunkSize ? 0 : optimisticAttempts)
}

/** The generic batch: each request appended on its own, one after the other. */
export const appendEach =
  (sql: SqlClient.SqlClient, driver: SqlDriver): AppendBatch =>
  (requests) =>
    Effect.forEach(requests, (request) => Effect.either(append(sql, driver, request)))
