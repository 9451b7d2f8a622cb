/**
 * Large collections of a read model's state, saved as rows: an array of tuples, each row checked by
 * one plain predicate in a single pass, then turned into Maps and records.
 *
 * Why not a `Schema.Struct` per record: Effect Schema parses field by field, at about a microsecond
 * a field, so a national read model (hundreds of thousands of SMEs) took tens of seconds to save
 * and as long to restore at every checkpoint. These schemas check the same facts (types, ranges,
 * province and KBLI codes, safe integers) about forty times faster, and still fail with a
 * `ParseError` that names the collection and the first malformed row.
 */
import { Schema } from "effect"
import * as Kbli from "../../Kbli.js"
import * as Province from "../../Province.js"

/** Whether a value is an `A`. */
export type Guard<A> = (input: unknown) => input is A

/** The type a guard checks for. */
export type Guarded<G> = G extends Guard<infer A> ? A : never

/** A string. */
export const isString: Guard<string> = (input): input is string => typeof input === "string"

/** A boolean. */
export const isBoolean: Guard<boolean> = (input): input is boolean => typeof input === "boolean"

/** A non-negative safe integer: a count, or an exact number of rupiah. */
export const isCount: Guard<number> = (input): input is number =>
  typeof input === "number" && Number.isSafeInteger(input) && input >= 0

/** A calendar year from 1900 to 2100, as `CalendarDate.Year`. */
export const isYear: Guard<number> = (input): input is number =>
  typeof input === "number" && Number.isInteger(input) && input >= 1900 && input <= 2100

/** The code of a province valid on `Province.validOn`. */
export const isProvince: Guard<Province.ProvinceCode> = (input): input is Province.ProvinceCode =>
  typeof input === "string" && Province.isCode(input)

/** A KBLI 2020 code. */
export const isKbli: Guard<Kbli.Kbli> = (input): input is Kbli.Kbli => typeof input === "string" && Kbli.isKbli(input)

/** One of the given literals. */
export const oneOf =
  <const L extends ReadonlyArray<string | number>>(...literals: L): Guard<L[number]> =>
  (input): input is L[number] =>
    literals.some((literal) => literal === input)

/** An `A` or null. */
export const nullable =
  <A>(guard: Guard<A>): Guard<A | null> =>
  (input): input is A | null =>
    input === null || guard(input)

/** A tuple whose elements pass the given guards, in order. */
export const tuple =
  <const G extends ReadonlyArray<Guard<unknown>>>(...guards: G): Guard<{ readonly [K in keyof G]: Guarded<G[K]> }> =>
  (input): input is { readonly [K in keyof G]: Guarded<G[K]> } =>
    Array.isArray(input) && input.length === guards.length && guards.every((guard, i) => guard(input[i]))

const describe = (identifier: string, row: Guard<unknown>, actual: unknown): string => {
  if (!Array.isArray(actual)) return `${identifier}: expected an array of rows`
  const index = actual.findIndex((entry) => !row(entry))
  return `${identifier}: row ${index} is malformed: ${JSON.stringify(actual[index])?.slice(0, 200)}`
}

/** How a collection becomes rows and back. */
export interface TableOptions<Row, A> {
  /** Names the collection in error messages. */
  readonly identifier: string
  /** Checks one row. */
  readonly row: Guard<Row>
  /** Recognises the collection itself (a `Map`, a `Set`) when it is encoded. */
  readonly is: Guard<A>
  readonly decode: (rows: ReadonlyArray<NoInfer<Row>>) => NoInfer<A>
  readonly encode: (collection: NoInfer<A>) => ReadonlyArray<NoInfer<Row>>
}

/** A collection saved as rows, every row checked when decoded and when encoded. */
export const table = <Row, A>(options: TableOptions<Row, A>): Schema.Schema<A, ReadonlyArray<Row>> => {
  const { identifier, row } = options
  const rows = Schema.declare(
    (input: unknown): input is ReadonlyArray<Row> => Array.isArray(input) && input.every(row),
    {
      identifier: `${identifier}Rows`,
      message: (issue) => describe(identifier, row, issue.actual)
    }
  )
  return Schema.transform(rows, Schema.declare(options.is, { identifier }), {
    strict: true,
    decode: options.decode,
    encode: options.encode
  })
}

/** A mutable set of strings, saved as an array. */
export const stringSet = (identifier: string): Schema.Schema<Set<string>, ReadonlyArray<string>> =>
  table({
    identifier,
    row: isString,
    is: (input: unknown): input is Set<string> => input instanceof Set,
    decode: (rows) => new Set(rows),
    encode: (set) => [...set]
  })

/** A mutable map from strings to values that pass a guard, saved as `[key, value]` rows. */
export const stringMap = <V>(
  identifier: string,
  value: Guard<V>
): Schema.Schema<Map<string, V>, ReadonlyArray<readonly [string, V]>> =>
  table({
    identifier,
    row: tuple(isString, value),
    is: (input: unknown): input is Map<string, V> => input instanceof Map,
    decode: (rows) => new Map(rows),
    encode: (map) => [...map]
  })
