import { Effect, Option } from "effect"
import { expect } from "vitest"
import { type Checkpoint, CheckpointStore } from "../../../CheckpointStore.js"
import type { ConformanceGroup } from "./ConformanceCase.js"
import { expectFailure, storeCase } from "./fixtures.js"

const checkpoint = (name: string, position: number): Checkpoint => ({
  name,
  version: 2,
  position,
  state: { counts: { "31": 1, "35": position }, names: ["a", "b"], nothing: null, done: position > 10 }
})

const loadSaveRemove = storeCase(
  "a checkpoint is none until saved, loads as saved, is replaced by the next save and is gone once removed",
  Effect.gen(function* () {
    const checkpoints = yield* CheckpointStore
    expect(yield* checkpoints.load("p")).toEqual(Option.none())
    yield* checkpoints.save(checkpoint("p", 5))
    expect(yield* checkpoints.load("p")).toEqual(Option.some(checkpoint("p", 5)))
    yield* checkpoints.save(checkpoint("p", 12))
    expect(yield* checkpoints.load("p")).toEqual(Option.some(checkpoint("p", 12)))
    yield* checkpoints.remove("p")
    expect(yield* checkpoints.load("p")).toEqual(Option.none())
    yield* checkpoints.remove("never-saved")
  })
)

const perName = storeCase(
  "checkpoints are kept per projection name",
  Effect.gen(function* () {
    const checkpoints = yield* CheckpointStore
    yield* checkpoints.save(checkpoint("p", 1))
    yield* checkpoints.save(checkpoint("q", 2))
    yield* checkpoints.remove("p")
    expect(yield* checkpoints.load("p")).toEqual(Option.none())
    expect(yield* checkpoints.load("q")).toEqual(Option.some(checkpoint("q", 2)))
  })
)

const commits = storeCase(
  "a transaction that succeeds keeps its checkpoint writes and returns the effect's value",
  Effect.gen(function* () {
    const checkpoints = yield* CheckpointStore
    yield* checkpoints.save(checkpoint("q", 1))
    const value = yield* checkpoints.transaction(
      Effect.gen(function* () {
        yield* checkpoints.save(checkpoint("p", 3))
        yield* checkpoints.remove("q")
        return "done"
      })
    )
    expect(value).toBe("done")
    expect(yield* checkpoints.load("p")).toEqual(Option.some(checkpoint("p", 3)))
    expect(yield* checkpoints.load("q")).toEqual(Option.none())
  })
)

const rollsBack = storeCase(
  "a transaction whose effect fails rolls back its checkpoint saves and removals and fails with the same error",
  Effect.gen(function* () {
    const checkpoints = yield* CheckpointStore
    yield* checkpoints.save(checkpoint("p", 1))
    yield* checkpoints.save(checkpoint("q", 1))
    const failing = checkpoints.transaction(
      Effect.gen(function* () {
        yield* checkpoints.save(checkpoint("p", 9))
        yield* checkpoints.save(checkpoint("r", 9))
        yield* checkpoints.remove("q")
        return yield* Effect.fail({ _tag: "ReadModelRefused", reason: "the read model refused the write" })
      })
    )
    yield* expectFailure(failing, "ReadModelRefused", { reason: "the read model refused the write" })
    expect(yield* checkpoints.load("p")).toEqual(Option.some(checkpoint("p", 1)))
    expect(yield* checkpoints.load("q")).toEqual(Option.some(checkpoint("q", 1)))
    expect(yield* checkpoints.load("r")).toEqual(Option.none())
  })
)

/** The checkpoint store: load, save, remove, and transactions that roll back. */
export const checkpointGroup: ConformanceGroup = {
  name: "checkpoints",
  cases: [loadSaveRemove, perName, commits, rollsBack]
}
