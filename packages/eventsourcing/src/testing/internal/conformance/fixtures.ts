import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Schema from "effect/Schema"
import { inspect } from "node:util"
import { expect } from "vitest"
import * as EventCatalog from "../../../EventCatalog.js"
import { EventStore } from "../../../EventStore.js"
import type { ExpectedVersion } from "../../../ExpectedVersion.js"
import type { EventMetadata, EventToAppend, StoredEvent } from "../../../RecordedEvent.js"
import type { ConformanceCase } from "./ConformanceCase.js"

/** A free-text event of the suite's catalogue. */
export const Noted = Schema.TaggedStruct("Noted", { text: Schema.String })

/** A numbered event of the suite's catalogue. */
export const Counted = Schema.TaggedStruct("Counted", { n: Schema.Int })

/** The events of the suite's catalogue. */
export type TestEvent = typeof Noted.Type | typeof Counted.Type

/** The suite's catalogue, for the cases that decode. */
export const TestEvents = EventCatalog.make(Noted, Counted)

/** When the suite's events occurred: millisecond precision, so that adapters must keep it. */
export const occurredAt = new Date("2022-11-24T02:30:00.123Z")

const metadata: EventMetadata = { occurredAt }

/** An encoded `Noted` event ready for `EventStore.append`. */
export const note = (eventId: string, text: string = eventId): EventToAppend => ({
  eventId,
  type: "Noted",
  data: { _tag: "Noted", text },
  metadata
})

/** An encoded `Counted` event ready for `EventStore.append`. */
export const count = (eventId: string, n: number): EventToAppend => ({
  eventId,
  type: "Counted",
  data: { _tag: "Counted", n },
  metadata
})

/** `howMany` `Noted` events with ids `${prefix}-1` .. `${prefix}-${howMany}`. */
export const notes = (prefix: string, howMany: number): Array<EventToAppend> =>
  Array.from({ length: howMany }, (_, i) => note(`${prefix}-${i + 1}`))

/** A case that runs `effect` against a store built for it alone. */
export const storeCase = (name: string, effect: Effect.Effect<void, unknown, EventStore>): ConformanceCase => ({
  name,
  run: (layer) => Effect.provide(effect, layer)
})

/** The error an effect fails with; a clear defect when it succeeds instead. */
export const failureOf = <A, E, R>(effect: Effect.Effect<A, E, R>): Effect.Effect<E, never, R> =>
  Effect.flatMap(
    Effect.either(effect),
    Either.match({
      onLeft: Effect.succeed,
      onRight: (value) => Effect.dieMessage(`expected a failure, but it succeeded with ${show(value)}`)
    })
  )

/** Expects `effect` to fail with the error tagged `tag`, carrying `fields`; returns that error. */
export const expectFailure = <A, E, R>(
  effect: Effect.Effect<A, E, R>,
  tag: string,
  fields: Readonly<Record<string, unknown>> = {}
): Effect.Effect<E, never, R> =>
  Effect.tap(failureOf(effect), (error) => {
    expect(error, `expected ${tag}, got ${show(error)}`).toMatchObject({ _tag: tag, ...fields })
  })

/** Expects a `WrongExpectedVersion` naming `streamId`, `expected` and `actual`. */
export const expectWrongVersion = <A, E, R>(
  effect: Effect.Effect<A, E, R>,
  streamId: string,
  expected: ExpectedVersion,
  actual: number
): Effect.Effect<E, never, R> => expectFailure(effect, "WrongExpectedVersion", { streamId, expected, actual })

/** Everything the store holds, read in one page per stream-independent log read. */
export const wholeLog = (store: EventStore): Effect.Effect<ReadonlyArray<StoredEvent>, unknown> =>
  Effect.flatMap(store.headPosition, (head) => store.readAllPage(0, head + 1))

/** The event ids of stored events, in order: what most cases compare. */
export const ids = (events: ReadonlyArray<{ readonly eventId: string }>): Array<string> =>
  events.map((event) => event.eventId)

/** Expects the store to hold exactly the events with `expected` ids, in this order, and its head at the last. */
export const expectLog = (expected: ReadonlyArray<string>): Effect.Effect<void, unknown, EventStore> =>
  Effect.gen(function* () {
    const store = yield* EventStore
    const log = yield* wholeLog(store)
    expect(ids(log)).toEqual(expected)
    expect(yield* store.headPosition).toBe(log.at(-1)?.position ?? 0)
  })

/** A readable rendering of any value, for assertion messages. */
export const show = (value: unknown): string => inspect(value, { depth: 6, breakLength: 120 })
