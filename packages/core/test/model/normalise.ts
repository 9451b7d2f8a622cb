import { HashMap } from "effect"

const sortedEntries = (entries: Iterable<readonly [unknown, unknown]>): Array<[string, unknown]> =>
  [...entries]
    .map(([key, value]): [string, unknown] => [JSON.stringify(key), normalise(value)])
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))

/** Turns a state into plain data (maps as sorted entries, dates as ISO strings) for deep comparison. */
export const normalise = (value: unknown): unknown => {
  if (value instanceof Date) return value.toISOString()
  if (HashMap.isHashMap(value)) return sortedEntries(HashMap.toEntries(value))
  if (value instanceof Map) return sortedEntries(value.entries())
  if (Array.isArray(value)) return value.map(normalise)
  if (typeof value === "object" && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([key, field]) => [key, normalise(field)]))
  }
  return value
}
