import { describe, expect, it } from "@effect/vitest"
import {
  CommandHandler,
  EventCatalog,
  EventStore,
  EventStoreError,
  ExpectedVersion,
  StreamFold
} from "@kemitraan/eventsourcing"
import { Deferred, Effect, Schema, Stream } from "effect"
import { account, type AccountCommand, AccountEvents, Opened, streamOf } from "./fixtures/Account.js"

const { any, exact, noStream } = ExpectedVersion

const note = (eventId: string, data: unknown, metadata = { occurredAt: new Date(0) }) => ({
  eventId,
  type: "Noted",
  data,
  metadata
})

// Every misuse must come back, typed, well within this: a hang fails the test instead of the run.
const bounded = <A, E, R>(self: Effect.Effect<A, E, R>) =>
  Effect.timeoutFail(self, { duration: "2 seconds", onTimeout: () => new Error("the call did not return") })

const refused = <A, E, R>(self: Effect.Effect<A, E, R>) =>
  Effect.map(bounded(Effect.flip(self)), (error) => {
    expect(error).toBeInstanceOf(EventStoreError.InvalidStoreRequest)
    return error
  })

const withStore = <A, E>(self: Effect.Effect<A, E, EventStore.EventStore>) =>
  Effect.provide(self, EventStore.layerMemory)

describe("options that would hang or change a result silently are refused typed", () => {
  it.effect("a stream fold or a command handler with a page size of 0 fails instead of reading forever", () =>
    withStore(
      Effect.gen(function* () {
        const store = yield* EventStore.EventStore
        yield* store.append("Account-a", noStream, [
          {
            eventId: "e1",
            type: "Opened",
            data: { _tag: "Opened", accountId: "a", openedAt: "1970-01-01T00:00:00.000Z" },
            metadata: { occurredAt: new Date(0) }
          }
        ])
        for (const pageSize of [0, -1, 1.5, Number.NaN]) {
          const fold = StreamFold.make({ catalog: AccountEvents, initialState: 0, evolve: (n) => n + 1, pageSize })
          yield* refused(fold.load("Account-a"))
          const handler = CommandHandler.make({
            decider: account,
            catalog: AccountEvents,
            streamId: streamOf,
            loadPageSize: pageSize
          })
          yield* refused(handler({ _tag: "Deposit", accountId: "a", amount: 1 }))
        }
        const unbounded = StreamFold.make({ catalog: AccountEvents, initialState: 0, evolve: (n) => n, capacity: -1 })
        yield* refused(unbounded.load("Account-a"))
      })
    )
  )

  it.effect("readAll with a page size that is not a positive integer fails instead of returning nothing", () =>
    withStore(
      Effect.gen(function* () {
        const store = yield* EventStore.EventStore
        yield* store.append("A", any, [note("a", 1)])
        for (const pageSize of [0, -3, 0.5, Number.POSITIVE_INFINITY]) {
          yield* refused(Stream.runCollect(EventStore.readAll(store, { pageSize })))
        }
        yield* refused(Stream.runCollect(EventStore.readAll(store, { after: -1 })))
        expect((yield* Stream.runCollect(EventStore.readAll(store, { pageSize: 1 }))).length).toBe(1)
      })
    )
  )

  it.effect("a malformed expected version fails typed and writes nothing", () =>
    withStore(
      Effect.gen(function* () {
        const store = yield* EventStore.EventStore
        const malformed: ReadonlyArray<ExpectedVersion.ExpectedVersion> = [
          exact(-1),
          exact(1.5),
          exact(Number.NaN),
          { _tag: "Exact", version: Number.POSITIVE_INFINITY }
        ]
        for (const expected of malformed) yield* refused(store.append("A", expected, [note("a", 1)]))
        expect(yield* store.headPosition).toBe(0)
      })
    )
  )
})

