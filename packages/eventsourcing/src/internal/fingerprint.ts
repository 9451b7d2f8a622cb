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
 *
 * {@link fingerprint} hashes that text as it walks the command, without writing it; a test holds it
 * to {@link hash64} of {@link canonicalJson}.
 */

import { dateText } from "./isoText.js"

/** Whether `key` is an array index, which an object lists first, in numeric order. */
const isIndex = (key: string): boolean => /^(?:0|[1-9]\d*)$/.test(key) && Number(key) <= 4_294_967_294

const firstDigit = (key: string): boolean => {
  const code = key.charCodeAt(0)
  return code >= 48 && code <= 57
}

/** Above this many keys, an object's keys are sorted by `Array.prototype.sort`, below by insertion. */
const insertionSortLimit = 16

/**
 * The keys of an object in the order its sorted copy lists them. A command has a few keys: sorted
 * by insertion, with `<` (the code-unit order `sort` uses), they cost less than `sort`'s call.
 */
export const orderedKeys = (value: object): Array<string> => {
  const keys = Object.keys(value)
  let digits = false
  if (keys.length > insertionSortLimit) {
    keys.sort()
    digits = keys.some(firstDigit)
  } else {
    for (let i = 1; i < keys.length; i++) {
      const key = keys[i]!
      let j = i
      while (j > 0 && keys[j - 1]! > key) {
        keys[j] = keys[j - 1]!
        j--
      }
      keys[j] = key
    }
    for (let i = 0; i < keys.length && !digits; i++) digits = firstDigit(keys[i]!)
  }
  if (!digits) return keys
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

const quote = 34
const comma = 44
const colon = 58

/**
 * Two 32-bit FNV-1a hashes with different offsets, fed the canonical JSON piece by piece as it is
 * walked: the text is never built (nor copied flat to be read), and a string that needs no escape
 * is hashed from itself, quotes added, as `JSON.stringify` would write it.
 */
class Hash64 {
  private a = 0x811c9dc5
  private b = 0x01000193 ^ 0x9e3779b9

  /** Feeds one UTF-16 code unit. */
  code(code: number): void {
    this.a = Math.imul(this.a ^ code, 0x01000193)
    const b = Math.imul(this.b ^ code, 0x5bd1e995)
    this.b = b ^ (b >>> 15)
  }

  /** Feeds a text. */
  text(text: string): void {
    let a = this.a
    let b = this.b
    for (let i = 0; i < text.length; i++) {
      const code = text.charCodeAt(i)
      a = Math.imul(a ^ code, 0x01000193)
      b = Math.imul(b ^ code, 0x5bd1e995)
      b ^= b >>> 15
    }
    this.a = a
    this.b = b
  }

  /** Feeds a string as `JSON.stringify` writes it. */
  quoted(text: string): void {
    let a = Math.imul(this.a ^ quote, 0x01000193)
    let b = Math.imul(this.b ^ quote, 0x5bd1e995)
    b ^= b >>> 15
    for (let i = 0; i < text.length; i++) {
      const code = text.charCodeAt(i)
      // A quote, a backslash, a control character or a surrogate (a lone one is escaped): the
      // text as JSON writes it, from the state before its opening quote.
      if (code < 0x20 || code === quote || code === 92 || (code >= 0xd800 && code <= 0xdfff)) {
        this.text(JSON.stringify(text))
        return
      }
      a = Math.imul(a ^ code, 0x01000193)
      b = Math.imul(b ^ code, 0x5bd1e995)
      b ^= b >>> 15
    }
    this.a = Math.imul(a ^ quote, 0x01000193)
    b = Math.imul(b ^ quote, 0x5bd1e995)
    this.b = b ^ (b >>> 15)
  }

  /** The two hashes as 16 hex digits. */
  digits(): string {
    return hex(this.a) + hex(this.b)
  }
}

/** "00" to "ff". */
const hexBytes: ReadonlyArray<string> = Array.from({ length: 256 }, (_, n) => n.toString(16).padStart(2, "0"))

/** A 32-bit hash as 8 hex digits, a byte at a time (`toString(16)` and `padStart` cost more). */
const hex = (n: number): string =>
  hexBytes[(n >>> 24) & 0xff]! + hexBytes[(n >>> 16) & 0xff]! + hexBytes[(n >>> 8) & 0xff]! + hexBytes[n & 0xff]!

/** The hash of a text, as {@link fingerprint} gives it for the text of a command. */
export const hash64 = (text: string): string => {
  const hash = new Hash64()
  hash.text(text)
  return hash.digits()
}

/** Whether {@link canonicalJson} writes a value: it leaves out `undefined`, functions and symbols. */
const isWritten = (value: unknown): boolean => {
  const type = typeof value
  return type !== "undefined" && type !== "function" && type !== "symbol"
}

/** Feeds {@link canonicalJson} of a value that {@link isWritten}, without writing it. */
const hashValue = (hash: Hash64, value: unknown): void => {
  switch (typeof value) {
    case "string":
      return hash.quoted(value)
    case "number":
      return hash.text(JSON.stringify(value))
    case "boolean":
      return hash.text(value ? "true" : "false")
    case "bigint":
      hash.code(quote)
      hash.text(String(value))
      hash.code(110) // n
      return hash.code(quote)
    case "object": {
      if (value === null) return hash.text("null")
      if (value instanceof Date) {
        hash.code(quote)
        hash.text(dateText(value))
        return hash.code(quote)
      }
      if (Array.isArray(value)) {
        hash.code(91) // [
        for (let i = 0; i < value.length; i++) {
          if (i > 0) hash.code(comma)
          const item: unknown = value[i]
          if (isWritten(item)) hashValue(hash, item)
          else hash.text("null")
        }
        return hash.code(93) // ]
      }
      hash.code(123) // {
      let first = true
      for (const key of orderedKeys(value)) {
        if (key === "__proto__") continue
        const field: unknown = Reflect.get(value, key)
        if (!isWritten(field)) continue
        if (!first) hash.code(comma)
        hash.quoted(key)
        hash.code(colon)
        hashValue(hash, field)
        first = false
      }
      return hash.code(125) // }
    }
  }
}

/**
 * The fingerprint of a command and the business time it carried, if any: {@link hash64} of
 * {@link canonicalJson} of `{ command, occurredAt }`, hashed in one walk without writing the text
 * (a test holds the two to the same answer).
 */
export const fingerprint = (command: unknown, occurredAt: Date | undefined): string => {
  const hash = new Hash64()
  hash.code(123) // {
  const hasCommand = isWritten(command)
  if (hasCommand) {
    hash.text('"command":')
    hashValue(hash, command)
  }
  if (isWritten(occurredAt)) {
    if (hasCommand) hash.code(comma)
    hash.text('"occurredAt":')
    hashValue(hash, occurredAt)
  }
  hash.code(125) // }
  return hash.digits()
}
