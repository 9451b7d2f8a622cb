/**
 * The kernel's `ReadModelStore` on a SQL database: read models' tables created from their row
 * schemas, rows loaded by key or index in a few statements, and each commit's changed rows (upserts
 * and deletes by key) written with the checkpoint in one write transaction of the driver.
 *
 * Each row is encoded with its table's schema on the way in and decoded with it on the way out:
 * booleans are kept as 0 and 1 where the engine has no boolean, decimals (bigints encoded as their
 * digits) as numbers up to 2^53 and as their digits beyond, and fields that are neither text nor
 * numbers as JSON text.
 *
 * @since 0.2.0
 */
import * as SqlClient from "@effect/sql/SqlClient"
import { SqlError } from "@effect/sql/SqlError"
import * as Clock from "effect/Clock"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Option from "effect/Option"
import * as ParseResult from "effect/ParseResult"
import * as Schema from "effect/Schema"
import {
  EventStoreError,
  type ProjectionLeases,
  type ReadModel,
  ReadModelStore,
  type Table
} from "@kemitraan/eventsourcing"
import * as Ddl from "./internal/ddl.js"
import { type Dialect, dialectOf, integerOf, SafeInt, SafeNonNegativeInt } from "./internal/dialect.js"
import { type SqlDriver, toStoreError } from "./SqlDriver.js"

/** Most parameters one statement binds: under SQLite's 32,766 and PostgreSQL's 65,535. */
export const maxParameters = 30_000

const CheckpointRow = Schema.Tuple(SafeInt, SafeNonNegativeInt)
const decodeCheckpoint = Schema.decodeUnknownEither(CheckpointRow)

/** What a write transaction of this store may fail with, once its statements' errors are typed. */
type TransactionError =
  EventStoreError.StoreError | ReadModelStore.CheckpointMoved | ProjectionLeases.ProjectionLeaseLost

const quote = (name: string): string => `"${name}"`

const chunks = <A>(items: ReadonlyArray<A>, size: number): Array<ReadonlyArray<A>> => {
  const out: Array<ReadonlyArray<A>> = []
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size))
  return out
}

/** The smallest power of two at least `n`, but not past `most`: how many entries a statement is written for. */
const paddedSize = (n: number, most: number): number => {
  let size = 1
  while (size < n) size *= 2
  return Math.min(size, most)
}

/**
 * Rows in chunks of a power of four rows each (at most `most`), largest first: a table's upserts
 * then take a few statement texts, which the driver prepares once, whatever the number of rows.
 */
const upsertChunks = <A>(items: ReadonlyArray<A>, most: number): Array<ReadonlyArray<A>> => {
  let largest = 1
  while (largest * 4 <= most) largest *= 4
  const out: Array<ReadonlyArray<A>> = []
  let start = 0
  for (let size = largest; size >= 1; size /= 4) {
    while (items.length - start >= size) {
      out.push(items.slice(start, start + size))
      start += size
    }
  }
  return out
}

/** One value of {@link valuesOf}: a string as itself after a letter, anything else (or a string with a NUL) as JSON. */
const valuePart = (value: unknown): string =>
  typeof value === "string" && !value.includes("\u0000") ? `s${value}` : `j${JSON.stringify(value ?? null)}`

/**
 * The values of a row's fields as one string, to find the rows whose fields equal a look-up's: no
 * part holds a NUL, so parts joined by NULs give one string per list of values.
 */
const valuesOf = (row: Table.AnyRow, fields: ReadonlyArray<string>): string => {
  let values = valuePart(row[fields[0]!])
  for (let i = 1; i < fields.length; i++) values += `\u0000${valuePart(row[fields[i]!])}`
  return values
}

/** How a table's rows go to and from its columns. */
interface Codec {
  readonly table: Table.AnyTable
  readonly select: string
  /** Encodes a row and pushes its columns' values onto `params`; answers why it does not encode, if it does not. */
  readonly pushColumns: (row: Table.AnyRow, params: Array<unknown>) => string | undefined
  readonly fromColumns: (values: ReadonlyArray<unknown>) => Either.Either<Table.AnyRow, string>
  readonly columnOf: (field: string) => string
}

