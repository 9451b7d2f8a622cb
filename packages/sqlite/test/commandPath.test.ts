import { it } from "@effect/vitest"
import { Effect, Either, Schema, TestClock } from "effect"
import { CommandHandler, Decider, EventCatalog, EventStore, ExpectedVersion } from "@kemitraan/eventsourcing"
import { SqliteStore } from "@kemitraan/sqlite"
import { describe, expect } from "vitest"

const Added = Schema.TaggedStruct("Added", { n: Schema.Int })
const Catalog = EventCatalog.make(Added)

interface Add {
  readonly streamId: string
  readonly n: number
}

/** A counter whose decider answers at once (an `Either`): the handler's path in one step. */
const counter = Decider.make<Add, typeof Added.Type, number>({
  initialState: 0,
  evolve: (total, event) => total + event.n,
  decide: (command) => Either.right([Added.make({ n: command.n })])
})

const handlerOf = () => CommandHandler.make({ decider: counter, catalog: Catalog, streamId: (c: Add) => c.streamId })

const statements = SqliteStore.statementsRun

describe("the command path on SQLite", () => {
  it.effect("a command without an id on a stream no one wrote runs one statement: the insert, no read", () =>
    Effect.gen(function* () {
      const handle = handlerOf()
      const before = yield* statements
      const result = yield* handle({ streamId: "Counter-new", n: 3 })
      expect(yield* statements).toBe(before + 1)
      expect(result.streamVersion).toBe(1)
      expect(result.state).toBe(3)
      const next = yield* handle({ streamId: "Counter-new", n: 4 })
      expect(next.state).toBe(7)
      expect(yield* statements).toBe(before + 2)
    }).pipe(Effect.provide(SqliteStore.layerMemory))
  )

  it.effect("a command with an id on a stream no one wrote runs one statement too: the insert, no read", () =>
    Effect.gen(function* () {
      const before = yield* statements
      const result = yield* handlerOf()({ streamId: "Counter-new-id", n: 3 }, { commandId: "add/new" })
      expect(yield* statements).toBe(before + 1)
      expect(result.alreadyHandled).toBe(false)
      expect(result.streamVersion).toBe(1)
    }).pipe(Effect.provide(SqliteStore.layerMemory))
  )

  it.effect(
    "a stream written before, which the handler's cache keeps nothing of, is taken for a new one: the append at version 0 is refused, the stream read, and the command decided on its events",
    () =>
      Effect.gen(function* () {
        yield* EventStore.appendEvents(Catalog, "Counter-old", ExpectedVersion.noStream, [
          Added.make({ n: 10 }),
          Added.make({ n: 20 })
        ])
        const result = yield* handlerOf()({ streamId: "Counter-old", n: 5 })
        expect(result.streamVersion).toBe(3)
        expect(result.state).toBe(35)
        const stored = yield* EventStore.readStreamEvents(Catalog, "Counter-old")
        expect(stored.map((recorded) => recorded.event.n)).toEqual([10, 20, 5])
      }).pipe(Effect.provide(SqliteStore.layerMemory))
  )

  it.effect(
    "a command with an id sent again at the same instants, by a handler whose cache keeps nothing of its stream, answers its first result (alreadyHandled) and writes nothing",
    () =>
      Effect.gen(function* () {
        yield* TestClock.setTime(Date.parse("2022-11-24T02:00:00.000Z"))
        const first = yield* handlerOf()({ streamId: "Counter-id", n: 2 }, { commandId: "add/1" })
        const again = yield* handlerOf()({ streamId: "Counter-id", n: 2 }, { commandId: "add/1" })
        expect(first.alreadyHandled).toBe(false)
        expect(again).toEqual({ ...first, alreadyHandled: true })
        const store = yield* EventStore.EventStore
        expect(yield* store.streamVersion("Counter-id")).toBe(1)
      }).pipe(Effect.provide(SqliteStore.layerMemory))
  )

  it.effect(
    "a stream's first command sent again at the same instants after later commands, by a handler whose cache keeps nothing of it, answers its first result and writes nothing",
    () =>
      Effect.gen(function* () {
        yield* TestClock.setTime(Date.parse("2022-11-24T02:00:00.000Z"))
        const handle = handlerOf()
        const first = yield* handle({ streamId: "Counter-moved", n: 2 }, { commandId: "add/first" })
        yield* handle({ streamId: "Counter-moved", n: 5 }, { commandId: "add/second" })
        const again = yield* handlerOf()({ streamId: "Counter-moved", n: 2 }, { commandId: "add/first" })
        expect(again).toEqual({ ...first, alreadyHandled: true })
        const later = yield* handlerOf()({ streamId: "Counter-moved", n: 1 }, { commandId: "add/third" })
        expect(later.state).toBe(8)
        const store = yield* EventStore.EventStore
        expect(yield* store.streamVersion("Counter-moved")).toBe(3)
      }).pipe(Effect.provide(SqliteStore.layerMemory))
  )
})
