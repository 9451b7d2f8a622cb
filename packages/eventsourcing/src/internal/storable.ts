/**
 * What a store can keep exactly: well-formed strings and JSON values that survive a round trip
 * through JSON text unchanged. One plain loop over the value, no Schema: it runs on every append.
 */

// With the `u` flag a surrogate pair is one code point, so only a lone surrogate matches.
const loneSurrogate = /\p{Surrogate}/u

/** Whether a string is well-formed UTF-16 (no lone surrogate): SQLite would store U+FFFD instead. */
export const isWellFormed = (text: string): boolean => !loneSurrogate.test(text)

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
  isExactJson(value, depth) ? undefined : problemAt(value, path, depth)

/**
 * Whether {@link jsonProblem} finds nothing, decided without building the paths its messages need:
 * the same rules, for the common case of data that reads back exactly.
 */
const isExactJson = (value: unknown, depth: number): boolean => {
  switch (typeof value) {
    case "string":
      return isWellFormed(value)
    case "boolean":
      return true
    case "number":
      return Number.isFinite(value) && !Object.is(value, -0)
    case "object": {
      if (value === null) return true
      if (depth >= maxDepth) return false
      if (Array.isArray(value)) {
        if (Object.getPrototypeOf(value) !== Array.prototype) return false
        for (let i = 0; i < value.length; i++) if (!(i in value) || !isExactJson(value[i], depth + 1)) return false
        return true
      }
      const prototype: unknown = Object.getPrototypeOf(value)
      if (prototype !== Object.prototype && prototype !== null) return false
      if (Object.getOwnPropertySymbols(value).length > 0) return false
      for (const key in value) {
        if (!Object.hasOwn(value, key)) continue
        if (!isWellFormed(key) || !isExactJson((value as Record<string, unknown>)[key], depth + 1)) return false
      }
      return true
    }
    default:
      return false
  }
}

const problemAt = (value: unknown, path: string, depth: number): string | undefined => {
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

const arrayProblem = (array: ReadonlyArray<unknown>, path: string, depth: number): string | undefined => {
  if (Object.getPrototypeOf(array) !== Array.prototype) return `${path} is not a plain array`
  for (let i = 0; i < array.length; i++) {
    if (!(i in array)) return `${path} is a sparse array (no element at ${i})`
    const problem = problemAt(array[i], `${path}[${i}]`, depth + 1)
    if (problem !== undefined) return problem
  }
  return undefined
}

const objectProblem = (object: object, path: string, depth: number): string | undefined => {
  const prototype: unknown = Object.getPrototypeOf(object)
  if (prototype !== Object.prototype && prototype !== null) {
    const name = (object.constructor as { readonly name?: unknown } | undefined)?.name
    return `${path} is ${typeof name === "string" && name !== "" ? `a ${name}` : "an object"}, not a plain object`
  }
  if (Object.getOwnPropertySymbols(object).length > 0) return `${path} has symbol keys, which JSON drops`
  for (const key in object) {
    if (!Object.hasOwn(object, key)) continue
    if (!isWellFormed(key)) return `${path} has a key with a lone UTF-16 surrogate`
    const child = `${path}[${describeString(key)}]`
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
