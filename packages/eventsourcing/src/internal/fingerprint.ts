/**
 * A fingerprint of a command: 64 bits of a hash of its canonical JSON (object keys sorted, dates
 * as ISO-8601, bigints as decimal text). It tells a resent command from another command under the
 * same id; it is no security measure (two different commands share one by accident with odds of
 * about 2^-64).
 *
 * The canonical JSON is the text `JSON.stringify` gives for a copy of the value with its keys
 * sorted into a plain object ({@link canonicalJson} writes that text in one walk, without the copy:
 * stored fingerprints stay valid, and a test checks the two agree). As in that copy, an object's
 * keys that are array indices come first in numeric order (an object keeps them so), a
 * `__proto__` key is left out (assigning it to the copy set its prototype), and fields that are
 * `undefined`, functions or symbols are left out.
 */

/** Whether `key` is an array index, which an object lists first, in numeric order. */
const isIndex = (key: string): boolean => /^(?:0|[1-9]\d*)$/.test(key) && Number(key) <= 4_294_967_294

const firstDigit = (key: string): boolean => {
  const code = key.charCodeAt(0)
  return code >= 48 && code <= 57
}

/** The keys of an object in the order its sorted copy lists them. */
const orderedKeys = (value: object): Array<string> => {
  const keys = Object.keys(value).sort()
  if (!keys.some(firstDigit)) return keys
  const indices = keys.filter(isIndex).sort((x, y) => Number(x) - Number(y))
  return indices.length === 0 ? keys : [...indices, ...keys.filter((key) => !isIndex(key))]
}

/** The canonical JSON of a value, or `undefined` where `JSON.stringify` leaves the value out. */
export const canonicalJson = (value: unknown): string | undefined => {
  switch (typeof value) {
    case "string":
    case "number":
    case "boolean":
      return JSON.stringify(value)
    case "bigint":
      return `"${value}n"`
    case "object": {
      if (value === null) return "null"
      if (value instanceof Date) return Number.isNaN(value.getTime()) ? '"Invalid Date"' : `"${value.toISOString()}"`
      if (Array.isArray(value)) {
        let text = "["
        for (let i = 0; i < value.length; i++) {
          if (i > 0) text += ","
          text += canonicalJson(value[i]) ?? "null"
        }
        return `${text}]`
      }
      let text = "{"
      let first = true
      for (const key of orderedKeys(value)) {
        if (key === "__proto__") continue
        const field: unknown = Reflect.get(value, key)
        if (field === undefined) continue
        const written = canonicalJson(field)
        if (written === undefined) continue
        text += `${first ? "" : ","}${JSON.stringify(key)}:${written}`
        first = false
      }
      return `${text}}`
    }
    default:
      return undefined
  }
}

/** Two 32-bit FNV-1a hashes with different offsets, as 16 hex digits. */
const hash64 = (text: string): string => {
  let a = 0x811c9dc5
  let b = 0x01000193 ^ 0x9e3779b9
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i)
    a = Math.imul(a ^ code, 0x01000193)
    b = Math.imul(b ^ code, 0x5bd1e995)
    b ^= b >>> 15
  }
  return (a >>> 0).toString(16).padStart(8, "0") + (b >>> 0).toString(16).padStart(8, "0")
}

/** The fingerprint of a command and the business time it carried, if any. */
export const fingerprint = (command: unknown, occurredAt: Date | undefined): string =>
  hash64(canonicalJson({ command, occurredAt }) ?? "undefined")
