import { SqlClient } from "@effect/sql"
import { it } from "@effect/vitest"
import { Effect, Option, Schema } from "effect"
import { CheckpointStore, EventStoreError } from "@kemitraan/eventsourcing"
import { SqliteStore, SqliteTransaction } from "@kemitraan/sqlite"
import { describe, expect } from "vitest"

class Boom extends Schema.TaggedError<Boom>()("Boom", {}) {}

const readModel = Effect.gen(function* () {
  const sql = yield* SqlClient.SqlClient
  yield* sql`CREATE TABLE IF NOT EXISTS totals (name TEXT PRIMARY KEY, total INTEGER NOT NULL)`
  const rows = (name: string) => sql<{ readonly total: number }>`SELECT total FROM totals WHERE name = ${name}`
  const write = (name: string, total: number) =>
    sql`INSERT INTO totals (name, total) VALUES (${name}, ${total})
        ON CONFLICT (name) DO UPDATE SET total = excluded.total`
  return { rows, write }
})

const checkpoint = (position: number): CheckpointStore.Checkpoint => ({
  name: "totals",
  version: 1,
  position,
  state: { total: position, names: ["a", "b"] }
})

describe("SqliteCheckpointStore", () => {
  it.effect("saves, loads, overwrites and removes checkpoints with their JSON state", () =>
    Effect.gen(function* () {
      const store = yield* CheckpointStore.CheckpointStore
      expect(yield* store.load("totals")).toEqual(Option.none())
      yield* store.save(checkpoint(5))
      yield* store.save(checkpoint(9))
      expect(yield* store.load("totals")).toEqual(Option.some(checkpoint(9)))
      yield* store.remove("totals")
      expect(yield* store.load("totals")).toEqual(Option.none())
    }).pipe(Effect.provide(SqliteStore.layerMemory))
  )

  it.effect("a transaction commits the read model's rows and the checkpoint together", () =>
    Effect.gen(function* () {
      const store = yield* CheckpointStore.CheckpointStore
      const model = yield* readModel
      yield* store.transaction(Effect.zipRight(model.write("x", 7), store.save(checkpoint(7))))
      expect(yield* model.rows("x")).toEqual([{ total: 7 }])
      expect(Option.map(yield* store.load("totals"), (c) => c.position)).toEqual(Option.some(7))
    }).pipe(Effect.provide(SqliteStore.layerMemory))
  )

  it.effect("a failing transaction rolls back both the read model's rows and the checkpoint", () =>
    Effect.gen(function* () {
      const store = yield* CheckpointStore.CheckpointStore
      const model = yield* readModel
      yield* store.transaction(Effect.zipRight(model.write("x", 1), store.save(checkpoint(1))))
      const failed = yield* Effect.flip(
        store.transaction(
          Effect.gen(function* () {
            yield* model.write("x", 2)
            yield* store.save(checkpoint(2))
            return yield* new Boom()
          })
        )
      )
      expect(failed).toBeInstanceOf(Boom)
      expect(yield* model.rows("x")).toEqual([{ total: 1 }])
      expect(Option.map(yield* store.load("totals"), (c) => c.position)).toEqual(Option.some(1))
    }).pipe(Effect.provide(SqliteStore.layerMemory))
  )

  it.effect("a nested transaction is a savepoint: its failure undoes only its own writes", () =>
    Effect.gen(function* () {
      const store = yield* CheckpointStore.CheckpointStore
      const model = yield* readModel
      yield* store.transaction(
        Effect.gen(function* () {
          yield* model.write("outer", 1)
          const inner = yield* Effect.either(
            SqliteTransaction.immediate(Effect.zipRight(model.write("inner", 2), Effect.fail(new Boom())))
          )
          expect(inner._tag).toBe("Left")
          yield* store.save(checkpoint(3))
        })
      )
      expect(yield* model.rows("outer")).toEqual([{ total: 1 }])
      expect(yield* model.rows("inner")).toEqual([])
      expect(Option.isSome(yield* store.load("totals"))).toBe(true)
    }).pipe(Effect.provide(SqliteStore.layerMemory))
  )

  it.effect("a damaged checkpoint row fails load with a StoreFailure naming the projection", () =>
    Effect.gen(function* () {
      const store = yield* CheckpointStore.CheckpointStore
      const sql = yield* SqlClient.SqlClient
      yield* store.save(checkpoint(4))
      yield* sql`UPDATE checkpoints SET state = '{not json' WHERE name = 'totals'`
      const error = yield* Effect.flip(store.load("totals"))
      expect(error).toBeInstanceOf(EventStoreError.StoreFailure)
      expect(error.message).toContain('"totals"')
    }).pipe(Effect.provide(SqliteStore.layerMemory))
  )
})
