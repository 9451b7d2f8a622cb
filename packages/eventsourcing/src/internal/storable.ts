/**
 * What a store can keep exactly: well-formed strings and JSON values that survive a round trip
 * through JSON text unchanged. One plain loop over the value, no Schema: it runs on every append.
 */

/**
 * Whether a string is well-formed UTF-16 (no lone surrogate): SQLite would store U+FFFD instead.
 * `String.prototype.isWellFormed` (ES2024, in every Node.js this library supports) answers a
 * one-byte string at once, where a pattern of surrogates was run over it.
 */
export const isWellFormed = (text: string): boolean => text.isWellFormed()

/** The deepest nesting of arrays and objects an event's data may have. */
export const maxDepth = 64

const describeString = (text: string): string => JSON.stringify(text.length > 40 ? `${text.slice(0, 40)}…` : text)

/**
 * Why `value` is not a JSON value that reads back exactly, with the path to the offending part
 * (`$.a[2]`), or `undefined` when it is one. Refused: `undefined`, functions, symbols, `bigint`,
 * NaN, ±Infinity, -0, lone surrogates in strings or keys, sparse arrays, objects that are not
 * plain (`Date`, `Map`, class instances), symbol keys, and nesting deeper than {@link maxDepth}
 * (which a cycle always is).
 */
export const jsonProblem = (value: unknown, path = "$", depth = 0): string | undefined =>
  // A first pass writes out no paths (on every valid append, writing them had cost more than the
  // checks); only a value with a problem is walked again, with its path.
  problemAt(value, undefined, depth) === undefined ? undefined : problemAt(value, path, depth)

/** Why `value` is not storable, or `undefined`; with `path` undefined, the answer names no path. */
const problemAt = (value: unknown, path: string | undefined, depth: number): string | undefined => {
  switch (typeof value) {
    case "string":
      return isWellFormed(value) ? undefined : `${path} is a string with a lone UTF-16 surrogate`
    case "boolean":
      return undefined
    case "number":
      if (!Number.isFinite(value)) return `${path} is ${value}, which JSON cannot hold`
      return Object.is(value, -0) ? `${path} is -0, which JSON reads back as 0` : undefined
    case "object":
      if (value === null) return undefined
      if (depth >= maxDepth) return `${path} is nested deeper than ${maxDepth} levels (or is a cycle)`
      return Array.isArray(value) ? arrayProblem(value, path, depth) : objectProblem(value, path, depth)
    default:
      return `${path} is ${typeof value === "undefined" ? "undefined" : `a ${typeof value}`}, which JSON cannot hold`
  }
}

const arrayProblem = (array: ReadonlyArray<unknown>, path: string | undefined, depth: number): string | undefined => {
  if (Object.getPrototypeOf(array) !== Array.prototype) return `${path} is not a plain array`
  for (let i = 0; i < array.length; i++) {
    if (!(i in array)) return `${path} is a sparse array (no element at ${i})`
    const problem = problemAt(array[i], path === undefined ? undefined : `${path}[${i}]`, depth + 1)
    if (problem !== undefined) return problem
  }
  return undefined
}

const objectProblem = (object: object, path: string | undefined, depth: number): string | undefined => {
  const prototype: unknown = Object.getPrototypeOf(object)
  if (prototype !== Object.prototype && prototype !== null) {
    const name = (object.constructor as { readonly name?: unknown } | undefined)?.name
    return `${path} is ${typeof name === "string" && name !== "" ? `a ${name}` : "an object"}, not a plain object`
  }
  if (Object.getOwnPropertySymbols(object).length > 0) return `${path} has symbol keys, which JSON drops`
  for (const key in object) {
    if (!Object.hasOwn(object, key)) continue
    if (!isWellFormed(key)) return `${path} has a key with a lone UTF-16 surrogate`
    const child = path === undefined ? undefined : `${path}[${describeString(key)}]`
    const problem = problemAt((object as Record<string, unknown>)[key], child, depth + 1)
    if (problem !== undefined) return problem
  }
  return undefined
}

/**
 * A deep copy of a JSON value (one {@link jsonProblem} accepted), frozen, so that neither the
 * caller who gave it nor one who reads it can change what a store keeps.
 */
export const frozenCopy = (value: unknown): unknown => {
  if (typeof value !== "object" || value === null) return value
  if (Array.isArray(value)) return Object.freeze(value.map(frozenCopy))
  const copy: Record<string, unknown> = {}
  for (const key of Object.keys(value)) {
    // A key "__proto__" must become an own property, as JSON.parse makes it, not the prototype.
    Object.defineProperty(copy, key, {
      value: frozenCopy((value as Record<string, unknown>)[key]),
      enumerable: true,
      writable: true,
      configurable: true
    })
  }
  return Object.freeze(copy)
}
