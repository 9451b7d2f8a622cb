import { SqlClient } from "@effect/sql"
import { SqliteClient } from "@effect/sql-sqlite-node"
import { it } from "@effect/vitest"
import { Effect, Layer, Schema } from "effect"
import { join } from "node:path"
import { EventStore, EventStoreError, ExpectedVersion, ReadModelStore, Table } from "@kemitraan/eventsourcing"
import { SqlMigrations } from "@kemitraan/sql"
import { SqliteStore } from "@kemitraan/sqlite"
import { describe, expect } from "vitest"
import { tempDirectory } from "./support/tempDatabase.js"

const appendOne = (streamId: string, eventId: string) =>
  Effect.flatMap(EventStore.EventStore, (store) =>
    store.append(streamId, ExpectedVersion.any, [
      { eventId, type: "Noted", data: { text: eventId }, metadata: { occurredAt: new Date(0) } }
    ])
  )

const pragma = (name: string) =>
  Effect.flatMap(SqlClient.SqlClient, (sql) => sql.unsafe<Record<string, unknown>>(`PRAGMA ${name}`))

describe("SqliteStore", () => {
  it.scoped("a file store keeps its events across openings and migrates only once", () =>
    Effect.gen(function* () {
      const filename = join(yield* tempDirectory, "store.db")
      const open = <A, E>(effect: Effect.Effect<A, E, EventStore.EventStore | SqlClient.SqlClient>) =>
        Effect.provide(effect, SqliteStore.layer({ filename }))
      yield* open(appendOne("S", "e1"))
      yield* open(appendOne("S", "e2"))
      const [versions, migrations, applied] = yield* open(
        Effect.all([
          Effect.flatMap(EventStore.EventStore, (store) => store.streamVersion("S")),
          Effect.flatMap(SqlClient.SqlClient, (sql) => sql`SELECT migration_id FROM kemitraan_migrations`),
          Effect.flatMap(SqlClient.SqlClient, (sql) => SqlMigrations.run(SqliteStore.driverOf(sql)))
        ])
      )
      expect(versions).toBe(2)
      expect(migrations.length).toBe(Object.keys(SqlMigrations.migrations).length)
      expect(applied).toEqual([])
    })
  )

  it.scoped("a file store runs in WAL mode with synchronous FULL and a busy timeout by default", () =>
    Effect.gen(function* () {
      const filename = join(yield* tempDirectory, "store.db")
      const [journal, synchronous, timeout] = yield* Effect.provide(
        Effect.all([pragma("journal_mode"), pragma("synchronous"), pragma("busy_timeout")]),
        SqliteStore.layer({ filename })
      )
      expect(journal).toEqual([{ journal_mode: "wal" }])
      expect(synchronous).toEqual([{ synchronous: 2 }])
      expect(timeout).toEqual([{ timeout: 5000 }])
    })
  )

  it.scoped("synchronous NORMAL and the busy timeout can be chosen", () =>
    Effect.gen(function* () {
      const filename = join(yield* tempDirectory, "store.db")
      const [synchronous, timeout] = yield* Effect.provide(
        Effect.all([pragma("synchronous"), pragma("busy_timeout")]),
        SqliteStore.layer({ filename, synchronous: "NORMAL", busyTimeout: "250 millis" })
      )
      expect(synchronous).toEqual([{ synchronous: 1 }])
      expect(timeout).toEqual([{ timeout: 250 }])
    })
  )

  it.scoped("the page cache keeps better-sqlite3's size unless one is chosen, in KiB", () =>
    Effect.gen(function* () {
      const filename = join(yield* tempDirectory, "store.db")
      const [byDefault] = yield* Effect.provide(pragma("cache_size"), SqliteStore.layer({ filename }))
      const [chosen] = yield* Effect.provide(
        pragma("cache_size"),
        SqliteStore.layer({ filename, pageCacheKib: SqliteStore.rebuildPageCacheKib })
      )
      expect(byDefault).toEqual({ cache_size: -16000 })
      expect(chosen).toEqual({ cache_size: -2048 })
    })
  )

  it.scoped("a page cache that is not a positive integer is refused with a StoreFailure that says why", () =>
    Effect.gen(function* () {
      const filename = join(yield* tempDirectory, "store.db")
      for (const pageCacheKib of [0, -5, 1.5, Number.NaN]) {
        const error = yield* Effect.flip(
          Effect.provide(appendOne("S", "e1"), SqliteStore.layer({ filename, pageCacheKib }))
        )
        expect(error).toBeInstanceOf(EventStoreError.StoreFailure)
        expect(error.message).toContain(`pageCacheKib must be a positive integer, got ${pageCacheKib}`)
      }
    })
  )

  it.scoped("a file that cannot be opened is a typed StoreFailure naming it", () =>
    Effect.gen(function* () {
      const filename = join(yield* tempDirectory, "missing", "store.db")
      const error = yield* Effect.flip(Effect.provide(appendOne("S", "e1"), SqliteStore.layer({ filename })))
      expect(error).toBeInstanceOf(EventStoreError.StoreFailure)
      expect(error.message).toContain(filename)
    })
  )

  it.effect("layerClient puts the stores on a client the application already has", () =>
    Effect.gen(function* () {
      yield* appendOne("S", "e1")
      const sql = yield* SqlClient.SqlClient
      expect(yield* sql`SELECT event_id FROM events`).toEqual([{ event_id: "e1" }])
    }).pipe(
      Effect.provide(SqliteStore.layerClient().pipe(Layer.provideMerge(SqliteClient.layer({ filename: ":memory:" }))))
    )
  )

  it.effect(
    "a read model's table left with the same columns but another key is refused, naming both, before anything is written",
    () =>
      Effect.gen(function* () {
        const sql = yield* SqlClient.SqlClient
        yield* sql.unsafe(`CREATE TABLE "province_count" ("province" TEXT NOT NULL, "smes" INTEGER NOT NULL)`)
        const ProvinceCount = Table.make({
          name: "province_count",
          row: Schema.Struct({ province: Schema.String, smes: Schema.NonNegativeInt }),
          key: ["province"]
        })
        const error = yield* Effect.flip(
          Effect.flatMap(ReadModelStore.ReadModelStore, (store) => store.createTables([ProvinceCount]))
        )
        expect(error).toBeInstanceOf(EventStoreError.StoreFailure)
        expect(error.message).toContain("(province, smes) keyed by ()")
        expect(error.message).toContain("(province, smes) keyed by (province)")
      }).pipe(Effect.provide(SqliteStore.layerMemory))
  )
})
