import * as Effect from "effect/Effect"
import * as Stream from "effect/Stream"
import { expect } from "vitest"
import * as EventStore from "../../../EventStore.js"
import { any } from "../../../ExpectedVersion.js"
import type { ConformanceGroup } from "./ConformanceCase.js"
import { count, expectFailure, note, storeCase, TestEvents } from "./fixtures.js"

/** Seeds a log whose fourth event (stream "Doc", version 2) has data its schema refuses. */
const seedBrokenEvent = Effect.gen(function* () {
  const store = yield* EventStore.EventStore
  yield* store.append("Other", any, [note("o-1"), note("o-2")])
  yield* store.append("Doc", any, [count("d-1", 1), { ...count("d-2", 2), data: { _tag: "Counted", n: "two" } }])
  yield* store.append("Doc", any, [count("d-3", 3)])
  const [, broken] = yield* store.readStream("Doc")
  return broken!.position
})

const decodeFields = (position: number) => ({
  streamId: "Doc",
  streamVersion: 2,
  position,
  eventType: "Counted"
})

const readStreamDecode = storeCase(
  "an event that does not decode fails readStreamEvents with EventDecodeError naming its stream, version and position",
  Effect.gen(function* () {
    const position = yield* seedBrokenEvent
    const error = yield* expectFailure(
      EventStore.readStreamEvents(TestEvents, "Doc"),
      "EventDecodeError",
      decodeFields(position)
    )
    expect(error.message).toContain("Doc")
    const before = yield* EventStore.readStreamEvents(TestEvents, "Doc", { maxCount: 1 })
    expect(before.map(({ event }) => event)).toEqual([{ _tag: "Counted", n: 1 }])
  })
)

const readAllDecode = storeCase(
  "an event that does not decode fails readAllEvents with EventDecodeError naming its stream, version and position",
  Effect.gen(function* () {
    const position = yield* seedBrokenEvent
    for (const pageSize of [1, 2, 100]) {
      yield* expectFailure(
        Stream.runDrain(EventStore.readAllEvents(TestEvents, { pageSize })),
        "EventDecodeError",
        decodeFields(position)
      )
    }
  })
)

/** Decoding stored events through a catalogue, on top of the adapter. */
export const decodingGroup: ConformanceGroup = {
  name: "decoding",
  cases: [readStreamDecode, readAllDecode]
}
