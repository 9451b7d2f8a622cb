import { describe, expect, it } from "@effect/vitest"
import { ClassAdvancement, type KemitraanEvent } from "@kemitraan/core"
import type { Projection } from "@kemitraan/eventsourcing"
import { Either } from "effect"
import * as fc from "fast-check"
import { build, choices, fold, interleave, recorded, worldPlan } from "./world.js"

const logs = fc.tuple(worldPlan, choices).map(([plan, picks]) => recorded(interleave(build(plan), picks)))

const options = { fastCheck: { numRuns: 150 } }

const roundTrips = <S>(
  projection: Projection.Projection<S, KemitraanEvent.KemitraanEvent>,
  rows: (state: S) => unknown
) =>
  it.prop(
    `${projection.name}: decode(JSON(encode(state))) equals the state, and folds on the same`,
    [logs],
    ([events]) => {
      const half = Math.floor(events.length / 2)
      const state = fold(projection, events.slice(0, half))
      const json: unknown = JSON.parse(JSON.stringify(Either.getOrThrow(projection.stateCodec.encode(state))))
      const restored = Either.getOrThrow(projection.stateCodec.decode(json))
      expect(restored).toEqual(state)
      expect(rows(restored)).toEqual(rows(state))
      let continued = restored
      for (const event of events.slice(half)) {
        if (projection.eventTypes?.includes(event.event._tag) !== false) continued = projection.evolve(continued, event)
      }
      expect(rows(continued)).toEqual(rows(fold(projection, events)))
    },
    options
  )

describe("states round-trip through their schema", () => {
  roundTrips(ClassAdvancement.projection, ClassAdvancement.rows)
})

describe("a saved state that is malformed does not decode", () => {
  it("names the collection and the first malformed row", () => {
    const saved = {
      participants: [
        ["sme-1", 2015, "35", "28299", false, null, [2021, 1_000, 2_000, 3]],
        ["sme-2", 2015, "99", "28299", false, null, []]
      ],
      cohorts: []
    }
    const decoded = ClassAdvancement.projection.stateCodec.decode(saved)
    expect(Either.isLeft(decoded)).toBe(true)
    if (Either.isLeft(decoded)) {
      expect(decoded.left.message).toMatch(/ClassAdvancement\.participants: row 1 is malformed: \["sme-2",2015,"99"/)
    }
  })

  it("rejects figures that are not safe integers, and years out of order", () => {
    const participant = (years: ReadonlyArray<number>) => ({
      participants: [["sme-1", 2015, "35", "28299", false, null, years]],
      cohorts: []
    })
    const decode = ClassAdvancement.projection.stateCodec.decode
    expect(Either.isRight(decode(participant([2021, 1, 2, 3, 2022, 4, 5, 6])))).toBe(true)
    expect(Either.isLeft(decode(participant([2022, 1, 2, 3, 2021, 4, 5, 6])))).toBe(true)
    expect(Either.isLeft(decode(participant([2021, 2 ** 53, 2, 3])))).toBe(true)
    expect(Either.isLeft(decode(participant([2021, 1, 2])))).toBe(true)
  })
})
