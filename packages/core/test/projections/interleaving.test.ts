import { describe, expect, it } from "@effect/vitest"
import { ForumSummary, SupplyChain } from "@kemitraan/core"
import * as fc from "fast-check"
import { build, choices, fold, interleave, recorded, worldPlan } from "./world.js"

/** Two interleavings of the same streams: each stream keeps its order, the streams mix differently. */
const twoInterleavings = fc.tuple(worldPlan, choices, choices).map(([plan, first, second]) => {
  const streams = build(plan)
  return [recorded(interleave(streams, first)), recorded(interleave(streams, second))] as const
})

const options = { fastCheck: { numRuns: 150 } }

describe("projections do not depend on how independent streams interleave", () => {
  it.prop(
    "the forum summary of every forum is the same in any interleaving",
    [twoInterleavings],
    ([[a, b]]) => {
      const first = fold(ForumSummary.projection, a)
      const second = fold(ForumSummary.projection, b)
      expect(ForumSummary.summaries(second)).toEqual(ForumSummary.summaries(first))
      expect(ForumSummary.rows(second)).toEqual(ForumSummary.rows(first))
    },
    options
  )

  it.prop(
    "funnels and pairs are the same in any interleaving",
    [twoInterleavings],
    ([[a, b]]) => {
      const first = fold(SupplyChain.projection, a)
      const second = fold(SupplyChain.projection, b)
      expect(SupplyChain.funnel(second)).toEqual(SupplyChain.funnel(first))
      expect(SupplyChain.funnelBy(second, "forum")).toEqual(SupplyChain.funnelBy(first, "forum"))
      expect(SupplyChain.rows(second)).toEqual(SupplyChain.rows(first))
    },
    options
  )
})
