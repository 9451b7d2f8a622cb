import * as Chunk from "effect/Chunk"
import * as Effect from "effect/Effect"
import * as Runtime from "effect/Runtime"
import * as Stream from "effect/Stream"
import * as fc from "fast-check"
import { expect } from "vitest"
import * as EventStore from "../../../EventStore.js"
import { any } from "../../../ExpectedVersion.js"
import type { ConformanceCase, ConformanceGroup, ConformanceSettings, StoreLayer } from "./ConformanceCase.js"
import { ids, notes } from "./fixtures.js"

interface Sample {
  /** Appends, in order: which stream, how many events. */
  readonly appends: ReadonlyArray<{ readonly stream: string; readonly events: number }>
  readonly pageSize: number
  /** Where to resume, as an index into the log (taken modulo its length + 1). */
  readonly cut: number
}

const sample: fc.Arbitrary<Sample> = fc.record({
  appends: fc.array(fc.record({ stream: fc.constantFrom("A", "B", "C"), events: fc.integer({ min: 1, max: 4 }) }), {
    maxLength: 10
  }),
  pageSize: fc.integer({ min: 1, max: 6 }),
  cut: fc.nat()
})

// Bounded, so that a store that never ends a page fails the case instead of hanging it.
const collect = (store: EventStore.EventStore, after: number, pageSize: number, bound: number) =>
  Effect.map(
    Stream.runCollect(Stream.take(EventStore.readAll(store, { after, pageSize }), bound)),
    Chunk.toReadonlyArray
  )

const check = ({ appends, cut, pageSize }: Sample) =>
  Effect.gen(function* () {
    const store = yield* EventStore.EventStore
    const appended = appends.map(({ events, stream }, i) => ({ stream, events: notes(`${stream}${i}`, events) }))
    for (const { events, stream } of appended) yield* store.append(stream, any, events)
    const expected = appended.flatMap(({ events }) => ids(events))
    const whole = yield* collect(store, 0, pageSize, expected.length + 1)
    expect(ids(whole)).toEqual(expected)
    const k = cut % (whole.length + 1)
    const resumeAfter = k === 0 ? 0 : whole[k - 1]!.position
    const prefix = yield* EventStore.readAll(store, { pageSize }).pipe(
      Stream.take(whole.length + 1),
      Stream.takeWhile((event) => event.position <= resumeAfter),
      Stream.runCollect,
      Effect.map(Chunk.toReadonlyArray)
    )
    const rest = yield* collect(store, resumeAfter, pageSize, whole.length + 1)
    expect([...prefix, ...rest]).toEqual(whole)
  })

const resumedReadAll = (runs: number): ConformanceCase => ({
  name: "property: readAll resumed from any position, concatenated with the pages before it, equals the whole log",
  run: (layer: StoreLayer) =>
    Effect.gen(function* () {
      const runtime = yield* Effect.runtime<never>()
      const run = Runtime.runPromise(runtime)
      yield* Effect.promise(() =>
        fc.assert(
          fc.asyncProperty(sample, (input) => run(Effect.provide(check(input), layer))),
          { numRuns: runs }
        )
      )
    })
})

/** Properties over random logs. */
export const propertyGroup = (settings: ConformanceSettings): ConformanceGroup => ({
  name: "properties",
  cases: [resumedReadAll(settings.propertyRuns)]
})
