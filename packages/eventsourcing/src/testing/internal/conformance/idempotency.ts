import * as Effect from "effect/Effect"
import { expect } from "vitest"
import { EventStore } from "../../../EventStore.js"
import { any, exact, noStream } from "../../../ExpectedVersion.js"
import type { ConformanceGroup } from "./ConformanceCase.js"
import { count, expectFailure, expectLog, expectWrongVersion, note, storeCase } from "./fixtures.js"

const first = [note("a-1"), note("a-2")]

const sameRetry = storeCase(
  "retrying an append with the same ids, content and expected version returns the first result, says it was already appended, and writes nothing",
  Effect.gen(function* () {
    const store = yield* EventStore
    const result = yield* store.append("A", exact(0), first)
    expect(result.alreadyAppended).toBeUndefined()
    expect(yield* store.append("A", exact(0), first)).toEqual({ ...result, alreadyAppended: true })
    expect(yield* store.append("A", exact(0), first)).toEqual({ ...result, alreadyAppended: true })
    yield* expectLog(["a-1", "a-2"])
  })
)

const retryAfterMoves = storeCase(
  "a retry is recognised after its stream and the log moved on, and returns the first result",
  Effect.gen(function* () {
    const store = yield* EventStore
    const result = yield* store.append("A", noStream, first)
    yield* store.append("A", exact(2), [note("a-3")])
    yield* store.append("B", any, [note("b-1")])
    expect(yield* store.append("A", noStream, first)).toEqual({ ...result, alreadyAppended: true })
    expect(yield* store.append("A", any, first)).toEqual({ ...result, alreadyAppended: true })
    yield* expectLog(["a-1", "a-2", "a-3", "b-1"])
  })
)

const retryWrongVersion = storeCase(
  "a retry under an expected version the first append did not meet fails with WrongExpectedVersion",
  Effect.gen(function* () {
    const store = yield* EventStore
    yield* store.append("A", noStream, first)
    yield* store.append("A", exact(2), [note("a-3")])
    yield* expectWrongVersion(store.append("A", exact(1), first), "A", exact(1), 3)
    yield* expectLog(["a-1", "a-2", "a-3"])
  })
)

const otherContent = storeCase(
  "an event id reused with other content fails with EventIdConflict naming where the id is stored",
  Effect.gen(function* () {
    const store = yield* EventStore
    yield* store.append("B", any, [note("b-1")])
    const { position } = yield* store.append("A", any, [note("a-1", "first text")])
    yield* expectFailure(store.append("A", any, [note("a-1", "other text")]), "EventIdConflict", {
      eventId: "a-1",
      streamId: "A",
      existingStreamId: "A",
      existingPosition: position
    })
    yield* expectFailure(store.append("A", any, [count("a-1", 1)]), "EventIdConflict", { eventId: "a-1" })
    yield* expectLog(["b-1", "a-1"])
  })
)

const otherStream = storeCase(
  "an event id reused in another stream fails with EventIdConflict naming the stream that holds it",
  Effect.gen(function* () {
    const store = yield* EventStore
    const { position } = yield* store.append("A", any, [note("shared")])
    yield* expectFailure(store.append("B", noStream, [note("shared")]), "EventIdConflict", {
      eventId: "shared",
      streamId: "B",
      existingStreamId: "A",
      existingPosition: position
    })
    expect(yield* store.streamVersion("B")).toBe(0)
    yield* expectLog(["shared"])
  })
)

const partialOverlap = storeCase(
  "an append whose event ids are only partly stored fails with EventIdConflict and writes none of its events",
  Effect.gen(function* () {
    const store = yield* EventStore
    yield* store.append("A", noStream, first)
    yield* expectFailure(store.append("A", any, [note("a-2"), note("a-3")]), "EventIdConflict")
    yield* expectFailure(store.append("A", any, [note("a-3"), note("a-1")]), "EventIdConflict")
    yield* expectFailure(store.append("A", noStream, [...first, note("a-3")]), "EventIdConflict")
    yield* expectLog(["a-1", "a-2"])
  })
)

const duplicateIds = storeCase(
  "the same event id twice in one append fails with InvalidStoreRequest and writes nothing",
  Effect.gen(function* () {
    const store = yield* EventStore
    yield* expectFailure(store.append("A", any, [note("x"), note("y"), note("x")]), "InvalidStoreRequest")
    yield* expectLog([])
    expect(yield* store.streamVersion("A")).toBe(0)
  })
)

const emptyIds = storeCase(
  "an empty stream id or an empty event id fails with InvalidStoreRequest and writes nothing",
  Effect.gen(function* () {
    const store = yield* EventStore
    yield* expectFailure(store.append("", any, [note("x")]), "InvalidStoreRequest")
    yield* expectFailure(store.append("A", any, [note("x"), note("")]), "InvalidStoreRequest")
    yield* expectLog([])
  })
)

const atomicity = storeCase(
  "an append that fails on its last event writes none of its events, and its ids stay free",
  Effect.gen(function* () {
    const store = yield* EventStore
    yield* store.append("Other", any, [note("taken")])
    yield* expectFailure(
      store.append("A", noStream, [note("x-1"), note("x-2"), note("taken", "other text")]),
      "EventIdConflict"
    )
    expect(yield* store.streamVersion("A")).toBe(0)
    expect(yield* store.readStream("A")).toEqual([])
    yield* expectLog(["taken"])
    const result = yield* store.append("A", noStream, [note("x-1", "reused"), note("x-2", "reused")])
    expect(result.streamVersion).toBe(2)
    yield* expectLog(["taken", "x-1", "x-2"])
  })
)

/** Event ids: idempotent retries, conflicts, malformed appends, atomicity. */
export const idempotencyGroup: ConformanceGroup = {
  name: "event ids and idempotency",
  cases: [
    sameRetry,
    retryAfterMoves,
    retryWrongVersion,
    otherContent,
    otherStream,
    partialOverlap,
    duplicateIds,
    emptyIds,
    atomicity
  ]
}
