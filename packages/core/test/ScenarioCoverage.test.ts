import { describe, expect, it } from "@effect/vitest"
import { ForumScenario } from "@kemitraan/core/testing"
import { FastCheck as fc } from "effect"
import { setImmediate as eventLoopTurn } from "node:timers/promises"
import { ReferenceModel } from "./model/ReferenceModel.js"
import { reachableErrors } from "./model/rules.js"

/**
 * The outcomes the reference model predicts for a sample of scenarios, by error tag. The sample is
 * `fc.sample(scenarios, { numRuns, seed })`, value for value, but drawn in chunks (`path` skips the
 * values drawn before) with the event loop's turn between them: drawn at once it keeps the loop busy
 * for seconds, for a minute on a loaded machine, and vitest's messages to the worker time out.
 */
const errorsOf = async (
  scenarios: fc.Arbitrary<ForumScenario.Scenario>,
  numRuns: number,
  // fast-check's own default, chosen once so that every chunk continues the same sample
  seed = Date.now() ^ (Math.random() * 0x100000000)
): Promise<Map<string, number>> => {
  const seen = new Map<string, number>()
  const chunk = 50
  for (let drawn = 0; drawn < numRuns; drawn += chunk) {
    await eventLoopTurn()
    for (const scenario of fc.sample(scenarios, {
      numRuns: Math.min(chunk, numRuns - drawn),
      seed,
      path: `${drawn}`
    })) {
      const model = new ReferenceModel(scenario.date)
      for (const command of scenario.commands) {
        const outcome = model.step(command)
        if ("error" in outcome) seen.set(outcome.error, (seen.get(outcome.error) ?? 0) + 1)
      }
    }
  }
  return seen
}

describe("ForumScenario generators", () => {
  it("consistent forums break no rule (reference model, 500 samples)", async () => {
    expect([...(await errorsOf(ForumScenario.consistent(), 500)).keys()]).toEqual([])
  })

  it("adversarial forums break every rule but the clock's (reference model, 3,000 samples, fixed seed)", async () => {
    const seen = await errorsOf(ForumScenario.adversarial(), 3_000, 20221124)
    expect([...seen.keys()].sort()).toEqual([...reachableErrors].sort())
  })
})
