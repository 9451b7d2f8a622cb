import { describe, expect, it } from "@effect/vitest"
import { EventStore, ExpectedVersion, StreamFold } from "@kemitraan/eventsourcing"
import { Effect, Layer } from "effect"
import { type AccountEvent, AccountEvents, Deposited, Opened } from "./fixtures/Account.js"

const opened = Opened.make({ accountId: "a", openedAt: new Date(0) })
const deposit = (amount: number) => Deposited.make({ accountId: "a", amount })

const append = (...events: ReadonlyArray<AccountEvent>) =>
  EventStore.appendEvents(AccountEvents, "Account-a", ExpectedVersion.any, events)

/** A fold of balances that counts the events it folds. */
const balances = (options: { readonly capacity?: number; readonly pageSize?: number } = {}) => {
  const calls = { evolve: 0 }
  const fold = StreamFold.make({
    catalog: AccountEvents,
    initialState: 0,
    evolve: (balance: number, { event }) => {
      calls.evolve++
      return event._tag === "Deposited" ? balance + event.amount : balance
    },
    ...options
  })
  return { calls, fold }
}

/** A memory store without the cache that comes with it. */
const storeAlone = Layer.effect(EventStore.EventStore, EventStore.EventStore).pipe(
  Layer.provide(EventStore.layerMemory)
)

/** How many events two loads of a two-event stream fold. */
const foldedTwice = Effect.gen(function* () {
  const { calls, fold } = balances()
  yield* append(opened, deposit(10))
  yield* fold.load("Account-a")
  yield* fold.load("Account-a")
  return calls.evolve
})

describe("StreamFold", () => {
  it.effect("folds a stream, then reads only the events after the version it kept", () =>
    Effect.gen(function* () {
      const { calls, fold } = balances()
      yield* append(opened, deposit(10), deposit(5))
      expect(yield* fold.load("Account-a")).toEqual({ version: 3, state: 15 })
      yield* append(deposit(1))
      expect(yield* fold.load("Account-a")).toEqual({ version: 4, state: 16 })
      expect(calls.evolve).toBe(4)
      expect(yield* fold.load("Account-b")).toEqual({ version: 0, state: 0 })
    }).pipe(Effect.provide(EventStore.layerMemory))
  )

  it.effect("folds a stream longer than a page across pages", () =>
    Effect.gen(function* () {
      const { fold } = balances({ pageSize: 2 })
      yield* append(opened, deposit(1), deposit(2), deposit(3), deposit(4))
      expect(yield* fold.load("Account-a")).toEqual({ version: 5, state: 10 })
    }).pipe(Effect.provide(EventStore.layerMemory))
  )

  it.effect("keeps a state it is given, and the next load folds only what came after it", () =>
    Effect.gen(function* () {
      const { calls, fold } = balances()
      yield* append(opened, deposit(10))
      yield* fold.remember("Account-a", { version: 2, state: 10 })
      yield* append(deposit(7))
      expect(yield* fold.load("Account-a")).toEqual({ version: 3, state: 17 })
      expect(calls.evolve).toBe(1)
    }).pipe(Effect.provide(EventStore.layerMemory))
  )

  it.effect("with capacity 0 keeps nothing: every load folds from the start", () =>
    Effect.gen(function* () {
      const { calls, fold } = balances({ capacity: 0 })
      yield* append(opened, deposit(10))
      yield* fold.load("Account-a")
      yield* fold.load("Account-a")
      expect(calls.evolve).toBe(4)
    }).pipe(Effect.provide(EventStore.layerMemory))
  )

  it.effect("never mixes the states of two stores", () =>
    Effect.gen(function* () {
      const { fold } = balances()
      const inOne = yield* Effect.zipRight(append(opened, deposit(10)), fold.load("Account-a")).pipe(
        Effect.provide(EventStore.layerMemory)
      )
      const inOther = yield* Effect.zipRight(append(opened, deposit(99)), fold.load("Account-a")).pipe(
        Effect.provide(EventStore.layerMemory)
      )
      expect(inOne.state).toBe(10)
      expect(inOther.state).toBe(99)
    })
  )

  it.effect("without a cache in context keeps nothing: every load folds from the start", () =>
    Effect.map(foldedTwice, (evolved) => expect(evolved).toBe(4)).pipe(Effect.provide(storeAlone))
  )

  it.effect("never uses a cache built over another store", () =>
    Effect.gen(function* () {
      const { calls, fold } = balances()
      const other = yield* Effect.provide(EventStore.EventStore, EventStore.layerMemory)
      yield* append(opened, deposit(10))
      const foreign = StreamFold.makeCache(other)
      for (let i = 0; i < 2; i++) {
        yield* fold.load("Account-a").pipe(Effect.provideService(StreamFold.Cache, foreign))
      }
      expect(calls.evolve).toBe(4)
    }).pipe(Effect.provide(EventStore.layerMemory))
  )

  it.effect("StreamFold.layer gives a store without one a cache", () =>
    Effect.map(foldedTwice, (evolved) => expect(evolved).toBe(2)).pipe(
      Effect.provide(Layer.provideMerge(StreamFold.layer, storeAlone))
    )
  )
})
