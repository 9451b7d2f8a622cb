import { SqlClient } from "@effect/sql"
import { it } from "@effect/vitest"
import { Effect, Option, Schema } from "effect"
import { EventStore, EventStoreError, ExpectedVersion, ReadModelStore, Table } from "@kemitraan/eventsourcing"
import { describe, expect } from "vitest"
import { layerFresh } from "./support/pgStore.js"

const event = (eventId: string) => ({
  eventId,
  type: "Counted",
  data: { n: 1 },
  metadata: { occurredAt: new Date("2022-11-24T09:00:00Z") }
})

/** Two streams of two events: positions 1-2 in A, 3-4 in B. */
const seed = Effect.flatMap(EventStore.EventStore, (store) =>
  Effect.zipRight(
    store.append("A", ExpectedVersion.noStream, [event("a1"), event("a2")]),
    store.append("B", ExpectedVersion.noStream, [event("b1"), event("b2")])
  )
)

const exec = (text: string) => Effect.flatMap(SqlClient.SqlClient, (sql) => sql.unsafe(text))

const Tally = Table.make({
  name: "tally",
  row: Schema.Struct({ id: Schema.String, count: Schema.Int, done: Schema.Boolean }),
  key: ["id"]
})

describe("bad rows and values on PostgreSQL", () => {
  it.effect("metadata edited to no longer decode: a typed decode error naming its position, stream and version", () =>
    Effect.gen(function* () {
      yield* seed
      yield* exec(`UPDATE events SET metadata = '{"occurredAt":"not a date"}' WHERE position = 3`)
      const store = yield* EventStore.EventStore
      const error = yield* Effect.flip(store.readAllPage(0, 10))
      expect(error).toBeInstanceOf(EventStoreError.EventDecodeError)
      expect(error).toMatchObject({ position: 3, streamId: "B", streamVersion: 1 })
      expect(yield* store.readStream("A")).toHaveLength(2)
    }).pipe(Effect.provide(layerFresh()))
  )

  it.effect("a position past 2^53 is refused typed, not rounded", () =>
    Effect.gen(function* () {
      yield* seed
      yield* exec("UPDATE events SET position = 9007199254740993 WHERE position = 4")
      const store = yield* EventStore.EventStore
      const error = yield* Effect.flip(store.readStream("B"))
      expect(error._tag).toBe("EventDecodeError")
      expect(error.message).toContain("does not fit the events table")
      const head = yield* Effect.flip(store.headPosition)
      expect(head._tag).toBe("StoreFailure")
    }).pipe(Effect.provide(layerFresh()))
  )

  it.effect("a checkpoint or a read-model integer past 2^53 is refused typed", () =>
    Effect.gen(function* () {
      const store = yield* ReadModelStore.ReadModelStore
      yield* store.createTables([Tally])
      yield* store.commit({
        changes: [{ table: Tally, upserts: [{ id: "x", count: 1, done: true }], deletes: [] }],
        checkpoint: { name: "tally", version: 1, position: 0 },
        previous: 0
      })
      expect(yield* store.list(Tally, {})).toEqual([{ id: "x", count: 1, done: true }])
      yield* exec("UPDATE tally SET count = 9007199254740993")
      const listed = yield* Effect.flip(store.list(Tally, {}))
      expect(listed._tag).toBe("StoreFailure")
      expect(listed.message).toContain('table "tally"')
      yield* exec("UPDATE checkpoints SET position = 9007199254740993")
      const checkpoint = yield* Effect.flip(store.checkpoint("tally"))
      expect(checkpoint._tag).toBe("StoreFailure")
      expect(checkpoint.message).toContain("checkpoint")
    }).pipe(Effect.provide(layerFresh()))
  )

  it.effect("text PostgreSQL cannot hold (NUL) is refused typed, with nothing written", () =>
    Effect.gen(function* () {
      const store = yield* EventStore.EventStore
      const error = yield* Effect.flip(store.append("A\u0000B", ExpectedVersion.any, [event("n1")]))
      expect(error._tag).toBe("InvalidStoreRequest")
      expect(yield* store.headPosition).toBe(0)
      expect(yield* store.streamVersion("A\u0000B")).toBe(0)
      const models = yield* ReadModelStore.ReadModelStore
      yield* models.createTables([Tally])
      const refused = yield* Effect.flip(
        models.commit({
          changes: [{ table: Tally, upserts: [{ id: "a\u0000", count: 1, done: false }], deletes: [] }],
          checkpoint: { name: "tally", version: 1, position: 0 },
          previous: 0
        })
      )
      expect(refused._tag).toBe("StoreFailure")
      expect(yield* models.checkpoint("tally")).toEqual(Option.none())
    }).pipe(Effect.provide(layerFresh()))
  )

  it.effect("an append inside a transaction of the caller's is refused: the head would stay locked", () =>
    Effect.gen(function* () {
      const sql = yield* SqlClient.SqlClient
      const store = yield* EventStore.EventStore
      const error = yield* Effect.flip(sql.withTransaction(store.append("A", ExpectedVersion.any, [event("t1")])))
      expect(error._tag).toBe("InvalidStoreRequest")
      expect(yield* store.headPosition).toBe(0)
    }).pipe(Effect.provide(layerFresh()))
  )

  it.effect("a read model's table left with other columns or another key is refused, naming both", () =>
    Effect.gen(function* () {
      yield* exec(`CREATE TABLE tally (id text NOT NULL, count bigint NOT NULL, done boolean NOT NULL)`)
      const store = yield* ReadModelStore.ReadModelStore
      const error = yield* Effect.flip(store.createTables([Tally]))
      expect(error).toBeInstanceOf(EventStoreError.StoreFailure)
      expect(error.message).toContain("(id, count, done) keyed by ()")
      expect(error.message).toContain("(id, count, done) keyed by (id)")
      yield* exec("DROP TABLE tally")
      yield* store.createTables([Tally])
      yield* store.createTables([Tally])
    }).pipe(Effect.provide(layerFresh()))
  )
})
