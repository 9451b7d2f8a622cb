/**
 * Writes a read model's tables from a projection's state, and records in `read_models` the position
 * of the log they show. Every write is one transaction (a savepoint inside the runner's checkpoint
 * transaction), so the tables are never seen half-written.
 */
import { SqlClient } from "@effect/sql"
import type { SqlError } from "@effect/sql/SqlError"
import { Clock, Effect, Either, Option, ParseResult, Schema } from "effect"
import type { KemitraanEvent } from "@kemitraan/core"
import { EventStoreError, type Projection } from "@kemitraan/eventsourcing"
import { toStoreError } from "./sqliteError.js"
import * as Table from "./readModelTable.js"
import * as SqliteTransaction from "../SqliteTransaction.js"

/** One table of a read model, and which of the read model's rows it holds. */
export interface Binding<Rows> {
  readonly table: Table.Layout
  readonly insert: (rows: Rows) => Effect.Effect<void, SqlError, SqlClient.SqlClient>
  /** A digest of the rows the table would hold (see `Table.digest`). */
  readonly digest: (rows: Rows) => string
}

/** Binds a table to the rows of a read model it holds. */
export const bind = <Rows, Row extends Readonly<Record<keyof Row, Table.FieldValue>>>(
  table: Table.Table<Row>,
  select: (rows: Rows) => ReadonlyArray<Row>
): Binding<Rows> => ({
  table,
  insert: (rows) => Table.insert(table, select(rows)),
  digest: (rows) => Table.digest(table, select(rows))
})

/** A projection of the core with the tables that show it. */
export interface ReadModel<State, Rows> {
  readonly projection: Projection.Projection<State, KemitraanEvent.KemitraanEvent>
  /** The projection's state as rows, one list per table (the core's `rows`). */
  readonly rows: (state: State) => Rows
  readonly tables: ReadonlyArray<Binding<Rows>>
}

/** What `read_models` says the tables show: the projection's version and a position of the log. */
export const Shown = Schema.Struct({ version: Schema.Int, position: Schema.NonNegativeInt })
/** What `read_models` says the tables show. */
export type Shown = typeof Shown.Type

const decodeShown = Schema.decodeUnknownEither(Shown)

type StoreError = EventStoreError.StoreBusy | EventStoreError.StoreFailure

/** What the tables of a read model show, if they were ever written. */
export const shown = <State, Rows>(
  model: ReadModel<State, Rows>
): Effect.Effect<Option.Option<Shown>, StoreError, SqlClient.SqlClient> =>
  Effect.gen(function* () {
    const sql = yield* SqlClient.SqlClient
    const { name } = model.projection
    const operation = `read the position of read model "${name}"`
    const rows = yield* Effect.mapError(
      sql.unsafe<object>("SELECT version, position FROM read_models WHERE name = ?", [name]),
      toStoreError(operation)
    )
    if (rows.length === 0) return Option.none()
    const decoded = decodeShown(rows[0])
    if (Either.isRight(decoded)) return Option.some(decoded.right)
    const reason = `the row does not decode: ${ParseResult.TreeFormatter.formatErrorSync(decoded.left)}`
    return yield* new EventStoreError.StoreFailure({ operation, reason })
  })

/** Runs statements in one transaction of the client in context, their failures told as store errors. */
const inTransaction = <A, R>(
  operation: string,
  effect: Effect.Effect<A, SqlError, R>
): Effect.Effect<A, StoreError, R | SqlClient.SqlClient> =>
  Effect.flatMap(SqlClient.SqlClient, (sql) =>
    Effect.mapError(SqliteTransaction.make(sql, toStoreError(operation))(effect), (error) =>
      error._tag === "SqlError" ? toStoreError(operation)(error) : error
    )
  )

const record = (name: string, version: number, position: number) =>
  Effect.gen(function* () {
    const sql = yield* SqlClient.SqlClient
    const updatedAt = new Date(yield* Clock.currentTimeMillis).toISOString()
    yield* sql.unsafe(
      `INSERT INTO read_models (name, version, position, updated_at) VALUES (?, ?, ?, ?)
       ON CONFLICT (name) DO UPDATE SET version = excluded.version, position = excluded.position,
         updated_at = excluded.updated_at`,
      [name, version, position, updatedAt]
    )
  })

