import { describe, expect, it } from "@effect/vitest"
import { SqlClient } from "@effect/sql"
import { ReadModelStore, Table } from "@kemitraan/eventsourcing"
import { SqliteStore } from "@kemitraan/sqlite"
import { Effect, Schema } from "effect"

const Totals = Table.make({
  name: "totals",
  row: Schema.Struct({ id: Schema.String, total: Schema.BigInt.pipe(Schema.nonNegativeBigInt()) }),
  key: ["id"]
})

const totals = [
  { id: "zero", total: 0n },
  { id: "safe", total: BigInt(Number.MAX_SAFE_INTEGER) },
  { id: "past-safe", total: BigInt(Number.MAX_SAFE_INTEGER) + 2n },
  { id: "past-int64", total: 10n ** 30n + 7n }
]

describe("decimal columns in SQLite", () => {
  it.effect("keep every total exact: integers up to 2^53, the digits beyond, decoded back to the same bigint", () =>
    Effect.gen(function* () {
      const store = yield* ReadModelStore.ReadModelStore
      yield* store.createTables([Totals])
      yield* store.commit({
        checkpoint: { name: "totals", version: 1, position: 1 },
        previous: 0,
        changes: [{ table: Totals, upserts: totals, deletes: [] }]
      })
      const read = yield* ReadModelStore.list(Totals)
      expect([...read].sort((a, b) => a.id.localeCompare(b.id))).toEqual(
        [...totals].sort((a, b) => a.id.localeCompare(b.id))
      )
      const sql = yield* SqlClient.SqlClient
      const raw = yield* sql.unsafe(`SELECT id, typeof(total) AS kind FROM totals ORDER BY id`)
      expect(raw).toEqual([
        { id: "past-int64", kind: "text" },
        { id: "past-safe", kind: "text" },
        { id: "safe", kind: "integer" },
        { id: "zero", kind: "integer" }
      ])
    }).pipe(Effect.provide(SqliteStore.layerMemory))
  )
})
