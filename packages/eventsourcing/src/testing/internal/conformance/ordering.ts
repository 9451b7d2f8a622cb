import * as Effect from "effect/Effect"
import { expect } from "vitest"
import { EventStore } from "../../../EventStore.js"
import { any, exact, noStream } from "../../../ExpectedVersion.js"
import type { ConformanceGroup } from "./ConformanceCase.js"
import { ids, note, notes, storeCase, wholeLog } from "./fixtures.js"

const contiguousVersions = storeCase(
  "stream versions start at 1 and are contiguous across appends",
  Effect.gen(function* () {
    const store = yield* EventStore
    yield* store.append("A", noStream, notes("a", 1))
    yield* store.append("B", any, notes("b", 2))
    yield* store.append("A", exact(1), [note("a-2"), note("a-3"), note("a-4")])
    yield* store.append("A", any, [note("a-5"), note("a-6")])
    const events = yield* store.readStream("A")
    expect(ids(events)).toEqual(["a-1", "a-2", "a-3", "a-4", "a-5", "a-6"])
    expect(events.map((event) => event.streamVersion)).toEqual([1, 2, 3, 4, 5, 6])
    expect(events.every((event) => event.streamId === "A")).toBe(true)
  })
)

const increasingPositions = storeCase(
  "global positions start at 1 or later, strictly increase across streams, and are consecutive within one append",
  Effect.gen(function* () {
    const store = yield* EventStore
    const batches = [
      { streamId: "A", events: notes("a", 2) },
      { streamId: "B", events: notes("b", 3) },
      { streamId: "A", events: [note("a-3")] },
      { streamId: "C", events: notes("c", 4) }
    ]
    const results = yield* Effect.forEach(batches, ({ events, streamId }) => store.append(streamId, any, events))
    const log = yield* wholeLog(store)
    expect(ids(log)).toEqual(batches.flatMap(({ events }) => ids(events)))
    expect(log[0]!.position).toBeGreaterThanOrEqual(1)
    for (let i = 1; i < log.length; i++) expect(log[i]!.position).toBeGreaterThan(log[i - 1]!.position)
    batches.forEach(({ events }, i) => {
      const last = results[i]!.position
      const positions = events.map((event) => log.find((stored) => stored.eventId === event.eventId)?.position)
      expect(positions).toEqual(events.map((_, j) => last - events.length + 1 + j))
    })
  })
)

const appendResult = storeCase(
  "an append returns the stream's new version and the global position of its last event",
  Effect.gen(function* () {
    const store = yield* EventStore
    const first = yield* store.append("A", noStream, notes("a", 2))
    const other = yield* store.append("B", noStream, notes("b", 3))
    const second = yield* store.append("A", exact(2), [note("a-3"), note("a-4"), note("a-5")])
    const a = yield* store.readStream("A")
    const b = yield* store.readStream("B")
    expect(first).toEqual({ streamVersion: 2, position: a[1]!.position })
    expect(other).toEqual({ streamVersion: 3, position: b[2]!.position })
    expect(second).toEqual({ streamVersion: 5, position: a[4]!.position })
  })
)

const versionAndHead = storeCase(
  "streamVersion and headPosition are 0 for an empty store and follow every append",
  Effect.gen(function* () {
    const store = yield* EventStore
    expect(yield* store.headPosition).toBe(0)
    expect(yield* store.streamVersion("A")).toBe(0)
    const a = yield* store.append("A", any, notes("a", 3))
    const b = yield* store.append("B", any, notes("b", 1))
    expect(yield* store.streamVersion("A")).toBe(3)
    expect(yield* store.streamVersion("B")).toBe(1)
    expect(yield* store.streamVersion("C")).toBe(0)
    expect(yield* store.headPosition).toBe(b.position)
    expect(b.position).toBeGreaterThan(a.position)
  })
)

/** Stream versions, global positions and what an append reports. */
export const orderingGroup: ConformanceGroup = {
  name: "versions and positions",
  cases: [contiguousVersions, increasingPositions, appendResult, versionAndHead]
}
