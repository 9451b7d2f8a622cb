import { describe, expect, it } from "@effect/vitest"
import { ForumScenario } from "@kemitraan/core/testing"
import { FastCheck as fc } from "effect"
import { ReferenceModel } from "./model/ReferenceModel.js"
import { reachableErrors } from "./model/rules.js"

/** The outcomes the reference model predicts for a sample of scenarios, by error tag. */
const errorsOf = (scenarios: ReadonlyArray<ForumScenario.Scenario>): Map<string, number> => {
  const seen = new Map<string, number>()
  for (const scenario of scenarios) {
    const model = new ReferenceModel(Number(scenario.date.slice(0, 4)))
    for (const command of scenario.commands) {
      const outcome = model.step(command)
      if ("error" in outcome) seen.set(outcome.error, (seen.get(outcome.error) ?? 0) + 1)
    }
  }
  return seen
}

describe("ForumScenario generators", () => {
  it("consistent forums break no rule (reference model, 500 samples)", () => {
    expect([...errorsOf(fc.sample(ForumScenario.consistent(), 500)).keys()]).toEqual([])
  })

  it("adversarial forums break every rule but the clock's (reference model, 3,000 samples, fixed seed)", () => {
    const seen = errorsOf(fc.sample(ForumScenario.adversarial(), { numRuns: 3_000, seed: 20221124 }))
    expect([...seen.keys()].sort()).toEqual([...reachableErrors].sort())
  })
})
