import * as Chunk from "effect/Chunk"
import * as Effect from "effect/Effect"
import * as Stream from "effect/Stream"
import { expect } from "vitest"
import * as EventStore from "../../../EventStore.js"
import { any } from "../../../ExpectedVersion.js"
import type { EventMetadata, EventToAppend } from "../../../RecordedEvent.js"
import type { ConformanceCase, ConformanceGroup, ConformanceSettings } from "./ConformanceCase.js"
import { expectFailure, ids, note, notes, occurredAt, storeCase } from "./fixtures.js"

const missingStream = storeCase(
  "reading a missing stream returns no events",
  Effect.gen(function* () {
    const store = yield* EventStore.EventStore
    yield* store.append("A", any, notes("a", 2))
    expect(yield* store.readStream("B")).toEqual([])
    expect(yield* store.readStream("B", { fromVersion: 1, maxCount: 10 })).toEqual([])
  })
)

const streamWindow = storeCase(
  "readStream returns the events from fromVersion on, at most maxCount of them",
  Effect.gen(function* () {
    const store = yield* EventStore.EventStore
    yield* store.append("A", any, notes("a", 5))
    const window = (options: EventStore.ReadStreamOptions) => Effect.map(store.readStream("A", options), ids)
    expect(yield* window({ fromVersion: 3 })).toEqual(["a-3", "a-4", "a-5"])
    expect(yield* window({ maxCount: 2 })).toEqual(["a-1", "a-2"])
    expect(yield* window({ fromVersion: 2, maxCount: 2 })).toEqual(["a-2", "a-3"])
    expect(yield* window({ fromVersion: 4, maxCount: 10 })).toEqual(["a-4", "a-5"])
    expect(yield* window({ fromVersion: 5, maxCount: 1 })).toEqual(["a-5"])
    expect(yield* window({ fromVersion: 6 })).toEqual([])
    expect(yield* window({ fromVersion: 1, maxCount: 0 })).toEqual([])
  })
)

const streamIsolation = storeCase(
  "a stream reads only its own events, even beside streams with similar ids",
  Effect.gen(function* () {
    const store = yield* EventStore.EventStore
    const streams = ["acc-1", "acc-10", "ACC-1", "acc-1 ", "acc_1", "acc-%"]
    for (const [i, streamId] of streams.entries()) yield* store.append(streamId, any, notes(`s${i}`, 2))
    for (const [i, streamId] of streams.entries()) {
      const events = yield* store.readStream(streamId)
      expect(ids(events)).toEqual([`s${i}-1`, `s${i}-2`])
      expect(events.every((event) => event.streamId === streamId)).toBe(true)
      expect(yield* store.streamVersion(streamId)).toBe(2)
    }
  })
)

const readAllPage = storeCase(
  "readAllPage(after, limit) returns up to limit events with a position strictly after `after`",
  Effect.gen(function* () {
    const store = yield* EventStore.EventStore
    yield* store.append("A", any, notes("a", 3))
    yield* store.append("B", any, notes("b", 3))
    const log = yield* store.readAllPage(0, 100)
    const page = (after: number, limit: number) => Effect.map(store.readAllPage(after, limit), ids)
    expect(ids(log)).toEqual(["a-1", "a-2", "a-3", "b-1", "b-2", "b-3"])
    expect(yield* page(0, 2)).toEqual(["a-1", "a-2"])
    expect(yield* page(log[1]!.position, 3)).toEqual(["a-3", "b-1", "b-2"])
    expect(yield* page(log[4]!.position, 3)).toEqual(["b-3"])
    expect(yield* page(log[5]!.position, 3)).toEqual([])
    expect(yield* page(log[5]!.position + 100, 3)).toEqual([])
    expect(yield* page(0, 0)).toEqual([])
  })
)

const readAllBoundary = (events: number, pageSize: number): ConformanceCase =>
  storeCase(
    `readAll with page size ${pageSize} returns all ${events} events in order (page boundary ${events === pageSize ? "exactly met" : events > pageSize ? "crossed" : "not reached"})`,
    Effect.gen(function* () {
      const store = yield* EventStore.EventStore
      const appended = notes("e", events)
      // Two streams, so that the log interleaves streams across the page boundary.
      for (const [i, event] of appended.entries()) yield* store.append(i % 2 === 0 ? "A" : "B", any, [event])
      // Bounded, so that a store that never ends a page fails the case instead of hanging it.
      const read = yield* Stream.runCollect(Stream.take(EventStore.readAll(store, { pageSize }), events + 1))
      expect(ids(Chunk.toReadonlyArray(read))).toEqual(ids(appended))
    })
  )

