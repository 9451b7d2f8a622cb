import * as Chunk from "effect/Chunk"
import * as Effect from "effect/Effect"
import * as Runtime from "effect/Runtime"
import * as Stream from "effect/Stream"
import type { Duration } from "effect"
import * as fc from "fast-check"
import { expect } from "vitest"
import * as EventStore from "../../../EventStore.js"
import { maxDataDepth } from "../../../EventStoreAdapter.js"
import { any, type ExpectedVersion } from "../../../ExpectedVersion.js"
import type { EventToAppend } from "../../../RecordedEvent.js"
import { breathing } from "../../EventLoop.js"
import type { StoreLayer } from "../conformance/ConformanceCase.js"
import { hostileData, hostileExpected, hostileName, nested, optionNumber, utf16String, wide } from "./arbitraries.js"
import { bounded, sameValue } from "./outcome.js"

/** The suite's knobs, with their defaults filled in. */
export interface HostileSettings {
  readonly runs: number
  readonly callTimeout: Duration.DurationInput
}

/** One hostile-input case, run against one store built from the layer. */
export interface HostileCase {
  readonly name: string
  readonly run: (layer: StoreLayer, settings: HostileSettings) => Effect.Effect<void, unknown>
}

const occurredAt = new Date("2022-11-24T02:30:00.123Z")

/** Runs a property whose every sample is an Effect on one store, leaving the event loop its turn. */
const property = <T>(
  layer: StoreLayer,
  runs: number,
  arbitrary: fc.Arbitrary<T>,
  check: (sample: T) => Effect.Effect<void, unknown, EventStore.EventStore>
) =>
  breathing(
    Effect.provide(
      Effect.gen(function* () {
        const run = Runtime.runPromise(yield* Effect.runtime<EventStore.EventStore>())
        yield* Effect.promise(() =>
          fc.assert(
            fc.asyncProperty(arbitrary, (sample) => run(check(sample))),
            { numRuns: runs }
          )
        )
      }),
      layer
    )
  )

/** The log after `head`: empty unless something was written. */
const writtenSince = (store: EventStore.EventStore, head: number) =>
  Effect.map(store.readAllPage(head, 10), (page) => page.length)

/**
 * Appends one event and checks the invariant: it reads back exactly as given (id, type, data,
 * instant, stream), and resending it is a retry with the same result, marked already appended; or it is refused with a
 * typed error and nothing is written.
 */
const appendOnce = (event: EventToAppend, streamId: string, expected: unknown, settings: HostileSettings) =>
  Effect.gen(function* () {
    const store = yield* EventStore.EventStore
    const head = yield* store.headPosition
    // The suite sends what the types forbid, as a JavaScript caller may.
    const version = expected as ExpectedVersion
    const outcome = yield* bounded(store.append(streamId, version, [event]), settings.callTimeout, "append")
    if (outcome._tag === "Refused") {
      expect(yield* writtenSince(store, head)).toBe(0)
      return
    }
    const [read] = yield* store.readAllPage(head, 1)
    expect(read).toBeDefined()
    expect([read!.streamId, read!.eventId, read!.type]).toEqual([streamId, event.eventId, event.type])
    expect(sameValue(read!.data, event.data)).toBe(true)
    expect(read!.metadata.occurredAt.getTime()).toBe(occurredAt.getTime())
    const [again] = yield* store.readStream(streamId, { fromVersion: read!.streamVersion, maxCount: 1 })
    expect(again?.eventId).toBe(event.eventId)
    const retried = yield* bounded(store.append(streamId, version, [event]), settings.callTimeout, "retry")
    expect(retried).toEqual({ _tag: "Succeeded", value: { ...outcome.value, alreadyAppended: true } })
    expect(yield* writtenSince(store, read!.position)).toBe(0)
  })

const eventOf = (eventId: string, type: string, data: unknown): EventToAppend => ({
  eventId,
  type,
  data,
  metadata: { occurredAt }
})

const hostileAppend: HostileCase = {
  name: "property: an append of any ids, types and data round-trips exactly or is refused typed with nothing written",
  run: (layer, settings) =>
    property(
      layer,
      settings.runs,
      fc.record({
        streamId: hostileName,
        eventId: hostileName,
        type: hostileName,
        data: hostileData,
        expected: hostileExpected
      }),
      ({ data, eventId, expected, streamId, type }) =>
        appendOnce(eventOf(eventId, type, data), streamId, expected, settings)
    )
}

const deepAndWide: HostileCase = {
  name: `property: data nested up to ${maxDataDepth} levels and wide data round-trip; deeper data and cycles are refused`,
  run: (layer, settings) =>
    property(
      layer,
      Math.max(10, Math.round(settings.runs / 5)),
      fc.oneof(
        fc
          .integer({ min: 0, max: maxDataDepth * 4 })
          .map((depth) => ({ data: nested(depth), ok: depth <= maxDataDepth })),
        wide.map((data) => ({ data, ok: true })),
        fc.constant(null).map(() => {
          const cycle: Record<string, unknown> = { a: 1 }
          cycle["self"] = cycle
          return { data: cycle, ok: false }
        })
      ),
      ({ data, ok }) =>
        Effect.gen(function* () {
          const store = yield* EventStore.EventStore
          const head = yield* store.headPosition
          const eventId = crypto.randomUUID()
          yield* appendOnce(eventOf(eventId, "Deep", data), "Deep", any, settings)
          expect((yield* writtenSince(store, head)) === 1).toBe(ok)
        })
    )
}

const numbersAsOptions: HostileCase = {
  name: "property: reads with any numbers as options return in time, succeed when the numbers are valid and are refused typed when not",
  run: (layer, settings) =>
    property(
      layer,
      settings.runs,
      fc.record({
        after: optionNumber,
        limit: optionNumber,
        fromVersion: fc.option(optionNumber, { nil: undefined }),
        maxCount: fc.option(optionNumber, { nil: undefined }),
        pageSize: optionNumber,
        streamId: utf16String
      }),
      ({ after, fromVersion, limit, maxCount, pageSize, streamId }) =>
        Effect.gen(function* () {
          const store = yield* EventStore.EventStore
          if ((yield* store.headPosition) === 0) {
            yield* store.append("S", any, [eventOf("s-1", "Seed", 1), eventOf("s-2", "Seed", 2)])
          }
          const valid = (n: number | undefined, least = 0) => n === undefined || (Number.isSafeInteger(n) && n >= least)
          const expectOutcome = (outcome: { readonly _tag: string }, ok: boolean) =>
            expect(outcome._tag).toBe(ok ? "Succeeded" : "Refused")
          const time = settings.callTimeout
          expectOutcome(
            yield* bounded(store.readAllPage(after, limit), time, "readAllPage"),
            valid(after) && valid(limit)
          )
          const wellFormed = !/\p{Surrogate}/u.test(streamId)
          expectOutcome(
            yield* bounded(store.readStream(streamId, { fromVersion, maxCount }), time, "readStream"),
            wellFormed && valid(fromVersion) && valid(maxCount)
          )
          expectOutcome(yield* bounded(store.streamVersion(streamId), time, "streamVersion"), wellFormed)
          const all = Effect.map(
            Stream.runCollect(Stream.take(EventStore.readAll(store, { after, pageSize }), 10)),
            Chunk.size
          )
          expectOutcome(yield* bounded(all, time, "readAll"), valid(after) && valid(pageSize, 1))
        })
    )
}

/** Every hostile-input case. */
export const cases: ReadonlyArray<HostileCase> = [hostileAppend, deepAndWide, numbersAsOptions]
