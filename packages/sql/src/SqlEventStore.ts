/**
 * The kernel's `EventStore` on a SQL database, through `@effect/sql`, for any driver.
 *
 * An append reads the log's head and the stream's version, checks the expected version, and
 * inserts all its events in one multi-row `INSERT` at the positions and versions after them. One
 * statement is atomic, and waits for SQLite's write lock under the busy timeout (then fails with
 * `StoreBusy`). The read and the insert need no lock between them: positions are dense, so if
 * another append got in between, it holds position `head + 1` and the insert fails on the primary
 * key, writing nothing; the append then reads again. After {@link optimisticAttempts} such races
 * it makes its last attempt inside the driver's write transaction, where no other writer can get
 * in; an append larger than {@link insertChunkSize} events (several statements) always does.
 * When nothing was written because the version did not hold or an event id is taken, the ids are
 * looked up to tell an idempotent retry from a conflict.
 *
 * Reads page by key (`position > ?` / `stream_version >= ?` with a `LIMIT`) and decode every row
 * with Schema.
 *
 * @since 0.2.0
 */
import * as SqlClient from "@effect/sql/SqlClient"
import * as Clock from "effect/Clock"
import * as Context from "effect/Context"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Schema from "effect/Schema"
import { EventStore, EventStoreAdapter, EventStoreError, type RecordedEvent } from "@kemitraan/eventsourcing"
import * as Append from "./internal/append.js"
import { encodeEvents } from "./internal/appendRows.js"
import { dialectOf, SafeNonNegativeInt } from "./internal/dialect.js"
import { decodeRows, eventColumnsOf } from "./internal/eventRows.js"
import * as GroupCommit from "./internal/groupCommit.js"
import * as PgAppend from "./internal/pgAppend.js"
import { type AppendBatch, type AppendRequest, type SqlDriver, toStoreError } from "./SqlDriver.js"

const decodeCount = Schema.decodeUnknownEither(Schema.Struct({ value: SafeNonNegativeInt }))

const invalidRow = (operation: string, reason: string) => new EventStoreError.StoreFailure({ operation, reason })

/** Most events one append writes with one statement; larger appends take a transaction. */
export const insertChunkSize = Append.insertChunkSize

/** How often an append retries without the lock before it takes the lock. */
export const optimisticAttempts = Append.optimisticAttempts

/**
 * The generic append of one request, for a driver's {@link AppendBatch} to fall back on (to explain
 * a refusal, say): optimistic attempts, then one under the write lock; see the module's comment.
 */
export const appendOne = (
  sql: SqlClient.SqlClient,
  driver: SqlDriver,
  request: AppendRequest
): Effect.Effect<EventStore.AppendResult, EventStoreError.AppendError> => Append.append(sql, driver, request)

/** The generic batch: each request appended with {@link appendOne}, one after the other. */
export const appendEach: (sql: SqlClient.SqlClient, driver: SqlDriver) => AppendBatch = Append.appendEach