/**
 * What this process last wrote to a read model's tables, by client: the position and a digest of
 * each table. It counts only while `read_models` shows that very position, that is, once the
 * transaction that wrote it committed and nobody wrote the tables since.
 */
interface Written {
  readonly version: number
  readonly position: number
  readonly digests: ReadonlyMap<string, string>
}

const written = new WeakMap<SqlClient.SqlClient, Map<string, Written>>()

const writtenOf = (sql: SqlClient.SqlClient): Map<string, Written> => {
  const found = written.get(sql)
  if (found !== undefined) return found
  const made = new Map<string, Written>()
  written.set(sql, made)
  return made
}

/** What this process wrote last, if the tables still show it. */
const stillShown = (sql: SqlClient.SqlClient, name: string): Effect.Effect<Written | undefined, SqlError> =>
  Effect.gen(function* () {
    const last = writtenOf(sql).get(name)
    if (last === undefined) return undefined
    const rows = yield* sql.unsafe<object>("SELECT version, position FROM read_models WHERE name = ?", [name])
    const shownNow = Schema.decodeUnknownOption(Shown)(rows[0])
    const same = Option.exists(shownNow, (s) => s.version === last.version && s.position === last.position)
    return same ? last : undefined
  })

/**
 * Makes the tables of a read model hold the rows of a state, and records its position. A table
 * whose rows are those it already holds is left alone; any other is emptied and written whole.
 */
export const write = <State, Rows>(
  model: ReadModel<State, Rows>,
  progress: Projection.ProjectionState<State>
): Effect.Effect<void, StoreError, SqlClient.SqlClient> => {
  const { name, version } = model.projection
  return inTransaction(
    `write the tables of read model "${name}" at position ${progress.position}`,
    Effect.gen(function* () {
      const sql = yield* SqlClient.SqlClient
      const rows = model.rows(progress.state)
      const last = yield* stillShown(sql, name)
      const digests = new Map<string, string>()
      for (const { table, insert, digest } of model.tables) {
        const rowsDigest = digest(rows)
        digests.set(table.name, rowsDigest)
        if (last?.digests.get(table.name) === rowsDigest) continue
        yield* Table.truncate(table)
        yield* insert(rows)
      }
      yield* record(name, version, progress.position)
      writtenOf(sql).set(name, { version, position: progress.position, digests })
    })
  )
}

/** Empties every table of a read model and forgets its position. */
export const reset = <State, Rows>(
  model: ReadModel<State, Rows>
): Effect.Effect<void, StoreError, SqlClient.SqlClient> =>
  inTransaction(
    `empty the tables of read model "${model.projection.name}"`,
    Effect.gen(function* () {
      const sql = yield* SqlClient.SqlClient
      for (const { table } of model.tables) yield* Table.truncate(table)
      yield* sql.unsafe("DELETE FROM read_models WHERE name = ?", [model.projection.name])
      writtenOf(sql).delete(model.projection.name)
    })
  )

/** Every row of a table, ordered by its key, decoded with the table's row schema. */
export const readTable = <Row>(table: Table.Table<Row>): Effect.Effect<Array<Row>, StoreError, SqlClient.SqlClient> =>
  Effect.gen(function* () {
    const operation = `read the table ${table.name}`
    const stored = yield* Effect.mapError(Table.selectAll(table), toStoreError(operation))
    const rows: Array<Row> = []
    for (const [index, row] of stored.entries()) {
      const decoded = table.decode(row)
      if (Either.isLeft(decoded)) {
        const reason = `row ${index + 1} does not decode: ${ParseResult.TreeFormatter.formatErrorSync(decoded.left)}`
        return yield* new EventStoreError.StoreFailure({ operation, reason })
      }
      rows.push(decoded.right)
    }
    return rows
  })