const readAllAfter = storeCase(
  "readAll resumes strictly after the position it is given",
  Effect.gen(function* () {
    const store = yield* EventStore.EventStore
    yield* store.append("A", any, notes("a", 4))
    const log = yield* store.readAllPage(0, 10)
    const after = (position: number) =>
      Effect.map(
        Stream.runCollect(Stream.take(EventStore.readAll(store, { after: position, pageSize: 2 }), 5)),
        (chunk) => ids(Chunk.toReadonlyArray(chunk))
      )
    expect(yield* after(log[1]!.position)).toEqual(["a-3", "a-4"])
    expect(yield* after(log[3]!.position)).toEqual([])
  })
)

const invalidReads = storeCase(
  "negative or fractional read arguments fail with InvalidStoreRequest",
  Effect.gen(function* () {
    const store = yield* EventStore.EventStore
    yield* store.append("A", any, notes("a", 2))
    yield* expectFailure(store.readStream("A", { fromVersion: -1 }), "InvalidStoreRequest")
    yield* expectFailure(store.readStream("A", { maxCount: -1 }), "InvalidStoreRequest")
    yield* expectFailure(store.readStream("A", { maxCount: 1.5 }), "InvalidStoreRequest")
    yield* expectFailure(store.readAllPage(-1, 10), "InvalidStoreRequest")
    yield* expectFailure(store.readAllPage(0, -1), "InvalidStoreRequest")
    yield* expectFailure(store.readAllPage(0.5, 10), "InvalidStoreRequest")
  })
)

const jsonData = {
  text: 'Gedung Smesco, Jakarta: "naik kelas" ✓ — ünïcödé \\ \n tab\t',
  rupiah: 224_800_000_000,
  largest: Number.MAX_SAFE_INTEGER,
  negative: -630,
  fraction: 0.125,
  yes: true,
  no: false,
  nothing: null,
  list: [1, "two", [3, { four: 4 }], []],
  nested: { deeper: { deepest: {} } }
}

const dataRoundTrip = storeCase(
  "stored events keep their id, stream, type and JSON data exactly as appended",
  Effect.gen(function* () {
    const store = yield* EventStore.EventStore
    const event: EventToAppend = { eventId: "json-1", type: "Opaque", data: jsonData, metadata: { occurredAt } }
    yield* store.append("A", any, [note("a-1"), event])
    const [, stored] = yield* store.readStream("A")
    expect(stored).toMatchObject({ eventId: "json-1", streamId: "A", streamVersion: 2, type: "Opaque" })
    expect(stored?.data).toEqual(jsonData)
    const [fromLog] = yield* store.readAllPage(stored!.position - 1, 1)
    expect(fromLog).toEqual(stored)
  })
)

const metadataRoundTrip = storeCase(
  "metadata round-trips: occurredAt as a Date to the millisecond, correlation, causation and command ids",
  Effect.gen(function* () {
    const store = yield* EventStore.EventStore
    const full: EventMetadata = {
      occurredAt: new Date("2022-11-24T09:15:42.987Z"),
      correlationId: "corr-1",
      causationId: "cause-1",
      commandId: "cmd-1"
    }
    const bare: EventMetadata = { occurredAt: new Date("1999-12-31T23:59:59.001Z") }
    yield* store.append("A", any, [
      { ...note("full"), metadata: full },
      { ...note("bare"), metadata: bare }
    ])
    for (const events of [yield* store.readStream("A"), yield* store.readAllPage(0, 10)]) {
      const [first, second] = events
      expect(first?.metadata.occurredAt).toBeInstanceOf(Date)
      expect(first?.metadata.occurredAt.getTime()).toBe(full.occurredAt.getTime())
      expect(first?.metadata).toEqual(full)
      expect(second?.metadata.occurredAt.getTime()).toBe(bare.occurredAt.getTime())
      expect(second?.metadata).toEqual(bare)
      expect(second?.metadata.correlationId ?? second?.metadata.causationId ?? second?.metadata.commandId).toBe(
        undefined
      )
    }
  })
)

/** Reading streams and the log, and what comes back. */
export const readingGroup = (settings: ConformanceSettings): ConformanceGroup => ({
  name: "reading",
  cases: [
    missingStream,
    streamWindow,
    streamIsolation,
    readAllPage,
    ...[0, 1, settings.pageSize, settings.pageSize + 1].map((events) => readAllBoundary(events, settings.pageSize)),
    readAllAfter,
    invalidReads,
    dataRoundTrip,
    metadataRoundTrip
  ]
})
