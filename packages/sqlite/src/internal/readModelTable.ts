/**
 * One table of a read model: the core's row schema laid out as columns. A field `potentialValue`
 * is the column `potential_value`; booleans are stored as 0 and 1; everything else (text, integer
 * rupiah, counts, null) as it is. Rows are written in multi-row INSERTs and read back decoded with
 * the row schema, so a row that the table holds is a row the core could have made.
 */
import { SqlClient } from "@effect/sql"
import type { SqlError } from "@effect/sql/SqlError"
import { createHash } from "node:crypto"
import { Array as Arr, Effect, type Either, ParseResult, Record, Schema, SchemaAST } from "effect"

/** A value as SQLite stores it. */
export type SqlValue = string | number | null

/** A value a row's field may hold: a SQL value, or a boolean stored as 0 or 1. */
export type FieldValue = SqlValue | boolean

/** Where a table's rows are: its name and columns. */
export interface Layout {
  readonly name: string
  /** The columns, in the order of the row's fields. */
  readonly columns: ReadonlyArray<string>
  /** The columns that identify a row: reads are ordered by them. */
  readonly key: ReadonlyArray<string>
}

/** A read model's table, holding rows of type `Row`. */
export interface Table<Row> extends Layout {
  /** The row's fields, in column order. */
  readonly fields: ReadonlyArray<keyof Row & string>
  /** Decodes a row as SQLite returns it (an object by column name). */
  readonly decode: (row: unknown) => Either.Either<Row, ParseResult.ParseError>
}

/** The column of a field: `potentialValue` is `potential_value`. */
export const columnOf = (field: string): string => field.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`)

/** Whether a schema's values may be booleans (`Schema.Boolean`, `Schema.NullOr(Schema.Boolean)`). */
const holdsBooleans = (ast: SchemaAST.AST): boolean =>
  SchemaAST.isBooleanKeyword(ast) || (SchemaAST.isUnion(ast) && ast.types.some(SchemaAST.isBooleanKeyword))

/** A row as SQLite returns it. */
const SqlRow = Schema.Record({ key: Schema.String, value: Schema.Union(Schema.String, Schema.Number, Schema.Null) })

/**
 * Renames columns to fields and turns 0 and 1 back into booleans; the row schema then checks the
 * rest. Decoding only: rows are written by {@link insert}.
 */
const fromColumns = (fields: ReadonlyArray<string>, columns: ReadonlyArray<string>, booleans: ReadonlySet<string>) =>
  Schema.transformOrFail(SqlRow, Schema.Unknown, {
    strict: true,
    decode: (row) =>
      ParseResult.succeed(
        Record.fromEntries(
          Arr.zipWith(fields, columns, (field, column) => {
            const value = row[column] ?? null
            return [field, booleans.has(field) && (value === 0 || value === 1) ? value === 1 : value] as const
          })
        )
      ),
    encode: (row, _, ast) => ParseResult.fail(new ParseResult.Forbidden(ast, row, "rows are written with insert"))
  })

/** How a table is laid out. */
export interface Spec<K extends string, Row, I> {
  readonly name: string
  /** The core's row schema (a `Schema.Struct`): its fields are the columns, in order. */
  readonly row: Schema.Schema<Row, I> & { readonly fields: { readonly [P in K]: Schema.Schema.All } }
  /** The fields that identify a row. */
  readonly key: ReadonlyArray<NoInfer<K>>
  /** Column names that differ from {@link columnOf} (SQL keywords such as `from`). */
  readonly rename?: Partial<Record<NoInfer<K>, string>> | undefined
}

/** Lays out a table from the core's row schema. */
export const make = <K extends string, Row extends { readonly [P in K]: FieldValue }, I>(
  spec: Spec<K, Row, I>
): Table<Row> => {
  const fields = Record.keys(spec.row.fields)
  const columnFor = (field: K): string => spec.rename?.[field] ?? columnOf(field)
  const columns = fields.map(columnFor)
  const booleans = new Set(fields.filter((field) => holdsBooleans(spec.row.fields[field].ast)))
  const decode = Schema.decodeUnknownEither(
    Schema.compose(fromColumns(fields, columns, booleans), spec.row, { strict: false })
  )
  return { name: spec.name, fields, columns, key: spec.key.map(columnFor), decode }
}

/** SQLite's limit on the parameters of one statement. */
const maxParameters = 32_766

/** Rows per INSERT: as many as the parameters allow, up to 500 (longer texts gain nothing). */
const rowsPerInsert = (table: Layout): number =>
  Math.max(1, Math.min(500, Math.floor(maxParameters / table.columns.length)))

const insertText = (table: Layout, rows: number): string => {
  const tuple = `(${table.columns.map(() => "?").join(", ")})`
  return `INSERT INTO ${table.name} (${table.columns.join(", ")}) VALUES ${Array.from({ length: rows }, () => tuple).join(", ")}`
}

const sqlValue = (value: FieldValue): SqlValue => (typeof value === "boolean" ? (value ? 1 : 0) : value)

/** The values of rows, flattened in column order. */
const parametersOf = <Row extends Readonly<Record<keyof Row, FieldValue>>>(
  fields: ReadonlyArray<keyof Row>,
  rows: ReadonlyArray<Row>
): Array<SqlValue> => {
  const values: Array<SqlValue> = []
  for (const row of rows) for (const field of fields) values.push(sqlValue(row[field]))
  return values
}

/** Inserts rows in as few statements as the parameter limit allows. */
export const insert = <Row extends Readonly<Record<keyof Row, FieldValue>>>(
  table: Table<Row>,
  rows: ReadonlyArray<Row>
): Effect.Effect<void, SqlError, SqlClient.SqlClient> =>
  Effect.flatMap(SqlClient.SqlClient, (sql) => {
    const size = rowsPerInsert(table)
    const full = insertText(table, size)
    return Effect.forEach(
      Arr.chunksOf(rows, size),
      (chunk) =>
        sql.unsafe(chunk.length === size ? full : insertText(table, chunk.length), parametersOf(table.fields, chunk)),
      { discard: true }
    )
  })

/**
 * A digest of rows as {@link insert} would write them: equal digests, equal tables. SHA-256, so
 * that two different sets of rows never pass for one another.
 */
export const digest = <Row extends Readonly<Record<keyof Row, FieldValue>>>(
  table: Table<Row>,
  rows: ReadonlyArray<Row>
): string => {
  const hash = createHash("sha256").update(`${rows.length}\n`)
  for (const chunk of Arr.chunksOf(rows, rowsPerInsert(table))) {
    hash.update(JSON.stringify(parametersOf(table.fields, chunk)))
  }
  return hash.digest("base64")
}

/** Deletes every row. */
export const truncate = (table: Layout): Effect.Effect<void, SqlError, SqlClient.SqlClient> =>
  Effect.flatMap(SqlClient.SqlClient, (sql) => Effect.asVoid(sql.unsafe(`DELETE FROM ${table.name}`)))

/** Every row, ordered by the key, as SQLite returns them (decode them with `table.decode`). */
export const selectAll = (table: Layout): Effect.Effect<ReadonlyArray<object>, SqlError, SqlClient.SqlClient> =>
  Effect.flatMap(SqlClient.SqlClient, (sql) =>
    sql.unsafe<object>(`SELECT ${table.columns.join(", ")} FROM ${table.name} ORDER BY ${table.key.join(", ")}`)
  )