describe("the in-memory store keeps what it was given", () => {
  it.effect("changing an appended object, or one read back, does not change the stored event", () =>
    withStore(
      Effect.gen(function* () {
        const store = yield* EventStore.EventStore
        const data = { list: [1, 2], nested: { name: "a" } }
        const metadata = { occurredAt: new Date(1000) }
        yield* store.append("A", noStream, [note("a", data, metadata)])
        data.list.push(3)
        data.nested.name = "changed"
        metadata.occurredAt.setTime(5)
        const [read] = yield* store.readStream("A")
        expect(read!.data).toEqual({ list: [1, 2], nested: { name: "a" } })
        expect(Object.isFrozen(read!.data)).toBe(true)
        read!.metadata.occurredAt.setTime(7)
        const [again] = yield* store.readAllPage(0, 10)
        expect(again!.metadata.occurredAt.getTime()).toBe(1000)
      })
    )
  )

  it.effect("data SQLite cannot keep exactly is refused, and nothing is written", () =>
    withStore(
      Effect.gen(function* () {
        const store = yield* EventStore.EventStore
        const sparse: Array<number> = []
        sparse[2] = 1
        const rejected: ReadonlyArray<unknown> = [
          Number.NaN,
          { amount: Number.POSITIVE_INFINITY },
          [-0],
          { at: new Date(0) },
          { missing: undefined },
          sparse,
          new Map([["a", 1]]),
          { big: BigInt(1) },
          "lone \uD800 surrogate",
          { ["key \uDC00"]: 1 }
        ]
        for (const data of rejected) yield* refused(store.append("A", any, [note("a", data)]))
        yield* refused(store.append("A", any, [{ ...note("a", 1), type: "" }]))
        yield* refused(store.append("A\uD800", any, [note("a", 1)]))
        yield* refused(store.append("A", any, [note("a\uDFFF", 1)]))
        expect(yield* store.headPosition).toBe(0)
      })
    )
  )
})

describe("retries and event-id conflicts", () => {
  it.effect("a partly overlapping append names the id that is taken, not a free one", () =>
    withStore(
      Effect.gen(function* () {
        const store = yield* EventStore.EventStore
        yield* store.append("A", any, [note("taken", 1)])
        const error = yield* Effect.flip(store.append("A", any, [note("free", 1), note("taken", 1)]))
        expect(error).toBeInstanceOf(EventStoreError.EventIdConflict)
        expect(error).toMatchObject({ eventId: "taken", existingPosition: 1 })
      })
    )
  )

  it.effect("a retry at another instant is a retry; one with another command id is a conflict", () =>
    withStore(
      Effect.gen(function* () {
        const store = yield* EventStore.EventStore
        const first = yield* store.append("A", noStream, [note("e", 1, { occurredAt: new Date(1) })])
        expect(yield* store.append("A", noStream, [note("e", 1, { occurredAt: new Date(2) })])).toEqual({
          ...first,
          alreadyAppended: true
        })
        const [kept] = yield* store.readStream("A")
        expect(kept!.metadata.occurredAt.getTime()).toBe(1)
        const other = { occurredAt: new Date(1), commandId: "other" }
        expect(yield* Effect.flip(store.append("A", noStream, [note("e", 1, other)]))).toBeInstanceOf(
          EventStoreError.EventIdConflict
        )
      })
    )
  )

  it.effect("a NaN field of a catalogued event is refused at append, not stored unreadable", () =>
    withStore(
      Effect.gen(function* () {
        const Measured = Schema.TaggedStruct("Measured", { value: Schema.Number })
        const catalog = EventCatalog.make(Measured)
        yield* refused(EventStore.appendEvents(catalog, "M", any, [Measured.make({ value: Number.NaN })]))
        expect(yield* EventStore.EventStore.pipe(Effect.flatMap((store) => store.headPosition))).toBe(0)
      })
    )
  )

  it.effect("a command id decided twice at once, at other instants, returns the first result to both", () =>
    withStore(
      Effect.gen(function* () {
        // Both handlers load the empty stream before either appends; each decides at its own instant.
        const bothDecided = yield* Deferred.make<void>()
        let instant = 0
        let deciding = 0
        const racing = {
          ...account,
          decide: (command: AccountCommand) =>
            Effect.gen(function* () {
              const at = ++instant
              if (++deciding === 2) yield* Deferred.succeed(bothDecided, undefined)
              yield* Deferred.await(bothDecided)
              return [Opened.make({ accountId: command.accountId, openedAt: new Date(at) })]
            })
        }
        const handler = CommandHandler.make({ decider: racing, catalog: AccountEvents, streamId: streamOf })
        const open: AccountCommand = { _tag: "Open", accountId: "a" }
        const results = yield* bounded(
          Effect.all([handler(open, { commandId: "c" }), handler(open, { commandId: "c" })], {
            concurrency: "unbounded"
          })
        )
        expect(results.map((r) => r.alreadyHandled).sort()).toEqual([false, true])
        expect(results[0]!.events.map((e) => e.eventId)).toEqual(results[1]!.events.map((e) => e.eventId))
        expect(results[0]!.streamVersion).toBe(results[1]!.streamVersion)
        const store = yield* EventStore.EventStore
        expect(yield* store.headPosition).toBe(1)
      })
    )
  )
})
