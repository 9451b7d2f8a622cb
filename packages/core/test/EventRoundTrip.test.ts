import { describe, expect, it } from "@effect/vitest"
import { KemitraanEvent, Rupiah } from "@kemitraan/core"
import { Arbitrary, Either, Schema } from "effect"
import { EncodedInput } from "@kemitraan/eventsourcing/testing"
import * as fc from "fast-check"

const { KemitraanEvents } = KemitraanEvent

describe("every event round-trips through encode, JSON and decode", () => {
  for (const type of KemitraanEvents.types) {
    it(`${type}: decode(JSON(encode(event))) equals event`, () => {
      const schema = KemitraanEvents.schemaOf(type)
      if (schema === undefined) throw new Error(`no schema for ${type}`)
      fc.assert(
        fc.property(Arbitrary.make(schema), (event) => {
          const encoded = Either.getOrThrow(Schema.encodeEither(schema)(event))
          const data: unknown = JSON.parse(JSON.stringify(encoded))
          const decoded = KemitraanEvents.decodeData(type, data)
          expect(Either.getOrThrow(decoded)).toEqual(event)
        }),
        { numRuns: 100 }
      )
    })
  }
})

describe("money", () => {
  it("a Rupiah amount round-trips through encode, JSON and decode unchanged", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: Rupiah.max }), (amount) => {
        const encoded = Schema.encodeSync(Rupiah.Rupiah)(Rupiah.make(amount))
        expect(Schema.decodeUnknownSync(Rupiah.Rupiah)(JSON.parse(JSON.stringify(encoded)))).toBe(amount)
      })
    )
  })

  it.each([-1, 0.5, Rupiah.max + 1, Number.MAX_SAFE_INTEGER + 1, Number.NaN, "100"])(
    "%s is not an amount of rupiah",
    (bad) => {
      expect(Either.isLeft(Schema.decodeUnknownEither(Rupiah.Rupiah)(bad))).toBe(true)
    }
  )

  it("formats the Indonesian way", () => {
    expect(Rupiah.format(Rupiah.make(224_800_000_000))).toBe("Rp224.800.000.000")
  })
})

describe("the catalogue decodes as the events' own schemas do", () => {
  for (const type of KemitraanEvents.types) {
    it(`${type}: invariant: on valid and damaged data the catalogue answers what Schema.decodeUnknown answers`, () => {
      const schema = KemitraanEvents.schemaOf(type)
      if (schema === undefined) throw new Error(`no schema for ${type}`)
      const decodeFully = Schema.decodeUnknownEither(schema)
      let rejected = 0
      fc.assert(
        fc.property(EncodedInput.any(schema), (data) => {
          const expected = decodeFully(data)
          const decoded = KemitraanEvents.decodeData(type, data)
          if (Either.isLeft(expected)) {
            rejected++
            expect(Either.isLeft(decoded)).toBe(true)
          } else expect(Either.getOrThrow(decoded)).toStrictEqual(expected.right)
        }),
        { numRuns: 200 }
      )
      expect(rejected).toBeGreaterThan(0)
    })
  }
})