const toColumn = (kind: Table.ColumnKind, value: unknown, dialect: Dialect): unknown =>
  value === null || value === undefined
    ? null
    : kind === "decimal"
      ? dialect.decimal(value)
      : kind === "boolean"
        ? value === true
          ? 1
          : 0
        : kind === "json"
          ? JSON.stringify(value)
          : value

const fromColumn = (kind: Table.ColumnKind, value: unknown): unknown => {
  if (value === null) return null
  if (kind === "integer") return integerOf(value)
  if (kind === "boolean") return value === 1 ? true : value === 0 ? false : value
  // A driver may give a numeric column back as a number or a bigint: the row schema decodes digits.
  if (kind === "decimal" && (typeof value === "bigint" || typeof value === "number")) return value.toString()
  if (kind === "json" && typeof value === "string") {
    try {
      return JSON.parse(value)
    } catch {
      return value
    }
  }
  return value
}

const formatError = (error: ParseResult.ParseError) => ParseResult.TreeFormatter.formatErrorSync(error)

const codecOf = (table: Table.AnyTable, dialect: Dialect): Codec => {
  const columns = table.columns
  const byField = new Map(columns.map((column) => [column.field, column.name]))
  return {
    table,
    select: columns
      .map((column) => (column.kind === "json" ? dialect.jsonText(quote(column.name)) : quote(column.name)))
      .join(", "),
    columnOf: (field) => byField.get(field) ?? field,
    pushColumns: (row, params) => {
      const encoded = table.encodeRow(row)
      if (Either.isLeft(encoded)) return formatError(encoded.left)
      for (const column of columns) params.push(toColumn(column.kind, encoded.right[column.field], dialect))
      return undefined
    },
    fromColumns: (values) => {
      const encoded: Record<string, unknown> = {}
      columns.forEach((column, i) => {
        encoded[column.field] = fromColumn(column.kind, values[i])
      })
      return Either.mapLeft(table.decodeRow(encoded), formatError)
    }
  }
}

