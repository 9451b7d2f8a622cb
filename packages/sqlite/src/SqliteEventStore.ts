/**
 * The kernel's `EventStore` on a SQLite database, through `@effect/sql`.
 *
 * An append of up to {@link insertChunkSize} events is one `INSERT ... SELECT`
 * statement: SQLite takes the write lock when a write statement starts (waiting up to the busy
 * timeout for another process, then failing with `StoreBusy`), and the statement then reads the
 * log's head and the stream's version, checks the expected version and inserts every event at the
 * positions and versions after them, atomically. A larger append runs one such statement per chunk
 * in one `BEGIN IMMEDIATE` transaction. When nothing was written (the version did not hold, or an
 * event id is taken), the ids are looked up to tell an idempotent retry from a conflict.
 *
 * Reads page by key (`position > ?` / `stream_version >= ?` with a `LIMIT`) and decode every row
 * with Schema.
 *
 * @since 0.1.0
 */
import { SqlClient } from "@effect/sql"
import { Clock, Effect, Either, Schema } from "effect"
import { EventStore, EventStoreAdapter, EventStoreError } from "@kemitraan/eventsourcing"
import * as AppendStatement from "./internal/appendStatement.js"
import { encodeEvents } from "./internal/appendRows.js"
import { decodeRows, eventColumns } from "./internal/eventRows.js"
import { toStoreError } from "./internal/sqliteError.js"
import * as SqliteTransaction from "./SqliteTransaction.js"

const decodeCount = Schema.decodeUnknownEither(Schema.Struct({ value: Schema.NonNegativeInt }))

const invalidRow = (operation: string, reason: string) => new EventStoreError.StoreFailure({ operation, reason })

/** Most events one append writes with one statement; larger appends take a transaction. */
export const insertChunkSize = AppendStatement.insertChunkSize

/** Makes an event store on the given client. The tables must exist (see `SqliteMigrations`). */
export const makeWith = (sql: SqlClient.SqlClient): EventStore.EventStore => {
  const transaction = SqliteTransaction.make(sql, toStoreError("append"))

  const query = (operation: string, text: string, params: ReadonlyArray<unknown>) =>
    Effect.mapError(sql.unsafe<object>(text, params), toStoreError(operation))

  /** Rows as arrays (better-sqlite3's raw mode): cheaper than one object per row. */
  const queryValues = (operation: string, text: string, params: ReadonlyArray<unknown>) =>
    Effect.mapError(sql.unsafe(text, params).values, toStoreError(operation))

  const single = <A>(
    operation: string,
    text: string,
    params: ReadonlyArray<unknown>,
    decode: (u: unknown) => Either.Either<A, unknown>
  ) =>
    Effect.flatMap(query(operation, text, params), (rows) =>
      Either.mapLeft(decode(rows[0]), () => invalidRow(operation, `unexpected result ${JSON.stringify(rows[0])}`))
    )

  const append: EventStore.EventStore["append"] = (streamId, expected, events) =>
    Effect.gen(function* () {
      yield* EventStoreAdapter.validateAppend(streamId, events)
      const encoded = yield* encodeEvents(streamId, events)
      const recordedAt = new Date(yield* Clock.currentTimeMillis).toISOString()
      const work = { streamId, expected, events, encoded, recordedAt }
      return yield* AppendStatement.append(sql, transaction, work)
    })

  const readStream: EventStore.EventStore["readStream"] = (streamId, options) =>
    Effect.gen(function* () {
      const fromVersion = options?.fromVersion
      const maxCount = options?.maxCount
      yield* EventStoreAdapter.validateRead("readStream", { fromVersion, maxCount })
      const rows = yield* queryValues(
        "readStream",
        `SELECT ${eventColumns} FROM events WHERE stream_id = ? AND stream_version >= ? ORDER BY stream_version LIMIT ?`,
        [streamId, Math.max(1, fromVersion ?? 1), maxCount ?? -1]
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
