/**
 * Inputs for testing a decoder: the valid encodings of a schema, and the same encodings damaged in
 * one place (a field removed or replaced by another JSON value, an element changed), which is what
 * a store hands a decoder after a bad migration or a hand edit.
 *
 * @since 0.1.0
 */
import * as Arbitrary from "effect/Arbitrary"
import * as Schema from "effect/Schema"
import * as fc from "fast-check"

type Path = ReadonlyArray<string | number>

/** Valid encodings of `schema`: arbitrary values of its type, encoded. */
export const valid = <A, I>(schema: Schema.Schema<A, I, never>): fc.Arbitrary<I> =>
  Arbitrary.make(schema).map((value) => Schema.encodeSync(schema)(value))

/** Every path into a JSON-like value, the value's own (the empty path) included. */
export const pathsOf = (value: unknown, path: Path = []): Array<Path> =>
  typeof value !== "object" || value === null
    ? [path]
    : [
        path,
        ...Object.entries(value).flatMap(([key, inner]) =>
          pathsOf(inner, [...path, Array.isArray(value) ? Number(key) : key])
        )
      ]

/** Marks the node at a path as removed rather than replaced. */
export const removed: unique symbol = Symbol.for("@kemitraan/eventsourcing/testing/removed")

/** `value` with the node at `path` replaced by `replacement` (or removed): a copy, `value` is untouched. */
export const replaceAt = (value: unknown, path: Path, replacement: unknown): unknown => {
  const [head, ...rest] = path
  if (head === undefined) return replacement === removed ? undefined : replacement
  if (Array.isArray(value))
    return value.map((item, index) => (index === head ? replaceAt(item, rest, replacement) : item))
  if (typeof value !== "object" || value === null) return value
  return Object.fromEntries(
    Object.entries(value).flatMap(([key, inner]): Array<[string, unknown]> => {
      if (key !== head) return [[key, inner]]
      return rest.length === 0 && replacement === removed ? [] : [[key, replaceAt(inner, rest, replacement)]]
    })
  )
}

/** What a damaged node becomes: removed, any JSON value, or a value that often breaks a field's rules. */
export const replacement: fc.Arbitrary<unknown> = fc.oneof(
  fc.constant(removed),
  fc.jsonValue(),
  fc.constantFrom(
    undefined,
    null,
    "",
    " padded ",
    -1,
    0.5,
    Number.NaN,
    "not a date",
    "2022-11-24T02:00:00.000Z",
    [],
    {}
  )
)

/** Valid encodings of `schema` damaged in one place. */
export const damaged = <A, I>(schema: Schema.Schema<A, I, never>): fc.Arbitrary<unknown> =>
  valid(schema).chain((input) =>
    fc.tuple(fc.constantFrom(...pathsOf(input)), replacement).map(([path, by]) => replaceAt(input, path, by))
  )

/** What a decoder meets: valid encodings, damaged ones, and anything at all. */
export const any = <A, I>(schema: Schema.Schema<A, I, never>): fc.Arbitrary<unknown> =>
  fc.oneof(damaged(schema), valid(schema), fc.anything())
