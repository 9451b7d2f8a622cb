import { describe, expect, it } from "@effect/vitest"
import { ClassAdvancement } from "@kemitraan/core"
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
    "class histories and cohorts are the same in any interleaving",
    [twoInterleavings],
    ([[a, b]]) => {
      const first = fold(ClassAdvancement.projection, a)
      const second = fold(ClassAdvancement.projection, b)
      for (const forumId of first.cohorts.keys()) {
        expect(ClassAdvancement.cohort(second, forumId)).toEqual(ClassAdvancement.cohort(first, forumId))
      }
      expect(ClassAdvancement.rows(second)).toEqual(ClassAdvancement.rows(first))
    },
    options
  )
})
