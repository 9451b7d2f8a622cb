/**
 * Tables of read models, created from their columns. The one place where the engines' column types
 * differ: SQLite keeps booleans as integers in STRICT tables; PostgreSQL has its own types. A decimal
 * (a bigint of any size) is `numeric` in PostgreSQL, exact at any size; in SQLite, whose integers
 * stop at 2^63 and come back to JavaScript as numbers, it is an `ANY` column that keeps an integer up
 * to 2^53 as an integer (so SQL sorts and adds it) and a larger one as the text of its digits.
 */
import type { SqlClient } from "@effect/sql"
import type { SqlError } from "@effect/sql/SqlError"
import * as Effect from "effect/Effect"
import * as Schema from "effect/Schema"
import { EventStoreError, type Table } from "@kemitraan/eventsourcing"

const quote = (name: string): string => `"${name}"`

const sqliteTypes: Record<Table.ColumnKind, string> = {
  text: "TEXT",
  integer: "INTEGER",
  real: "REAL",
  boolean: "INTEGER",
  decimal: "ANY",
  json: "TEXT"
}

const pgTypes: Record<Table.ColumnKind, string> = {
  text: "text",
  integer: "bigint",
  real: "double precision",
  boolean: "boolean",
  decimal: "numeric",
  json: "json"
}

/** Whether `index` is a leading part of the key: the primary key's own index already serves it. */
const coveredByKey = (table: Table.AnyTable, index: ReadonlyArray<string>): boolean =>
  index.every((field, i) => table.key[i] === field)

/** The statements that create a table and its indexes, if they do not exist. */
export const statements = (table: Table.AnyTable, dialect: "sqlite" | "pg"): Array<string> => {
  const types = dialect === "sqlite" ? sqliteTypes : pgTypes
  const columnOf = new Map(table.columns.map((column) => [column.field, column.name]))
  const columns = table.columns.map((column) => {
    const check = dialect === "sqlite" && column.kind === "boolean" ? ` CHECK (${quote(column.name)} IN (0, 1))` : ""
    return `${quote(column.name)} ${types[column.kind]}${column.nullable ? "" : " NOT NULL"}${check}`
  })
  const key = table.key.map((field) => quote(columnOf.get(field) ?? field)).join(", ")
  const strict = dialect === "sqlite" ? " STRICT" : ""
  const create = `CREATE TABLE IF NOT EXISTS ${quote(table.name)} (\n  ${columns.join(",\n  ")},\n  PRIMARY KEY (${key})\n)${strict}`
  const indexes = table.indexes
    .filter((index) => !coveredByKey(table, index))
    .map((index) => {
      const names = index.map((field) => columnOf.get(field) ?? field)
      return `CREATE INDEX IF NOT EXISTS ${quote(`${table.name}__${names.join("__")}`)} ON ${quote(table.name)} (${names.map(quote).join(", ")})`
    })
  return [create, ...indexes]
}

/**
 * PostgreSQL's twin of `PRAGMA table_info` for a table of the current schema: each column's name,
 * and its place in the primary key (0 when not in it).
 */
const pgTableInfo = `SELECT a.attname AS name, coalesce((SELECT k.o FROM unnest(i.indkey::int2[]) WITH ORDINALITY AS k(n, o) WHERE k.n = a.attnum), 0)::int AS pk
  FROM pg_attribute a
  JOIN pg_class c ON c.oid = a.attrelid AND c.relname = $1 AND c.relnamespace = current_schema()::regnamespace
  LEFT JOIN pg_index i ON i.indrelid = c.oid AND i.indisprimary
  WHERE a.attnum > 0 AND NOT a.attisdropped
  ORDER BY a.attnum`

/** `PRAGMA table_info`: each column's name, and its place in the primary key (0 when not in it). */
const TableInfo = Schema.Array(Schema.Struct({ name: Schema.String, pk: Schema.Int }))

const describe = (columns: ReadonlyArray<string>, key: ReadonlyArray<string>): string =>
  `(${columns.join(", ")}) keyed by (${key.join(", ")})`

/**
 * Creates a table and its indexes unless they exist; a table that exists with other columns or
 * another key (from another version of the model, say) is refused, naming both, rather than
 * written wrongly.
 */
export const create = (
  sql: SqlClient.SqlClient,
  table: Table.AnyTable
): Effect.Effect<void, SqlError | EventStoreError.StoreFailure> =>
  Effect.gen(function* () {
    const dialect = sql.onDialectOrElse({
      sqlite: () => "sqlite" as const,
      pg: () => "pg" as const,
      orElse: () => "other" as const
    })
    if (dialect === "other") {
      return yield* new EventStoreError.StoreFailure({
        operation: `create table "${table.name}"`,
        reason: "the SQL client is neither SQLite nor PostgreSQL"
      })
    }
    {
      const text = dialect === "sqlite" ? `PRAGMA table_info(${quote(table.name)})` : pgTableInfo
      const params = dialect === "sqlite" ? [] : [table.name]
      const info = Schema.decodeUnknownOption(TableInfo)(yield* sql.unsafe(text, params))
      const columns = info._tag === "Some" ? info.value : []
      const existing = describe(
        columns.map((column) => column.name),
        columns
          .filter((column) => column.pk > 0)
          .sort((a, b) => a.pk - b.pk)
          .map((column) => column.name)
      )
      const columnOf = new Map(table.columns.map((column) => [column.field, column.name]))
      const wanted = describe(
        table.columns.map((column) => column.name),
        table.key.map((field) => columnOf.get(field) ?? field)
      )
      if (columns.length > 0 && existing !== wanted) {
        return yield* new EventStoreError.StoreFailure({
          operation: `create table "${table.name}"`,
          reason: `the table exists as ${existing}, not ${wanted}: drop it, and the read model rebuilds it`
        })
      }
    }
    for (const text of statements(table, dialect)) yield* sql.unsafe(text)
  })
