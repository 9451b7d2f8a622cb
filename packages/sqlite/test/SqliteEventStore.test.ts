import { it } from "@effect/vitest"
import { Effect, Either } from "effect"
import { EventStore, EventStoreError, ExpectedVersion, type RecordedEvent } from "@kemitraan/eventsourcing"
import { SqliteStore } from "@kemitraan/sqlite"
import { describe, expect } from "vitest"

const metadata: RecordedEvent.EventMetadata = { occurredAt: new Date("2022-11-24T02:00:00.000Z"), commandId: "c-1" }

const event = (eventId: string, data: unknown = { n: 1 }): RecordedEvent.EventToAppend => ({
  eventId,
  type: "Counted",
  data,
  metadata
})

const events = (prefix: string, count: number) =>
  Array.from({ length: count }, (_, i) => event(`${prefix}-${i + 1}`, { n: i + 1 }))

const withStore = <A, E>(f: (store: EventStore.EventStore) => Effect.Effect<A, E>) =>
  Effect.flatMap(EventStore.EventStore, f).pipe(Effect.provide(SqliteStore.layerMemory))

describe("SqliteEventStore", () => {
  it.effect("reads back what it appended, with positions, versions and metadata", () =>
    withStore((store) =>
      Effect.gen(function* () {
        expect(yield* store.append("Forum-1", ExpectedVersion.noStream, events("a", 2))).toEqual({
          streamVersion: 2,
          position: 2
        })
        expect(yield* store.append("Forum-2", ExpectedVersion.any, events("b", 1))).toEqual({
          streamVersion: 1,
          position: 3
        })
        const stream = yield* store.readStream("Forum-1")
        expect(stream).toEqual([
          {
            eventId: "a-1",
            streamId: "Forum-1",
            streamVersion: 1,
            position: 1,
            type: "Counted",
            data: { n: 1 },
            metadata
          },
          {
            eventId: "a-2",
            streamId: "Forum-1",
            streamVersion: 2,
            position: 2,
            type: "Counted",
            data: { n: 2 },
            metadata
          }
        ])
        expect(stream[0]!.metadata.occurredAt).toBeInstanceOf(Date)
        expect((yield* store.readAllPage(1, 10)).map((e) => e.position)).toEqual([2, 3])
        expect(yield* store.streamVersion("Forum-1")).toBe(2)
        expect(yield* store.streamVersion("missing")).toBe(0)
        expect(yield* store.headPosition).toBe(3)
      })
    )
  )

  it.effect("enforces every expected version inside the transaction", () =>
    withStore((store) =>
      Effect.gen(function* () {
        const wrong = (expected: ExpectedVersion.ExpectedVersion, id: string) =>
          Effect.flip(store.append("S", expected, [event(id)]))
        expect(yield* wrong(ExpectedVersion.streamExists, "x1")).toMatchObject({
          _tag: "WrongExpectedVersion",
          actual: 0
        })
        expect(yield* wrong(ExpectedVersion.exact(1), "x2")).toMatchObject({ _tag: "WrongExpectedVersion", actual: 0 })
        yield* store.append("S", ExpectedVersion.exact(0), [event("e1")])
        expect(yield* wrong(ExpectedVersion.noStream, "x3")).toMatchObject({ _tag: "WrongExpectedVersion", actual: 1 })
        expect(yield* wrong(ExpectedVersion.exact(0), "x4")).toMatchObject({ _tag: "WrongExpectedVersion", actual: 1 })
        yield* store.append("S", ExpectedVersion.streamExists, [event("e2")])
        yield* store.append("S", ExpectedVersion.exact(2), [event("e3")])
        yield* store.append("S", ExpectedVersion.any, [event("e4")])
        expect((yield* store.readStream("S")).map((e) => e.eventId)).toEqual(["e1", "e2", "e3", "e4"])
      })
    )
  )

  it.effect(
    "a one-event append under a check naming the version is one statement: the next position, the version after, and nothing written when the check fails either way",
    () =>
      Effect.gen(function* () {
        const store = yield* EventStore.EventStore
        const one = (streamId: string, expected: ExpectedVersion.ExpectedVersion, id: string) =>
          Effect.gen(function* () {
            const before = yield* SqliteStore.statementsRun
            const result = yield* Effect.either(store.append(streamId, expected, [event(id)]))
            return { result, statements: (yield* SqliteStore.statementsRun) - before }
          })
        expect(yield* one("A", ExpectedVersion.noStream, "a1")).toEqual({
          result: Either.right({ streamVersion: 1, position: 1 }),
          statements: 1
        })
        expect(yield* one("B", ExpectedVersion.exact(0), "b1")).toEqual({
          result: Either.right({ streamVersion: 1, position: 2 }),
          statements: 1
        })
        expect(yield* one("A", ExpectedVersion.exact(1), "a2")).toEqual({
          result: Either.right({ streamVersion: 2, position: 3 }),
          statements: 1
        })
        for (const [expected, id] of [
          [ExpectedVersion.exact(5), "ahead"],
          [ExpectedVersion.exact(1), "behind"],
          [ExpectedVersion.noStream, "taken"]
        ] as const) {
          expect(yield* Effect.flip(store.append("A", expected, [event(id)]))).toMatchObject({
            _tag: "WrongExpectedVersion",
            actual: 2
          })
        }
        expect(yield* one("A", ExpectedVersion.exact(2), "a3")).toEqual({
          result: Either.right({ streamVersion: 3, position: 4 }),
          statements: 1
        })
        const stored = [...(yield* store.readStream("A")), ...(yield* store.readStream("B"))]
        expect(stored.map((e) => [e.eventId, e.streamVersion, e.position])).toEqual([
          ["a1", 1, 1],
          ["a2", 2, 3],
          ["a3", 3, 4],
          ["b1", 1, 2]
        ])
      }).pipe(Effect.provide(SqliteStore.layerMemory))
  )

  it.effect("an empty append checks the version and returns the stream's last position", () =>
    withStore((store) =>
      Effect.gen(function* () {
        yield* store.append("A", ExpectedVersion.any, events("a", 2))
        yield* store.append("B", ExpectedVersion.any, events("b", 1))
        expect(yield* store.append("A", ExpectedVersion.exact(2), [])).toEqual({ streamVersion: 2, position: 2 })
        expect(yield* store.append("C", ExpectedVersion.noStream, [])).toEqual({ streamVersion: 0, position: 0 })
        expect(yield* Effect.flip(store.append("A", ExpectedVersion.noStream, []))).toBeInstanceOf(
          EventStoreError.WrongExpectedVersion
        )
      })
    )
  )

  it.effect("a retried append returns the first result and writes nothing, even after later appends", () =>
    withStore((store) =>
      Effect.gen(function* () {
        const first = yield* store.append("S", ExpectedVersion.noStream, events("a", 3))
        yield* store.append("S", ExpectedVersion.exact(3), events("b", 1))
        expect(yield* store.append("S", ExpectedVersion.noStream, events("a", 3))).toEqual({
          ...first,
          alreadyAppended: true
        })
        expect(yield* store.append("S", ExpectedVersion.any, events("a", 3))).toEqual({
          ...first,
          alreadyAppended: true
        })
        expect(yield* store.headPosition).toBe(4)
      })
    )
  )

  it.effect("a reused event id with other content, in another stream, or mixed with new ids is a typed conflict", () =>
    withStore((store) =>
      Effect.gen(function* () {
        yield* store.append("S", ExpectedVersion.any, events("a", 2))
        const conflict = (streamId: string, appended: ReadonlyArray<RecordedEvent.EventToAppend>) =>
          Effect.flip(store.append(streamId, ExpectedVersion.any, appended))
        expect(yield* conflict("S", [event("a-1", { n: 99 })])).toMatchObject({
          _tag: "EventIdConflict",
          eventId: "a-1",
          existingPosition: 1
        })
        expect(yield* conflict("T", [event("a-2", { n: 2 })])).toMatchObject({
          _tag: "EventIdConflict",
          existingStreamId: "S"
        })
        expect(yield* conflict("S", [event("a-1", { n: 1 }), event("new")])).toMatchObject({ _tag: "EventIdConflict" })
        expect(yield* store.headPosition).toBe(2)
      })
    )
  )

  it.effect("an append larger than one INSERT is atomic: a conflict in its last chunk writes none of it", () =>
    withStore((store) =>
      Effect.gen(function* () {
        yield* store.append("Other", ExpectedVersion.any, [event("taken")])
        const big = [...events("big", 1_200), event("taken")]
        expect(yield* Effect.flip(store.append("S", ExpectedVersion.noStream, big))).toMatchObject({
          _tag: "EventIdConflict",
          existingStreamId: "Other",
          existingPosition: 1
        })
        expect(yield* store.headPosition).toBe(1)
        const fine = events("big", 1_200)
        expect(yield* store.append("S", ExpectedVersion.noStream, fine)).toEqual({
          streamVersion: 1_200,
          position: 1_201
        })
        expect(yield* store.append("S", ExpectedVersion.noStream, fine)).toEqual({
          streamVersion: 1_200,
          position: 1_201,
          alreadyAppended: true
        })
        const read = yield* store.readStream("S", { fromVersion: 1_199 })
        expect(read.map((e) => [e.streamVersion, e.position])).toEqual([
          [1_199, 1_200],
          [1_200, 1_201]
        ])
      })
    )
  )

  it.effect("reads a stream from a version, at most maxCount, and the log in keyset pages", () =>
    withStore((store) =>
      Effect.gen(function* () {
        for (let i = 0; i < 5; i++) yield* store.append(`S-${i % 2}`, ExpectedVersion.any, events(`p${i}`, 3))
        const page = yield* store.readStream("S-0", { fromVersion: 2, maxCount: 4 })
        expect(page.map((e) => e.streamVersion)).toEqual([2, 3, 4, 5])
        expect(yield* store.readStream("S-0", { maxCount: 0 })).toEqual([])
        const positions: Array<number> = []
        let after = 0
        while (true) {
          const chunk = yield* store.readAllPage(after, 4)
          positions.push(...chunk.map((e) => e.position))
          if (chunk.length < 4) break
          after = chunk[chunk.length - 1]!.position
        }
        expect(positions).toEqual(Array.from({ length: 15 }, (_, i) => i + 1))
        expect(yield* Effect.flip(store.readAllPage(-1, 10))).toBeInstanceOf(EventStoreError.InvalidStoreRequest)
      })
    )
  )

  it.effect("rejects data that JSON cannot hold and an invalid date with InvalidStoreRequest, writing nothing", () =>
    withStore((store) =>
      Effect.gen(function* () {
        const bigint = yield* Effect.flip(store.append("S", ExpectedVersion.any, [event("e", { n: 1n })]))
        expect(bigint).toBeInstanceOf(EventStoreError.InvalidStoreRequest)
        const badDate = { ...event("f"), metadata: { occurredAt: new Date(Number.NaN) } }
        expect(yield* Effect.flip(store.append("S", ExpectedVersion.any, [badDate]))).toBeInstanceOf(
          EventStoreError.InvalidStoreRequest
        )
        expect(yield* Effect.flip(store.append("", ExpectedVersion.any, [event("g")]))).toBeInstanceOf(
          EventStoreError.InvalidStoreRequest
        )
        expect(yield* store.headPosition).toBe(0)
      })
    )
  )

  it.effect(
    "fibers appending to separate streams at once all succeed: an append overtaken between its read and its insert reads again",
    () =>
      withStore((store) =>
        Effect.gen(function* () {
          // Fibers that yield every few steps interleave between an append's read and its insert.
          const results = yield* Effect.forEach(
            Array.from({ length: 50 }, (_, i) => i),
            (i) => store.append(`S-${i}`, ExpectedVersion.noStream, events(`s${i}`, 1 + (i % 3))),
            { concurrency: "unbounded" }
          ).pipe(Effect.withMaxOpsBeforeYield(16))
          const total = results.reduce((sum, result) => sum + result.streamVersion, 0)
          expect(yield* store.headPosition).toBe(total)
          const positions = (yield* store.readAllPage(0, 1_000)).map((e) => e.position)
          expect(positions).toEqual(Array.from({ length: total }, (_, i) => i + 1))
          expect(new Set(results.map((result) => result.position)).size).toBe(50)
        })
      )
  )

  it.effect("concurrent fibers appending at the version they read: one wins each version, the rest conflict", () =>
    withStore((store) =>
      Effect.gen(function* () {
        const attempt = (i: number) =>
          Effect.flatMap(store.streamVersion("S"), (version) =>
            Effect.either(store.append("S", ExpectedVersion.exact(version), [event(`e${i}`)]))
          )
        const results = yield* Effect.forEach(
          Array.from({ length: 40 }, (_, i) => i),
          attempt,
          {
            concurrency: "unbounded"
          }
        )
        const won = results.filter(Either.isRight).length
        const lost = results.filter(Either.isLeft)
        expect(lost.every((r) => r.left._tag === "WrongExpectedVersion")).toBe(true)
        const stored = yield* store.readStream("S")
        expect(stored.length).toBe(won)
        expect(stored.map((e) => e.streamVersion)).toEqual(Array.from({ length: won }, (_, i) => i + 1))
      })
    )
  )
})
