import { it } from "@effect/vitest"
import { Effect, Layer } from "effect"
import { EventStore, ExpectedVersion } from "@kemitraan/eventsourcing"
import { describe, expect } from "vitest"
import { layerFresh } from "./support/pgStore.js"

const event = (eventId: string) => ({
  eventId,
  type: "Counted",
  data: { n: 1 },
  metadata: { occurredAt: new Date("2022-11-24T09:00:00Z") }
})

/** 64 one-event appends from concurrent fibers into 8 streams; answers the log as `position stream@version`. */
const concurrentAppends = Effect.gen(function* () {
  const store = yield* EventStore.EventStore
  yield* Effect.forEach(
    Array.from({ length: 64 }, (_, i) => i),
    (i) => store.append(`S${i % 8}`, ExpectedVersion.any, [event(`e${i}`)]),
    { concurrency: "unbounded", discard: true }
  )
  return yield* store.readAllPage(0, 100)
})

describe("appendLanes: how many batches of appends one store has in flight", () => {
  for (const lanes of [1, 2]) {
    it.effect(`${lanes} lane(s): concurrent appends all land, at dense positions, each stream's versions 1..n`, () =>
      Effect.gen(function* () {
        const log = yield* concurrentAppends
        expect(log.map((e) => e.position)).toEqual(Array.from({ length: 64 }, (_, i) => i + 1))
        expect(new Set(log.map((e) => e.eventId)).size).toBe(64)
        for (let s = 0; s < 8; s++) {
          expect(log.filter((e) => e.streamId === `S${s}`).map((e) => e.streamVersion)).toEqual([
            1, 2, 3, 4, 5, 6, 7, 8
          ])
        }
      }).pipe(Effect.provide(layerFresh({ appendLanes: lanes })))
    )
  }

  for (const lanes of [0, 1.5, 9, Number.NaN]) {
    it.effect(`${lanes} is refused when the store opens, typed and naming the option`, () =>
      Effect.gen(function* () {
        const error = yield* Effect.flip(Layer.build(layerFresh({ appendLanes: lanes })).pipe(Effect.scoped))
        expect(error._tag).toBe("StoreFailure")
        expect(error.message).toContain("appendLanes must be an integer from 1 to 8")
      })
    )
  }
})
