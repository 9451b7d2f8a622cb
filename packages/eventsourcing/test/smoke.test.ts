import { it } from "@effect/vitest"
import { Effect } from "effect"
import { EventStore } from "@kemitraan/eventsourcing"
import { expect } from "vitest"

it.effect("an empty memory store is at position 0", () =>
  Effect.gen(function* () {
    const store = yield* EventStore.EventStore
    expect(yield* store.headPosition).toBe(0)
  }).pipe(Effect.provide(EventStore.layerMemory))
)
