import { describe, expect, it } from "@effect/vitest"
import { CommandHandler, EventStore, ExpectedVersion, StreamFold } from "@kemitraan/eventsourcing"
import { Effect, Layer } from "effect"
import { account, AccountEvents, Deposited, streamOf } from "./fixtures/Account.js"

/** A memory store that records the `fromVersion` of every stream read, with a cache of its own. */
const countingStore = (reads: Array<number>) =>
  Layer.effect(
    EventStore.EventStore,
    Effect.map(EventStore.EventStore, (store): EventStore.EventStore => ({
      ...store,
      readStream: (streamId, options) =>
        Effect.suspend(() => {
          reads.push(options?.fromVersion ?? 1)
          return store.readStream(streamId, options)
        })
    }))
  ).pipe(Layer.provide(EventStore.layerMemory), (store) => Layer.provideMerge(StreamFold.layer, store))

const handler = CommandHandler.make({ decider: account, catalog: AccountEvents, streamId: streamOf })

describe("CommandHandler cache", () => {
  it.effect("a handler whose cached stream is current decides without reading it again", () => {
    const reads: Array<number> = []
    return Effect.gen(function* () {
      yield* handler({ _tag: "Open", accountId: "a" })
      for (let i = 0; i < 5; i++) yield* handler({ _tag: "Deposit", accountId: "a", amount: 10 })
      expect(reads).toEqual([1])
    }).pipe(Effect.provide(countingStore(reads)))
  })

  it.effect(
    "events appended by another writer make the cached state stale: the exact-version append catches it, and the retry reads them and folds them in",
    () => {
      const reads: Array<number> = []
      return Effect.gen(function* () {
        yield* handler({ _tag: "Open", accountId: "a" })
        yield* handler({ _tag: "Deposit", accountId: "a", amount: 10 })
        yield* EventStore.appendEvents(AccountEvents, "Account-a", ExpectedVersion.exact(2), [
          Deposited.make({ accountId: "a", amount: 5 })
        ])
        const result = yield* handler({ _tag: "Deposit", accountId: "a", amount: 1 })
        expect(result.state.balance).toBe(16)
        expect(result.streamVersion).toBe(4)
        expect(reads).toEqual([1, 3])
      }).pipe(Effect.provide(countingStore(reads)))
    }
  )

  it.effect("one handler used with two stores never mixes their streams", () =>
    Effect.gen(function* () {
      const first = Effect.gen(function* () {
        yield* handler({ _tag: "Open", accountId: "a" })
        return yield* handler({ _tag: "Deposit", accountId: "a", amount: 100 })
      })
      const second = Effect.gen(function* () {
        yield* handler({ _tag: "Open", accountId: "a" })
        return yield* handler({ _tag: "Deposit", accountId: "a", amount: 7 })
      })
      const a = yield* Effect.provide(first, EventStore.layerMemory)
      const b = yield* Effect.provide(second, EventStore.layerMemory)
      expect(a.state.balance).toBe(100)
      expect(b.state.balance).toBe(7)
    })
  )

  it.effect("a repeated command id answers from the cache with the first result", () => {
    const reads: Array<number> = []
    return Effect.gen(function* () {
      yield* handler({ _tag: "Open", accountId: "a" })
      const first = yield* handler({ _tag: "Deposit", accountId: "a", amount: 10 }, { commandId: "c-1" })
      const again = yield* handler({ _tag: "Deposit", accountId: "a", amount: 10 }, { commandId: "c-1" })
      expect(again.alreadyHandled).toBe(true)
      expect(again.events).toEqual(first.events)
      expect(again.streamVersion).toBe(2)
      const store = yield* EventStore.EventStore
      expect(yield* store.streamVersion("Account-a")).toBe(2)
    }).pipe(Effect.provide(countingStore(reads)))
  })
})
