import { describe, expect, it } from "@effect/vitest"
import { Kemitraan, Provenance } from "@kemitraan/core"
import { EventStore, ReadModelRunner, ReadModelStore } from "@kemitraan/eventsourcing"
import { Effect, Either, TestClock } from "effect"
import * as F from "../fixtures.js"

/** Events by type and provenance: what a report reads to mark the tables that rest on synthetic detail. */

const command = (input: Record<string, unknown>): Kemitraan.Command => Either.getOrThrow(Kemitraan.decodeCommand(input))

const countsAfter = (commands: ReadonlyArray<readonly [Kemitraan.Command, string | undefined]>) =>
  Effect.gen(function* () {
    yield* TestClock.setTime(F.forumDay)
    for (const [each, provenance] of commands) {
      yield* TestClock.adjust(F.minute)
      yield* Kemitraan.handle(each, provenance === undefined ? {} : { provenance })
    }
    const store = yield* ReadModelRunner.run(Provenance.readModel)
    return yield* Effect.provideService(Provenance.counts, ReadModelStore.ReadModelStore, store)
  }).pipe(Effect.provide(EventStore.layerMemory))

describe("the provenance read model", () => {
  it.effect("counts events by type and provenance; events that state none are `unstated`", () =>
    Effect.gen(function* () {
      const rows = yield* countsAfter([
        [command(F.enrolSme(F.smeId)), "synthetic"],
        [command(F.enrolSme(F.otherSmeId)), "synthetic"],
        [command(F.enrolCounterpart()), "published"],
        [command(F.scheduleForum), undefined]
      ])
      expect(rows).toEqual([
        { eventType: "CounterpartEnrolled", provenance: "published", events: 1 },
        { eventType: "ForumScheduled", provenance: Provenance.unstated, events: 1 },
        { eventType: "SmeEnrolled", provenance: "synthetic", events: 2 }
      ])
      expect(Provenance.synthetic(rows, ["SmeEnrolled", "CounterpartEnrolled"])).toBe(2)
      expect(Provenance.synthetic(rows, ["CounterpartEnrolled", "ForumScheduled"])).toBe(0)
      expect(Provenance.synthetic(rows, [])).toBe(0)
    })
  )
})
