import * as fc from "fast-check"
import { describe, expect, it } from "vitest"
import { canonicalJson, fingerprint, hash64, orderedKeys } from "../src/internal/fingerprint.js"

/**
 * The canonical JSON as fingerprints were first computed: a sorted plain copy of the value, then
 * `JSON.stringify`. Stored fingerprints were computed so; the one-walk writer must give the same text.
 */
const copied = (value: unknown): unknown => {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? "Invalid Date" : value.toISOString()
  if (typeof value === "bigint") return `${value}n`
  if (Array.isArray(value)) return value.map(copied)
  if (typeof value === "object" && value !== null) {
    const out: Record<string, unknown> = {}
    for (const key of Object.keys(value).sort()) {
      const field: unknown = Reflect.get(value, key)
      if (field !== undefined) out[key] = copied(field)
    }
    return out
  }
  return value
}

const odd = fc.oneof(
  fc.constant(undefined),
  fc.constant(() => 1),
  fc.constant(Symbol("s")),
  fc.constant(Number.NaN),
  fc.constant(-0),
  fc.constant(Infinity),
  fc.constant(new Date(Number.NaN)),
  fc.date(),
  fc.bigInt()
)

/** Keys that sort unlike they are listed: array indices, `__proto__`, text with escapes. */
const key = fc.oneof(
  fc.string(),
  fc.constantFrom("__proto__", "0", "1", "10", "2", "01", "4294967294", "4294967295", "-1", "1.5", 'a"b', "\u0000"),
  fc.nat().map(String)
)

const value = fc.letrec((tie) => ({
  any: fc.oneof(
    { depthSize: "small" },
    fc.anything({
      withDate: true,
      withBigInt: true,
      withSparseArray: true,
      withNullPrototype: true,
      withBoxedValues: true,
      withMap: true,
      withTypedArray: true
    }),
    odd,
    tie("object"),
    tie("array")
  ),
  object: fc.dictionary(key, tie("any"), { maxKeys: 6 }),
  array: fc.array(tie("any"), { maxLength: 5 })
})).any

describe("fingerprint: one walk writes the canonical JSON the sorted copy gave", () => {
  it("property: for any value, canonicalJson is JSON.stringify of the sorted copy", () => {
    fc.assert(
      fc.property(value, (v) => {
        expect(canonicalJson({ command: v, occurredAt: undefined })).toBe(
          JSON.stringify(copied({ command: v, occurredAt: undefined }))
        )
        expect(canonicalJson(v)).toBe(JSON.stringify(copied(v)))
      }),
      { numRuns: 2000 }
    )
  })

  it("property: the fingerprint is the hash of the canonical JSON, though the walk writes no text", () => {
    const occurredAt = fc.oneof(fc.constant(undefined), fc.date(), fc.constant(new Date(Number.NaN)))
    fc.assert(
      fc.property(value, occurredAt, (v, at) => {
        expect(fingerprint(v, at)).toBe(hash64(canonicalJson({ command: v, occurredAt: at }) ?? "undefined"))
      }),
      { numRuns: 2000 }
    )
  })

  it("hashes the strings JSON escapes as JSON writes them: quotes, backslashes, controls, surrogates", () => {
    for (const text of ['a"b', "a\\b", "\u0000", "line\nbreak", "\ud83d\ude00", "lone \ud800", "\udfff", "\u2028"]) {
      const command = { [text]: text, list: [text] }
      expect(fingerprint(command, undefined)).toBe(hash64(`{"command":${canonicalJson(command)}}`))
    }
  })

  it("sorts keys as Array.prototype.sort does, indices first in numeric order, above and below the insertion sort's limit", () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.oneof(fc.string(), fc.nat().map(String)), { maxLength: 40 }), (keys) => {
        const object = Object.fromEntries(keys.map((key) => [key, 1]))
        const sorted = Object.keys(object).sort()
        const indices = sorted.filter((key) => String(Number(key) >>> 0) === key && Number(key) < 4_294_967_295)
        const expected = [
          ...indices.sort((x, y) => Number(x) - Number(y)),
          ...sorted.filter((key) => !indices.includes(key))
        ]
        expect(orderedKeys(object)).toEqual(expected)
      }),
      { numRuns: 1000 }
    )
  })

  it("keeps the fingerprints computed before: these are the values the first implementation gave", () => {
    const command = {
      _tag: "RegisterSme",
      participantId: "sme-1",
      nib: null,
      sales: 12n,
      tags: ["a", "b"],
      "10": 1,
      "2": 2
    }
    expect(fingerprint(command, new Date(Date.UTC(2022, 10, 24, 2)))).toBe("888b105b83a1ac3a")
    expect(fingerprint(command, undefined)).toBe("bef5d3a59acf2c3f")
  })
})
