import { describe, expect, it } from "@effect/vitest"
import { Effect, Either, Exit } from "effect"
import { EventStoreError, ExpectedVersion } from "@kemitraan/eventsourcing"
import * as GroupCommit from "../src/internal/groupCommit.js"
import type { AppendBatch, AppendNow, AppendRequest } from "../src/SqlDriver.js"

const request = (streamId: string): AppendRequest => ({
  streamId,
  expected: ExpectedVersion.any,
  events: [],
  encoded: [],
  recordedAt: "2022-11-24T00:00:00.000Z"
})

/** A batch that answers each request by its stream id ("bad" ones are refused) and records the batch sizes. */
const recording =
  (sizes: Array<number>): AppendBatch =>
  (requests) =>
    Effect.sync(() => {
      sizes.push(requests.length)
      return requests.map((r, i) =>
        r.streamId.startsWith("bad")
          ? Either.left(
              new EventStoreError.WrongExpectedVersion({
                streamId: r.streamId,
                expected: r.expected,
                actual: 1
              })
            )
          : Either.right({ streamVersion: i + 1, position: Number(r.streamId.slice(2)) })
      )
    })

describe("group commit", () => {
  it.effect("appends waiting together go in one batch; each gets its own outcome, a refused one fails alone", () =>
    Effect.gen(function* () {
      const sizes: Array<number> = []
      const append = GroupCommit.make(recording(sizes))
      const ids = Array.from({ length: 32 }, (_, i) => (i % 5 === 0 ? `bad${i}` : `ok${i}`))
      const outcomes = yield* Effect.forEach(ids, (id) => Effect.either(append(request(id))), { concurrency: 32 })
      outcomes.forEach((outcome, i) => {
        if (ids[i]!.startsWith("bad")) expect(Either.isLeft(outcome) && outcome.left._tag).toBe("WrongExpectedVersion")
        else expect(Either.isRight(outcome) && outcome.right.position).toBe(i)
      })
      expect(sizes.reduce((a, b) => a + b, 0)).toBe(32)
      expect(Math.max(...sizes)).toBeGreaterThan(1)
    })
  )

  it.effect("an append alone is written in a batch of one", () =>
    Effect.gen(function* () {
      const sizes: Array<number> = []
      const append = GroupCommit.make(recording(sizes))
      for (let i = 0; i < 3; i++) expect((yield* append(request(`ok${i}`))).position).toBe(i)
      expect(sizes).toEqual([1, 1, 1])
    })
  )

  it.effect("appends one after the other go to the driver's now, the ones that probe for company too", () =>
    Effect.gen(function* () {
      const sizes: Array<number> = []
      const nows: Array<string> = []
      const now: AppendNow = (r) => {
        nows.push(r.streamId)
        return r.streamId === "ok5"
          ? undefined
          : Either.right({ streamVersion: 1, position: Number(r.streamId.slice(2)) })
      }
      const append = GroupCommit.make(recording(sizes), 1, now)
      const context = yield* Effect.context<never>()
      // 40 appends alone: every 16th yields first (nobody joins it) and still writes with now; the
      // one now cannot write (ok5) goes to the batch.
      for (let i = 0; i < 40; i++) expect((yield* append(request(`ok${i}`), context)).position).toBe(i)
      expect(nows).toEqual(Array.from({ length: 40 }, (_, i) => `ok${i}`))
      expect(sizes).toEqual([1])
    })
  )

  it.effect("a batch that dies fails every append in it, and the others are written", () =>
    Effect.gen(function* () {
      const died = new Set<string>()
      const append = GroupCommit.make((requests) => {
        if (died.size > 0) return recording([])(requests)
        for (const r of requests) died.add(r.streamId)
        return Effect.dieMessage("disk on fire")
      })
      const ids = Array.from({ length: 40 }, (_, i) => `ok${i}`)
      const exits = yield* Effect.forEach(ids, (id) => Effect.exit(append(request(id))), { concurrency: 40 })
      expect(died.size).toBeGreaterThan(0)
      exits.forEach((exit, i) => expect(Exit.isFailure(exit)).toBe(died.has(ids[i]!)))
      expect((yield* append(request("ok7"))).position).toBe(7)
    })
  )

  it.live("with two lanes, at most two batches are in flight at once, and every append gets its outcome", () =>
    Effect.gen(function* () {
      const sizes: Array<number> = []
      let inFlight = 0
      let most = 0
      const slow: AppendBatch = (requests) =>
        Effect.gen(function* () {
          inFlight += 1
          most = Math.max(most, inFlight)
          yield* Effect.sleep("5 millis")
          inFlight -= 1
          return yield* recording(sizes)(requests)
        })
      const append = GroupCommit.make(slow, 2)
      const ids = Array.from({ length: 64 }, (_, i) => `ok${i}`)
      const outcomes = yield* Effect.forEach(ids, (id) => append(request(id)), { concurrency: 64 })
      outcomes.forEach((outcome, i) => expect(outcome.position).toBe(i))
      expect(most).toBe(2)
      expect(sizes.reduce((a, b) => a + b, 0)).toBe(64)
    })
  )
})
