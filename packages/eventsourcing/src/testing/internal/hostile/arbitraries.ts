import * as fc from "fast-check"

/** Any UTF-16 code unit, lone surrogates included: what a careless or hostile caller may send. */
const codeUnit = fc.integer({ min: 0, max: 0xffff }).map((unit) => String.fromCharCode(unit))

/** Strings across the whole UTF-16 range, with the awkward ones made likely. */
export const utf16String: fc.Arbitrary<string> = fc.oneof(
  fc.string({ unit: codeUnit, maxLength: 12 }),
  fc.string({ unit: "binary", maxLength: 12 }),
  fc.constantFrom("", "a\uD800", "\uDC00b", "\uD83D\uDE00", "\u0000", "\uFFFD", "__proto__", "constructor")
)

/**
 * Names (ids, types): mostly well-formed, so that most appends are accepted and their round trip
 * is checked, with the whole UTF-16 range often enough to be refused.
 */
export const hostileName: fc.Arbitrary<string> = fc.oneof(
  { weight: 3, arbitrary: fc.string({ unit: "grapheme", minLength: 1, maxLength: 12 }) },
  { weight: 1, arbitrary: utf16String }
)

/** Numbers, the IEEE specials and the edges of exact integers among them. */
export const hostileNumber: fc.Arbitrary<number> = fc.oneof(
  fc.double(),
  fc.integer(),
  fc.constantFrom(
    Number.NaN,
    Number.POSITIVE_INFINITY,
    Number.NEGATIVE_INFINITY,
    -0,
    Number.MAX_SAFE_INTEGER + 2,
    Number.MIN_VALUE,
    Number.MAX_VALUE
  )
)

const sparse = fc.nat({ max: 4 }).map((hole) => {
  const array: Array<number> = []
  array[hole + 1] = 1
  return array
})

/** Values JSON cannot hold exactly, each of which a store must refuse. */
const notJson: fc.Arbitrary<unknown> = fc.oneof(
  fc.constant(undefined),
  fc.constant(new Date(0)),
  fc.constant(new Map([["a", 1]])),
  fc.constant(new Set([1])),
  fc.bigInt(),
  fc.constant(() => 1),
  fc.constant(Symbol("s")),
  sparse
)

const leaf: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 3, arbitrary: utf16String },
  { weight: 3, arbitrary: hostileNumber },
  { weight: 1, arbitrary: fc.boolean() },
  { weight: 1, arbitrary: fc.constant(null) },
  { weight: 1, arbitrary: notJson }
)

/** Event data: JSON values, some with hostile leaves, some nested, some wide. */
export const hostileData: fc.Arbitrary<unknown> = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    leaf,
    fc.array(tie("value"), { maxLength: 5 }),
    fc.dictionary(utf16String, tie("value"), { maxKeys: 5 })
  )
})).value

/** `depth` arrays nested in one another around a number. */
export const nested = (depth: number): unknown => {
  let value: unknown = 1
  for (let i = 0; i < depth; i++) value = [value]
  return value
}

/** An object with `keys` keys, or an array of `keys` elements: wide data that must round-trip. */
export const wide: fc.Arbitrary<unknown> = fc
  .tuple(fc.integer({ min: 100, max: 3000 }), fc.boolean())
  .map(([keys, asArray]) =>
    asArray
      ? Array.from({ length: keys }, (_, i) => ({ i, text: `v${i}` }))
      : Object.fromEntries(Array.from({ length: keys }, (_, i) => [`key-${i}`, i]))
  )

/** Numbers a caller may pass as a position, a count or a page size, valid or not. */
export const optionNumber: fc.Arbitrary<number> = fc.oneof(
  fc.nat({ max: 20 }),
  hostileNumber,
  fc.constantFrom(-1, 0.5, Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER + 1)
)

/** Expected versions, valid or malformed. */
export const hostileExpected: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 4, arbitrary: fc.constant({ _tag: "Any" }) },
  fc.constantFrom({ _tag: "NoStream" }, { _tag: "StreamExists" }),
  { weight: 1, arbitrary: fc.record({ _tag: fc.constant("Exact"), version: optionNumber }) },
  { weight: 1, arbitrary: fc.record({ _tag: utf16String }) },
  { weight: 1, arbitrary: fc.constantFrom(null, undefined, "any", 0) }
)
