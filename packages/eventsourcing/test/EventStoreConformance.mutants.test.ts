/**
 * The conformance suite must catch broken stores: each mutant below breaks one rule of the
 * contract, and the suite's cases about that rule must fail against it. (They pass against the
 * in-memory store: `EventStoreConformance.test.ts`.)
 */
import { describe, expect, it } from "@effect/vitest"
import { EventStore, ExpectedVersion, type RecordedEvent } from "@kemitraan/eventsourcing"
import { Effect, Exit, Layer } from "effect"
import { groups, type StoreLayer } from "../src/testing/internal/conformance/index.js"

const cases = groups({ fibers: 5, pageSize: 3, propertyRuns: 20 }).flatMap((group) => group.cases)

const storeMutant = (mutate: (store: EventStore.EventStore) => EventStore.EventStore): StoreLayer =>
  Layer.effect(EventStore.EventStore, Effect.map(EventStore.EventStore, mutate)).pipe(
    Layer.provide(EventStore.layerMemory)
  )

const rewritingEvents = (rewrite: (event: RecordedEvent.EventToAppend) => RecordedEvent.EventToAppend): StoreLayer =>
  storeMutant((store) => ({
    ...store,
    append: (streamId, expected, events) => store.append(streamId, expected, events.map(rewrite))
  }))

interface Mutant {
  readonly name: string
  readonly layer: StoreLayer
  /** Fragments of the names of cases that must fail against the mutant. */
  readonly caught: ReadonlyArray<string>
}

const mutants: ReadonlyArray<Mutant> = [
  {
    name: "ignores the expected version",
    layer: storeMutant((store) => ({
      ...store,
      append: (streamId, _, events) => store.append(streamId, ExpectedVersion.any, events)
    })),
    caught: [
      "expecting stream exists to a missing stream fails",
      "expecting exactly 1 to a missing stream fails",
      "expecting no stream to a stream at version 2 fails",
      "expecting exactly 3 to a stream at version 2 fails",
      "WrongExpectedVersion carries",
      "no events still enforces",
      "exactly one wins"
    ]
  },
  {
    name: "forgets event ids (gives every event a fresh one)",
    layer: rewritingEvents((event) => ({ ...event, eventId: crypto.randomUUID() })),
    caught: [
      "retrying an append",
      "retry is recognised",
      "reused with other content",
      "reused in another stream",
      "partly stored"
    ]
  },
  {
    name: "appends event by event (not atomic)",
    layer: storeMutant((store) => ({
      ...store,
      append: (streamId, expected, events) =>
        Effect.gen(function* () {
          let result = yield* store.append(streamId, expected, [])
          for (const event of events) result = yield* store.append(streamId, ExpectedVersion.any, [event])
          return result
        })
    })),
    caught: ["fails on its last event writes none", "twice in one append", "partly stored"]
  },
  {
    name: "ignores maxCount",
    layer: storeMutant((store) => ({
      ...store,
      readStream: (streamId, options) => store.readStream(streamId, { fromVersion: options?.fromVersion })
    })),
    caught: ["at most maxCount"]
  },
  {
    name: "returns one event less than a full page",
    layer: storeMutant((store) => ({
      ...store,
      readAllPage: (after, limit) => store.readAllPage(after, Math.max(0, limit - 1))
    })),
    caught: ["returns all 3 events", "returns all 4 events", "readAllPage(after, limit)", "property: readAll resumed"]
  },
  {
    name: "reads the log from `after` inclusive",
    layer: storeMutant((store) => ({
      ...store,
      readAllPage: (after, limit) => store.readAllPage(Math.max(0, after - 1), limit)
    })),
    caught: ["readAll resumes strictly after", "returns all 4 events", "property: readAll resumed"]
  },
  {
    name: "drops correlation ids",
    layer: rewritingEvents((event) => ({ ...event, metadata: { occurredAt: event.metadata.occurredAt } })),
    caught: ["metadata round-trips"]
  }
]

describe("the conformance suite catches broken stores", () => {
  for (const mutant of mutants) {
    for (const fragment of mutant.caught) {
      it.live(`a store that ${mutant.name} fails "${fragment}"`, () =>
        Effect.gen(function* () {
          const matching = cases.filter((c) => c.name.includes(fragment))
          expect(matching).toHaveLength(1)
          const exit = yield* Effect.exit(matching[0]!.run(mutant.layer))
          expect(Exit.isFailure(exit)).toBe(true)
        })
      )
    }
  }
})
