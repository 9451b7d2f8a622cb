import * as fc from "fast-check"
import { describe, expect, it } from "vitest"
import { isoText } from "../src/internal/isoText.js"

/** The range of a valid `Date`: 100,000,000 days either side of the epoch. */
const maxMillis = 8.64e15

describe("isoText: toISOString's text, written in JavaScript", () => {
  it("property: the same text as toISOString for every valid instant", () => {
    fc.assert(
      fc.property(fc.integer({ min: -maxMillis, max: maxMillis }), (millis) => {
        expect(isoText(millis)).toBe(new Date(millis).toISOString())
      }),
      { numRuns: 20_000 }
    )
  })

  it("property: the same text around the years this library records, to the millisecond", () => {
    const from = Date.UTC(1900, 0, 1)
    const to = Date.UTC(2200, 0, 1)
    fc.assert(
      fc.property(fc.integer({ min: from, max: to }), (millis) => {
        expect(isoText(millis)).toBe(new Date(millis).toISOString())
      }),
      { numRuns: 20_000 }
    )
  })

  it("the edges: the epoch, leap days, the turn of centuries, years 0 and 9999 and beyond, the range's ends", () => {
    const instants = [
      0,
      -1,
      1,
      Date.UTC(2000, 1, 29, 23, 59, 59, 999),
      Date.UTC(2100, 1, 28, 12),
      Date.UTC(2100, 2, 1),
      Date.UTC(1900, 1, 28, 23, 59, 59, 999),
      Date.UTC(2024, 1, 29),
      Date.UTC(1600, 1, 29),
      -62_135_596_800_000, // 0001-01-01
      -59_042_995_200_001, // the last millisecond of year 98
      -59_011_459_200_000, // 0100-01-01
      -30_641_760_000_000, // 0999-01-01
      -62_167_219_200_000, // 0000-01-01T00:00:00.000Z
      -62_167_219_200_001, // the last millisecond of year -1
      253_402_300_799_999, // 9999-12-31T23:59:59.999Z
      253_402_300_800_000, // +010000-01-01
      Date.UTC(999, 11, 31, 23, 59, 59, 999),
      maxMillis,
      -maxMillis
    ]
    for (const millis of instants) expect(isoText(millis)).toBe(new Date(millis).toISOString())
    expect(isoText(Date.UTC(2022, 10, 24, 2, 3, 4, 5))).toBe("2022-11-24T02:03:04.005Z")
  })

  it("a fraction of a millisecond is dropped, and a time no Date holds throws, as toISOString does", () => {
    expect(isoText(1.75)).toBe("1970-01-01T00:00:00.001Z")
    expect(isoText(-1.75)).toBe(new Date(-1.75).toISOString())
    for (const millis of [Number.NaN, Infinity, maxMillis + 1]) expect(() => isoText(millis)).toThrow(RangeError)
  })
})
