import * as Effect from "effect/Effect"
import { expect } from "vitest"
import { EventStore } from "../../../EventStore.js"
import * as ExpectedVersion from "../../../ExpectedVersion.js"
import type { ConformanceCase, ConformanceGroup } from "./ConformanceCase.js"
import { expectLog, expectWrongVersion, ids, note, notes, storeCase, wholeLog } from "./fixtures.js"

const stream = "Account-1"

/** Seeds `stream` with `version` events (none: the stream is missing). */
const seed = (version: number) =>
  Effect.flatMap(EventStore, (store) =>
    version === 0 ? Effect.void : Effect.asVoid(store.append(stream, ExpectedVersion.any, notes("seed", version)))
  )

const describeStream = (version: number): string =>
  version === 0 ? "a missing stream" : `a stream at version ${version}`

const accepts = (expected: ExpectedVersion.ExpectedVersion, version: number): ConformanceCase =>
  storeCase(
    `an append expecting ${ExpectedVersion.format(expected)} to ${describeStream(version)} succeeds`,
    Effect.gen(function* () {
      const store = yield* EventStore
      yield* seed(version)
      const result = yield* store.append(stream, expected, [note("new-1"), note("new-2")])
      expect(result.streamVersion).toBe(version + 2)
      expect(ids(yield* store.readStream(stream)).slice(version)).toEqual(["new-1", "new-2"])
    })
  )

const refuses = (expected: ExpectedVersion.ExpectedVersion, version: number): ConformanceCase =>
  storeCase(
    `an append expecting ${ExpectedVersion.format(expected)} to ${describeStream(version)} fails with WrongExpectedVersion and writes nothing`,
    Effect.gen(function* () {
      const store = yield* EventStore
      yield* seed(version)
      const before = ids(yield* wholeLog(store))
      yield* expectWrongVersion(store.append(stream, expected, [note("new-1")]), stream, expected, version)
      expect(yield* store.streamVersion(stream)).toBe(version)
      yield* expectLog(before)
    })
  )

const errorFields = storeCase(
  "WrongExpectedVersion carries the stream id, the expected version and the actual version",
  Effect.gen(function* () {
    const store = yield* EventStore
    yield* store.append("Other", ExpectedVersion.any, [note("other-1")])
    yield* store.append(stream, ExpectedVersion.any, notes("seed", 3))
    const error = yield* expectWrongVersion(
      store.append(stream, ExpectedVersion.exact(5), [note("late")]),
      stream,
      ExpectedVersion.exact(5),
      3
    )
    expect(String(error)).toContain(stream)
  })
)

const emptyAppend = storeCase(
  "an append of no events creates no stream: streams exist once they hold an event, so noStream still holds after it",
  Effect.gen(function* () {
    const store = yield* EventStore
    const result = yield* store.append(stream, ExpectedVersion.noStream, [])
    expect(result).toEqual({ streamVersion: 0, position: 0 })
    expect(yield* store.streamVersion(stream)).toBe(0)
    yield* expectWrongVersion(
      store.append(stream, ExpectedVersion.streamExists, []),
      stream,
      ExpectedVersion.streamExists,
      0
    )
    yield* store.append(stream, ExpectedVersion.noStream, [note("first")])
    yield* expectLog(["first"])
  })
)

const emptyAppendChecks = storeCase(
  "an append of no events still enforces the expected version and leaves the stream as it was",
  Effect.gen(function* () {
    const store = yield* EventStore
    const seeded = yield* store.append(stream, ExpectedVersion.any, notes("seed", 2))
    yield* expectWrongVersion(store.append(stream, ExpectedVersion.exact(1), []), stream, ExpectedVersion.exact(1), 2)
    expect(yield* store.append(stream, ExpectedVersion.exact(2), [])).toEqual(seeded)
    yield* expectLog(["seed-1", "seed-2"])
  })
)

/**
 * Every expected version against a missing stream and a stream with events. The "empty stream"
 * case of other stores (created, but holding no event) does not exist here: a stream exists once
 * it holds an event, so `exact(0)` and `noStream` mean the same thing.
 */
export const expectedVersionGroup: ConformanceGroup = {
  name: "expected version",
  cases: [
    accepts(ExpectedVersion.any, 0),
    accepts(ExpectedVersion.noStream, 0),
    accepts(ExpectedVersion.exact(0), 0),
    refuses(ExpectedVersion.streamExists, 0),
    refuses(ExpectedVersion.exact(1), 0),
    accepts(ExpectedVersion.any, 2),
    accepts(ExpectedVersion.streamExists, 2),
    accepts(ExpectedVersion.exact(2), 2),
    refuses(ExpectedVersion.noStream, 2),
    refuses(ExpectedVersion.exact(0), 2),
    refuses(ExpectedVersion.exact(1), 2),
    refuses(ExpectedVersion.exact(3), 2),
    errorFields,
    emptyAppend,
    emptyAppendChecks
  ]
}