/** Makes an event store on the given client and driver. The tables must exist (see `SqlMigrations`). */
export const makeWith = (sql: SqlClient.SqlClient, driver: SqlDriver): EventStore.EventStore => {
  const dialect = dialectOf(sql)
  const eventColumns = eventColumnsOf(dialect)
  // Appends waiting together go to the driver's batch together (group commit): on PostgreSQL one
  // call of the append function per batch. An append inside a transaction of the caller's is
  // written on its own, in that transaction (PostgreSQL's batch refuses it: the head would stay
  // locked until the caller's transaction ends).
  const batch =
    driver.appendBatch ??
    (dialect.name === "pg"
      ? (requests: ReadonlyArray<AppendRequest>) => PgAppend.appendBatch(sql, driver, dialect, requests)
      : Append.appendEach(sql, driver))
  const grouped = GroupCommit.make(batch, driver.appendLanes ?? 1, driver.appendNow)
  const alone = (work: AppendRequest) =>
    dialect.name === "pg" ? Effect.flatMap(batch([work]), (outcomes) => outcomes[0]!) : Append.append(sql, driver, work)

  const query = (operation: string, text: string, params: ReadonlyArray<unknown>) =>
    Effect.mapError(sql.unsafe<object>(dialect.text(text), params), toStoreError(driver, operation))

  /** Rows as arrays (better-sqlite3's raw mode): cheaper than one object per row. */
  const queryValues = (operation: string, text: string, params: ReadonlyArray<unknown>) =>
    Effect.mapError(
      driver.values === undefined
        ? sql.unsafe(dialect.text(text), params).values
        : driver.values(dialect.text(text), params),
      toStoreError(driver, operation)
    )

  const single = <A>(
    operation: string,
    text: string,
    params: ReadonlyArray<unknown>,
    decode: (u: unknown) => Either.Either<A, unknown>
  ) =>
    Effect.flatMap(query(operation, text, params), (rows) =>
      Either.mapLeft(decode(rows[0]), () => invalidRow(operation, `unexpected result ${JSON.stringify(rows[0])}`))
    )

  // The ISO text of the last instant an append was recorded at: appends one after the other
  // often fall in one millisecond, and the metadata's recordedAt (read from the clock just before)
  // is written with it too.
  let lastMillis = Number.NaN
  let lastInstant = ""
  const instant = (millis: number): string => {
    if (millis !== lastMillis) {
      lastInstant = EventStoreAdapter.isoText(millis)
      lastMillis = millis
    }
    return lastInstant
  }

  // One Effect step for what an append does before it writes (validate, encode, read the clock),
  // and, for an append written at once (see `GroupCommit`), its write too.
  const append: EventStore.EventStore["append"] = (streamId, expected, events) =>
    Effect.withFiberRuntime((fiber) => {
      const invalid = EventStoreAdapter.appendProblem(streamId, events, expected)
      if (invalid !== undefined) return Effect.fail(invalid)
      const encoded = encodeEvents(streamId, events, instant)
      if (Either.isLeft(encoded)) return Effect.fail(encoded.left)
      const unheld = unheldText(streamId, events)
      if (unheld !== undefined) {
        return Effect.fail(
          new EventStoreError.InvalidStoreRequest({
            operation: "append",
            reason: `${JSON.stringify(unheld)} has a NUL character, which a PostgreSQL text column cannot hold`
          })
        )
      }
      const millis = Context.get(fiber.currentDefaultServices, Clock.Clock).unsafeCurrentTimeMillis()
      const work = { streamId, expected, events, encoded: encoded.right, recordedAt: instant(millis) }
      const context = fiber.currentContext
      return Context.getOption(context, SqlClient.TransactionConnection)._tag === "Some"
        ? alone(work)
        : grouped(work, context)
    })
  /** The first of the stream id, event ids and types that the engine's text cannot hold. */
  const unheldText = (streamId: string, events: ReadonlyArray<RecordedEvent.EventToAppend>): string | undefined => {
    if (!dialect.holds(streamId)) return streamId
    for (const event of events) {
      if (!dialect.holds(event.eventId)) return event.eventId
      if (!dialect.holds(event.type)) return event.type
    }
    return undefined
  }

  const readStream: EventStore.EventStore["readStream"] = (streamId, options) =>
    Effect.gen(function* () {
      const fromVersion = options?.fromVersion
      const maxCount = options?.maxCount
      yield* EventStoreAdapter.validateStreamId("readStream", streamId)
      yield* EventStoreAdapter.validateRead("readStream", { fromVersion, maxCount })
      // A stream id the engine's text cannot hold names no stored stream.
      if (!dialect.holds(streamId)) return []
      const rows = yield* queryValues(
        "readStream",
        `SELECT ${eventColumns} FROM events WHERE stream_id = ? AND stream_version >= CAST(? AS bigint) ORDER BY stream_version LIMIT ?`,
        [streamId, Math.max(1, fromVersion ?? 1), maxCount ?? dialect.noLimit]
      )
      return yield* decodeRows(rows)
    })

  const readAllPage: EventStore.EventStore["readAllPage"] = (after, limit) =>
    Effect.gen(function* () {
      yield* EventStoreAdapter.validateRead("readAll", { after, limit })
      const rows = yield* queryValues(
        "readAll",
        `SELECT ${eventColumns} FROM events WHERE position > ? ORDER BY position LIMIT ?`,
        [after, limit]
      )
      return yield* decodeRows(rows)
    })

  const streamVersion: EventStore.EventStore["streamVersion"] = (streamId) =>
    Effect.zipRight(
      EventStoreAdapter.validateStreamId("streamVersion", streamId),
      dialect.holds(streamId)
        ? Effect.map(
            single(
              "streamVersion",
              "SELECT coalesce(max(stream_version), 0) AS value FROM events WHERE stream_id = ?",
              [streamId],
              decodeCount
            ),
            (row) => row.value
          )
        : Effect.succeed(0)
    )

  const headPosition = Effect.map(
    single("headPosition", "SELECT coalesce(max(position), 0) AS value FROM events", [], decodeCount),
    (row) => row.value
  )

  return EventStore.EventStore.of({ append, readStream, readAllPage, streamVersion, headPosition })
}

/** Makes an event store on the `SqlClient` in context. The tables must exist (see `SqlMigrations`). */
export const make = (driver: SqlDriver): Effect.Effect<EventStore.EventStore, never, SqlClient.SqlClient> =>
  Effect.map(SqlClient.SqlClient, (sql) => makeWith(sql, driver))