/** Makes a read-model store on the given client and driver. The checkpoints table must exist (see `SqlMigrations`). */
export const makeWith = (sql: SqlClient.SqlClient, driver: SqlDriver): ReadModelStore.ReadModelStore => {
  const dialect = dialectOf(sql)
  const codecs = new WeakMap<Table.AnyTable, Codec>()
  const codec = (table: Table.AnyTable): Codec => {
    let found = codecs.get(table)
    if (found === undefined) {
      found = codecOf(table, dialect)
      codecs.set(table, found)
    }
    return found
  }

  const run = (operation: string, text: string, params: ReadonlyArray<unknown> = []) =>
    Effect.mapError(sql.unsafe(dialect.text(text), params).values, toStoreError(driver, operation))

  /**
   * A load's statement: on the driver's own connection and statements when it has them, without
   * the client's per-statement span, scope and compiler (a quarter of a rebuild's loading time).
   * Not on PostgreSQL, whose loads run in one transaction of the client's (see `oneState`).
   */
  const { execute, values } = driver
  const runLoad =
    values === undefined || dialect.name === "pg"
      ? run
      : (operation: string, text: string, params: ReadonlyArray<unknown>) =>
          Effect.mapError(values(dialect.text(text), params), toStoreError(driver, operation))

  /** A commit's write: on the driver's connection when it has one (it is the transaction's). */
  const runWrite =
    execute === undefined
      ? run
      : (operation: string, text: string, params: ReadonlyArray<unknown>) =>
          Effect.mapError(execute(dialect.text(text), params), toStoreError(driver, operation))

  const decodeRows = (operation: string, table: Table.AnyTable, rows: ReadonlyArray<ReadonlyArray<unknown>>) => {
    const { fromColumns } = codec(table)
    const out: Array<Table.AnyRow> = []
    for (const values of rows) {
      const row = fromColumns(values)
      if (Either.isLeft(row)) {
        return Either.left(
          new EventStoreError.StoreFailure({
            operation,
            reason: `a row of table "${table.name}" does not decode: ${row.left}`
          })
        )
      }
      out.push(row.right)
    }
    return Either.right(out)
  }

  const whereOf = (table: Table.AnyTable, where: Table.AnyRow) => {
    const fields = Object.keys(where)
    const { columnOf } = codec(table)
    const kinds = new Map(table.columns.map((column) => [column.field, column.kind]))
    return {
      text:
        fields.length === 0
          ? ""
          : ` WHERE ${fields.map((field) => `${quote(columnOf(field))} ${dialect.isOperator} ?`).join(" AND ")}`,
      params: fields.map((field) => toColumn(kinds.get(field) ?? "text", where[field], dialect))
    }
  }

  const orderBy = (table: Table.AnyTable) =>
    ` ORDER BY ${table.key.map((field) => quote(codec(table).columnOf(field))).join(", ")}`

  const list: ReadModelStore.ReadModelStore["list"] = (table, where) =>
    Effect.gen(function* () {
      const operation = `list the rows of "${table.name}"`
      const condition = whereOf(table, where)
      const rows = yield* run(
        operation,
        `SELECT ${codec(table).select} FROM ${quote(table.name)}${condition.text}${orderBy(table)}`,
        condition.params
      )
      return yield* decodeRows(operation, table, rows)
    })

  const loadTexts = new Map<string, string>()
  /** The statement that loads the rows of `size` look-ups on `fields`, made once per table, fields and size. */
  const loadText = (
    table: Table.AnyTable,
    fields: ReadonlyArray<string>,
    size: number,
    columnOf: (field: string) => string,
    select: string
  ): string => {
    const id = `${table.name}\u0000${fields.join(",")}\u0000${size}`
    let text = loadTexts.get(id)
    if (text === undefined) {
      const columns = fields.map((field) => quote(columnOf(field)))
      const target = columns.length === 1 ? columns[0]! : `(${columns.join(", ")})`
      const tuple = columns.length === 1 ? "?" : `(${columns.map(() => "?").join(", ")})`
      const values = Array.from({ length: size }, () => tuple).join(", ")
      // SQLite compares row values only with a subquery; PostgreSQL types a list of rows' parameters.
      const inList = columns.length === 1 || dialect.name === "pg" ? values : `VALUES ${values}`
      text = `SELECT ${select} FROM ${quote(table.name)} WHERE ${target} IN (${inList})`
      loadTexts.set(id, text)
    }
    return text
  }

  /**
   * The rows of look-ups on one table by the same fields, in one statement per chunk: `IN` on one
   * field, row values on several. A look-up with a null goes alone, by `IS`. A chunk's list is
   * padded to a power of two with its last value (which changes nothing an `IN` finds), so that a
   * table has a few statement texts, which the driver prepares once, not one per page.
   */
  const loadGroup = (table: Table.AnyTable, fields: ReadonlyArray<string>, wheres: ReadonlyArray<Table.AnyRow>) =>
    Effect.gen(function* () {
      const operation = `load rows of "${table.name}"`
      const { columnOf, select } = codec(table)
      const kinds = fields.map((field) => table.columns.find((column) => column.field === field)?.kind ?? "text")
      const found: Array<Table.AnyRow> = []
      const plain: Array<Table.AnyRow> = []
      for (const where of wheres) {
        if (fields.every((field) => where[field] !== null)) plain.push(where)
        else found.push(...(yield* list(table, where)))
      }
      for (const chunk of chunks(plain, Math.floor(maxParameters / fields.length))) {
        const size = paddedSize(chunk.length, Math.floor(maxParameters / fields.length))
        const params: Array<unknown> = []
        for (let i = 0; i < size; i++) {
          const where = chunk[Math.min(i, chunk.length - 1)]!
          for (let j = 0; j < fields.length; j++) params.push(toColumn(kinds[j]!, where[fields[j]!], dialect))
        }
        const rows = yield* runLoad(operation, loadText(table, fields, size, columnOf, select), params)
        found.push(...(yield* decodeRows(operation, table, rows)))
      }
      return found
    })

  /**
   * A load's statements see one state of the tables. SQLite runs them on its one connection with
   * nothing in between; on PostgreSQL another connection's commit could land between two of them,
   * so they run in one read-only REPEATABLE READ transaction (unless one is open already).
   */
  const oneState = <A, E>(
    effect: Effect.Effect<A, E>
  ): Effect.Effect<A, E | EventStoreError.StoreBusy | EventStoreError.StoreFailure> =>
    Effect.flatMap(Effect.serviceOption(SqlClient.TransactionConnection), (outer) =>
      dialect.name !== "pg" || Option.isSome(outer)
        ? effect
        : sql
            .withTransaction(
              Effect.zipRight(run("load rows", "SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY"), effect)
            )
            .pipe(
              Effect.mapError((error) => (error instanceof SqlError ? toStoreError(driver, "load rows")(error) : error))
            )
    )

  const load: ReadModelStore.ReadModelStore["load"] = (lookups) => oneState(loadRows(lookups))

  const loadRows = (lookups: ReadonlyArray<ReadModel.Lookup>) =>
    Effect.gen(function* () {
      // Group the look-ups by table and fields, load each group, then hand each look-up its rows,
      // found by the values of the group's fields.
      const groups = new Map<string, { table: Table.AnyTable; fields: Array<string>; wheres: Array<Table.AnyRow> }>()
      const groupOf = ({ table, where }: ReadModel.Lookup) => {
        const fields = Object.keys(where)
        return fields.length === 1 ? `${table.name}\u0000${fields[0]}` : `${table.name}\u0000${fields.sort().join(",")}`
      }
      const ids = lookups.map(groupOf)
      lookups.forEach((lookup, i) => {
        const id = ids[i]!
        let group = groups.get(id)
        if (group === undefined) {
          group = { table: lookup.table, fields: Object.keys(lookup.where).sort(), wheres: [] }
          groups.set(id, group)
        }
        group.wheres.push(lookup.where)
      })
      const rowsByValues = new Map<string, Map<string, Array<Table.AnyRow>>>()
      for (const [id, group] of groups) {
        const byValues = new Map<string, Array<Table.AnyRow>>()
        for (const row of yield* loadGroup(group.table, group.fields, group.wheres)) {
          const values = valuesOf(row, group.fields)
          const rows = byValues.get(values)
          if (rows === undefined) byValues.set(values, [row])
          else rows.push(row)
        }
        rowsByValues.set(id, byValues)
      }
      return lookups.map((lookup, i) => {
        const id = ids[i]!
        return rowsByValues.get(id)?.get(valuesOf(lookup.where, groups.get(id)?.fields ?? [])) ?? []
      })
    })

  const upsertTexts = new Map<string, string>()
  const upsertText = (table: Table.AnyTable, rows: number): string => {
    const id = `${table.name}\u0000${rows}`
    let text = upsertTexts.get(id)
    if (text === undefined) {
      const { columnOf } = codec(table)
      const columns = table.columns.map((column) => quote(column.name))
      const keys = table.key.map((field) => quote(columnOf(field)))
      const others = table.columns.filter((column) => !table.key.includes(column.field))
      const tuple = `(${columns.map(() => "?").join(", ")})`
      const onConflict =
        others.length === 0
          ? "DO NOTHING"
          : `DO UPDATE SET ${others.map((column) => `${quote(column.name)} = excluded.${quote(column.name)}`).join(", ")}`
      text = `INSERT INTO ${quote(table.name)} (${columns.join(", ")}) VALUES ${Array.from({ length: rows }, () => tuple).join(", ")} ON CONFLICT (${keys.join(", ")}) ${onConflict}`
      upsertTexts.set(id, text)
    }
    return text
  }

  const writeChanges = (change: ReadModelStore.TableChanges) =>
    Effect.gen(function* () {
      const { table } = change
      const operation = `write the rows of "${table.name}"`
      const { columnOf, pushColumns } = codec(table)
      for (const key of change.deletes) {
        const condition = whereOf(table, key)
        yield* runWrite(operation, `DELETE FROM ${quote(table.name)}${condition.text}`, condition.params)
      }
      const perStatement = Math.max(1, Math.floor(maxParameters / table.columns.length))
      for (const chunk of upsertChunks(change.upserts, perStatement)) {
        const params: Array<unknown> = []
        for (const row of chunk) {
          const start = params.length
          const failure = pushColumns(row, params)
          if (failure !== undefined) {
            const key = table.key.map((field) => `${columnOf(field)} = ${JSON.stringify(row[field])}`).join(", ")
            return yield* new EventStoreError.StoreFailure({
              operation,
              reason: `the row (${key}) does not encode: ${failure}`
            })
          }
          for (let i = start; i < params.length; i++) {
            const value = params[i]
            if (typeof value === "string" && !dialect.holds(value)) {
              const key = table.key.map((field) => `${columnOf(field)} = ${JSON.stringify(row[field])}`).join(", ")
              return yield* new EventStoreError.StoreFailure({
                operation,
                reason: `the row (${key}) has text with a NUL character, which PostgreSQL cannot hold`
              })
            }
          }
        }
        yield* runWrite(operation, upsertText(table, chunk.length), params)
      }
    })

  const checkpointNow = (name: string, operation: string) =>
    Effect.flatMap(run(operation, "SELECT version, position FROM checkpoints WHERE name = ?", [name]), (rows) => {
      if (rows.length === 0) return Effect.succeed(Option.none<ReadModelStore.Checkpoint>())
      const row = decodeCheckpoint(rows[0])
      return Either.isLeft(row)
        ? Effect.fail(
            new EventStoreError.StoreFailure({
              operation,
              reason: `the stored checkpoint does not decode: ${formatError(row.left)}`
            })
          )
        : Effect.succeed(Option.some({ name, version: row.right[0], position: row.right[1] }))
    })

  const transaction = <A, E extends TransactionError>(
    operation: string,
    effect: Effect.Effect<A, E | SqlError>
  ): Effect.Effect<A, E | EventStoreError.StoreBusy | EventStoreError.StoreFailure> =>
    Effect.catchTag(driver.transaction(effect), "SqlError", (error) =>
      Effect.fail(toStoreError(driver, operation)(error))
    )

  const commit: ReadModelStore.ReadModelStore["commit"] = (commit) => {
    const { changes, checkpoint, fence } = commit
    const operation = `commit read model "${checkpoint.name}"`
    return transaction(
      operation,
      Effect.gen(function* () {
        // The lease first: a node that lost it must not even read the checkpoint it would overwrite.
        if (fence !== undefined) yield* fence
        yield* ReadModelStore.checkCommit(commit, yield* checkpointNow(checkpoint.name, operation))
        for (const change of changes) yield* writeChanges(change)
        const updatedAt = new Date(yield* Clock.currentTimeMillis).toISOString()
        yield* run(
          operation,
          `INSERT INTO checkpoints (name, version, position, updated_at) VALUES (?, ?, ?, ?)
           ON CONFLICT (name) DO UPDATE SET version = excluded.version, position = excluded.position,
             updated_at = excluded.updated_at`,
          [checkpoint.name, checkpoint.version, checkpoint.position, updatedAt]
        )
      })
    )
  }

  const reset: ReadModelStore.ReadModelStore["reset"] = (name, tables, fence, over) => {
    const operation = `reset read model "${name}"`
    return transaction(
      operation,
      Effect.gen(function* () {
        if (fence !== undefined) yield* fence
        if (over !== undefined) yield* ReadModelStore.checkReset(name, over, yield* checkpointNow(name, operation))
        for (const table of tables) yield* run(operation, `DELETE FROM ${quote(table.name)}`)
        yield* run(operation, "DELETE FROM checkpoints WHERE name = ?", [name])
      })
    )
  }

  const createTables: ReadModelStore.ReadModelStore["createTables"] = (tables) =>
    transaction(
      "create read-model tables",
      Effect.forEach(tables, (table) => Ddl.create(sql, table), { discard: true })
    )

  const checkpoint: ReadModelStore.ReadModelStore["checkpoint"] = (name) =>
    checkpointNow(name, `load the checkpoint of "${name}"`)

  return ReadModelStore.ReadModelStore.of({ createTables, checkpoint, load, commit, reset, list })
}

/** Makes a read-model store on the `SqlClient` in context. */
export const make = (driver: SqlDriver): Effect.Effect<ReadModelStore.ReadModelStore, never, SqlClient.SqlClient> =>
  Effect.map(SqlClient.SqlClient, (sql) => makeWith(sql, driver))
