import { describe, expect, it } from "@effect/vitest"
import { ExpectedVersion } from "@kemitraan/eventsourcing"
import { Either, Schema } from "effect"

const { any, exact, format, isSatisfiedBy, noStream, streamExists } = ExpectedVersion

describe("ExpectedVersion", () => {
  it("any is satisfied by every version", () => {
    expect([0, 1, 7].map((version) => isSatisfiedBy(any, version))).toEqual([true, true, true])
  })

  it("noStream is satisfied only by a missing stream (version 0)", () => {
    expect([0, 1, 7].map((version) => isSatisfiedBy(noStream, version))).toEqual([true, false, false])
  })

  it("streamExists is satisfied only by a stream with events", () => {
    expect([0, 1, 7].map((version) => isSatisfiedBy(streamExists, version))).toEqual([false, true, true])
  })

  it("exact(n) is satisfied only by version n, and exact(0) means no stream", () => {
    expect([0, 1, 2, 3].map((version) => isSatisfiedBy(exact(2), version))).toEqual([false, false, true, false])
    expect([0, 1].map((version) => isSatisfiedBy(exact(0), version))).toEqual([true, false])
  })

  it("format says each case in words", () => {
    expect([any, noStream, streamExists, exact(3)].map(format)).toEqual([
      "any",
      "no stream",
      "stream exists",
      "exactly 3"
    ])
  })

  it("the schema round-trips every case and refuses a negative or fractional exact version", () => {
    const decode = Schema.decodeUnknownEither(ExpectedVersion.ExpectedVersion)
    for (const expected of [any, noStream, streamExists, exact(0), exact(12)]) {
      const encoded = Schema.encodeSync(ExpectedVersion.ExpectedVersion)(expected)
      expect(decode(encoded)).toEqual(Either.right(expected))
    }
    expect(Either.isLeft(decode({ _tag: "Exact", version: -1 }))).toBe(true)
    expect(Either.isLeft(decode({ _tag: "Exact", version: 1.5 }))).toBe(true)
    expect(Either.isLeft(decode({ _tag: "Sometimes" }))).toBe(true)
  })

  it("exact(n) with n not a non-negative integer does not throw: the append refuses it typed", () => {
    expect(exact(-1)).toEqual({ _tag: "Exact", version: -1 })
    expect(Either.isLeft(Schema.decodeUnknownEither(ExpectedVersion.ExpectedVersion)(exact(Number.NaN)))).toBe(true)
  })
})
