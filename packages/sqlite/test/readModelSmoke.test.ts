import { describe, expect, it } from "@effect/vitest"
import { Effect, Schema } from "effect"
import { SqliteStore } from "@kemitraan/sqlite"
import {
  EventCatalog,
  EventStore,
  ExpectedVersion,
  ReadModel,
  ReadModelRunner,
  ReadModelStore,
  Table
} from "@kemitraan/eventsourcing"

const Registered = Schema.TaggedStruct("Registered", { smeId: Schema.String, province: Schema.String })
const Left = Schema.TaggedStruct("Left", { smeId: Schema.String })
const Events = EventCatalog.make(Registered, Left)

const Smes = Table.make({
  name: "smes",
  row: Schema.Struct({ smeId: Schema.String, province: Schema.String }),
  key: ["smeId"],
  indexes: [["province"]]
})
const Provinces = Table.make({
  name: "provinces",
  row: Schema.Struct({ province: Schema.String, smes: Schema.NonNegativeInt }),
  key: ["province"]
})

const model = ReadModel.make({
  name: "smes-per-province",
  version: 1,
  catalog: Events,
  tables: [Smes, Provinces],
  lookups: ({ event }) => [ReadModel.lookup(Smes, { smeId: event.smeId })],
  evolve: (rows, { event }) => {
    const old = rows.get(Smes, { smeId: event.smeId })
    if (old !== undefined) {
      const smes = (rows.get(Provinces, { province: old.province })?.smes ?? 1) - 1
      if (smes === 0) rows.remove(Provinces, { province: old.province })
      else rows.put(Provinces, { province: old.province, smes })
      rows.remove(Smes, { smeId: event.smeId })
    }
    if (event._tag === "Registered") {
      rows.put(Smes, { smeId: event.smeId, province: event.province })
      const smes = rows.get(Provinces, { province: event.province })?.smes ?? 0
      rows.put(Provinces, { province: event.province, smes: smes + 1 })
    }
  }
})

const layer = SqliteStore.layerMemory

describe("ReadModel smoke on SQLite", () => {
  it.effect("counts", () =>
    Effect.gen(function* () {
      yield* ReadModelStore.createTables([model])
      const append = (e: typeof Registered.Type | typeof Left.Type) =>
        EventStore.appendEvents(Events, `sme-${e.smeId}`, ExpectedVersion.any, [e])
      yield* append(Registered.make({ smeId: "1", province: "31" }))
      yield* append(Registered.make({ smeId: "2", province: "31" }))
      yield* append(Registered.make({ smeId: "3", province: "35" }))
      const first = yield* ReadModelRunner.catchUp(model, { pageSize: 2, commitEvery: 1 })
      yield* append(Registered.make({ smeId: "1", province: "35" }))
      yield* append(Left.make({ smeId: "2" }))
      const second = yield* ReadModelRunner.catchUp(model, { pageSize: 1, commitEvery: 1 })
      const rows = yield* ReadModelRunner.snapshot(model)
      expect(first.position).toBe(3)
      expect(second.position).toBe(5)
      expect(rows).toEqual({
        smes: [
          { smeId: "1", province: "35" },
          { smeId: "3", province: "35" }
        ],
        provinces: [{ province: "35", smes: 2 }]
      })
      const memory = yield* ReadModelRunner.asOf(model, 3)
      const before = yield* Effect.provideService(
        ReadModelRunner.snapshot(model),
        ReadModelStore.ReadModelStore,
        memory
      )
      expect(before.provinces).toEqual([
        { province: "31", smes: 2 },
        { province: "35", smes: 1 }
      ])
    }).pipe(Effect.provide(layer))
  )
})
