import { describe, expect, it } from "@effect/vitest"
import { ForumSummary, type KemitraanEvent, SupplyChain } from "@kemitraan/core"
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
  roundTrips(ForumSummary.projection, ForumSummary.rows)
  roundTrips(SupplyChain.projection, SupplyChain.rows)
})

describe("a saved state that is malformed does not decode", () => {
  it("a sum past the safe-integer range fails the checkpoint instead of saving an inexact figure", () => {
    const state = SupplyChain.initialState()
    state.counterparts.set("inka", "PT INKA")
    state.pairs.set("sme-1", [
      {
        counterpartId: "inka",
        stage: 2,
        engagements: 1,
        potentialValue: Number.MAX_SAFE_INTEGER + 2,
        contractedValue: 0,
        deliveredValue: 0
      }
    ])
    expect(Either.isLeft(SupplyChain.projection.stateCodec.encode(state))).toBe(true)
  })
})
