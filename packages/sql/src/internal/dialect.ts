/**
 * The one place where the SQL of SQLite and PostgreSQL differ at run time: placeholders (`?` and
 * `$n`), "no limit", null-safe equality, how JSON columns are read back as text, how a decimal's
 * digits are bound, and how integers arrive (`bigint` comes from PostgreSQL as a decimal string). The statements of the stores are
 * written once with `?` placeholders and go through {@link Dialect.text}.
 */
import type { SqlClient } from "@effect/sql"
import * as Either from "effect/Either"
import * as ParseResult from "effect/ParseResult"
import * as Schema from "effect/Schema"

export interface Dialect {
  readonly name: "sqlite" | "pg"
  /** The statement with the engine's placeholders. */
  readonly text: (statement: string) => string
  /** The `LIMIT` parameter that means no limit. */
  readonly noLimit: number | null
  /** The operator comparing a column with a parameter that may be null (`IS`, `IS NOT DISTINCT FROM`). */
  readonly isOperator: string
  /** A JSON column (quoted name) as its stored text. */
  readonly jsonText: (column: string) => string
  /** Whether a text column can hold the string: PostgreSQL's text cannot hold NUL. */
  readonly holds: (text: string) => boolean
  /** A decimal column's digits as a parameter (see {@link sqliteDecimal}). */
  readonly decimal: (digits: unknown) => unknown
}

/** `?` placeholders as `$1`, `$2`, ..., outside quoted names and strings. */
export const numberPlaceholders = (statement: string): string => {
  let out = ""
  let n = 0
  let quote: string | undefined
  for (const char of statement) {
    if (quote !== undefined) {
      if (char === quote) quote = undefined
      out += char
    } else if (char === '"' || char === "'") {
      quote = char
      out += char
    } else if (char === "?") {
      n += 1
      out += `$${n}`
    } else out += char
  }
  return out
}

/**
 * A decimal's digits as SQLite keeps them: a bigint (bound as an integer) up to 2^53, which the driver
 * gives back as an exact number, and the digits themselves beyond. PostgreSQL's numeric takes the
 * digits as they are.
 */
const sqliteDecimal = (digits: unknown): unknown =>
  typeof digits === "string" && /^-?\d{1,16}$/.test(digits) && Number.isSafeInteger(Number(digits))
    ? BigInt(digits)
    : digits

const sqlite: Dialect = {
  name: "sqlite",
  text: (statement) => statement,
  noLimit: -1,
  isOperator: "IS",
  jsonText: (column) => column,
  holds: () => true,
  decimal: sqliteDecimal
}

/** A PostgreSQL dialect, with its own cache of converted statements (a store has a few texts). */
const makePg = (): Dialect => {
  const texts = new Map<string, string>()
  return {
    name: "pg",
    text: (statement) => {
      let text = texts.get(statement)
      if (text === undefined) {
        text = numberPlaceholders(statement)
        if (texts.size < 10_000) texts.set(statement, text)
      }
      return text
    },
    noLimit: null,
    isOperator: "IS NOT DISTINCT FROM",
    jsonText: (column) => `${column}::text`,
    holds: (text) => !text.includes("\u0000"),
    decimal: (digits) => digits
  }
}

/** The dialect of a client: PostgreSQL's or SQLite's (anything else is treated as SQLite). */
export const dialectOf = (sql: SqlClient.SqlClient): Dialect =>
  sql.onDialectOrElse({ pg: makePg, orElse: () => sqlite })

/**
 * An integer as a column gives it: a number, or the decimal text of a PostgreSQL `bigint`, turned
 * into a number only when it is a safe integer (up to 2^53 - 1); anything else is left as it was,
 * for the caller's schema to refuse.
 */
export const integerOf = (value: unknown): unknown => {
  if (typeof value !== "string" || !/^-?\d{1,16}$/.test(value)) return value
  const n = Number(value)
  return Number.isSafeInteger(n) ? n : value
}

/** A safe integer, given as a number or as decimal text (`bigint` from PostgreSQL); 2^53 and past it are refused. */
export const SafeInt: Schema.Schema<number, number | string> = Schema.Union(
  Schema.Int,
  Schema.transformOrFail(Schema.String, Schema.Int, {
    strict: true,
    decode: (text, _, ast) => {
      const n = integerOf(text)
      return typeof n === "number"
        ? ParseResult.succeed(n)
        : ParseResult.fail(new ParseResult.Type(ast, text, "not a safe integer (at most 2^53 - 1)"))
    },
    encode: (n) => ParseResult.succeed(String(n))
  })
)

/** A non-negative {@link SafeInt}. */
export const SafeNonNegativeInt = SafeInt.pipe(Schema.filter((n) => n >= 0, { message: () => "a negative number" }))

/** Decodes with a schema, the failure as text. */
export const decodeText =
  <A, I>(schema: Schema.Schema<A, I>) =>
  (u: unknown): Either.Either<A, string> =>
    Either.mapLeft(Schema.decodeUnknownEither(schema)(u), (error) => ParseResult.TreeFormatter.formatErrorSync(error))
