import { describe, expect, it } from "@effect/vitest"
import { SqlClient } from "@effect/sql"
import { Effect, Fiber, Option, Schema, Stream } from "effect"
import { ProjectionWorker, ReadModelStore } from "@kemitraan/eventsourcing"
import { ProjectionLeasesConformance } from "@kemitraan/eventsourcing/testing"
import { PgAppendSignal, PgStore } from "@kemitraan/postgres"
import { inject } from "vitest"
import { freshSchema } from "./support/pgStore.js"

const { eventually } = ProjectionLeasesConformance
const models = ["tally-a", "tally-b"].map(ProjectionLeasesConformance.tally)

/** The listening connections on the schema's channel, as the server sees them. */
const listeners = (schema: string) =>
  Effect.flatMap(SqlClient.SqlClient, (sql) =>
    Effect.flatMap(
      sql`SELECT pid FROM pg_stat_activity WHERE application_name = 'kemitraan-listen'
          AND query = ${`LISTEN "${PgAppendSignal.channelOf(schema)}"`}`,
      Schema.decodeUnknown(Schema.Array(Schema.Struct({ pid: Schema.Int })))
    )
  )

describe("PgAppendSignal", () => {
  it.live(
    "a worker polling once in ten minutes catches up within seconds of an append, woken by LISTEN/NOTIFY",
    () => {
      const url = inject("postgresUrl")
      const schema = freshSchema()
      return Effect.gen(function* () {
        yield* ReadModelStore.createTables(models)
        yield* ProjectionLeasesConformance.appendTicks(["a"])
        const worker = yield* Effect.fork(
          ProjectionWorker.run(models, { owner: "w", pollMillis: 600_000 }).pipe(
            Effect.provide(PgAppendSignal.layer({ url, schema }))
          )
        )
        const store = yield* ReadModelStore.ReadModelStore
        const at = (position: number) =>
          Effect.map(
            Effect.forEach(models, (model) => store.checkpoint(model.name)),
            (saved) => saved.every((checkpoint) => Option.isSome(checkpoint) && checkpoint.value.position === position)
          )
        yield* eventually("the first round caught up", at(1))
        yield* eventually(
          "the worker listens",
          Effect.map(listeners(schema), (found) => found.length === 1)
        )
        yield* ProjectionLeasesConformance.appendTicks(["b", "c"])
        yield* eventually("woken, the worker caught up", at(3), 5_000)
        for (const model of models) {
          const { rebuilt, stored } = yield* ProjectionLeasesConformance.storedAndRebuilt(model)
          expect(stored).toEqual(rebuilt)
        }
        yield* Fiber.interrupt(worker)
        yield* eventually(
          "the listening connection is closed",
          Effect.map(listeners(schema), (found) => found.length === 0)
        )
      }).pipe(Effect.provide(PgStore.layer({ url, schema, maxConnections: 3 })))
    },
    30_000
  )

  it.live("a listening connection ended by the server fails the wake-ups with a typed error, not silently", () => {
    const url = inject("postgresUrl")
    const schema = freshSchema()
    return Effect.gen(function* () {
      const signal = PgAppendSignal.make({ url, schema })
      const listening = yield* Effect.fork(Stream.runDrain(signal.wakeUps))
      yield* eventually(
        "the signal listens",
        Effect.map(listeners(schema), (found) => found.length === 1)
      )
      const sql = yield* SqlClient.SqlClient
      const [listener] = yield* listeners(schema)
      yield* sql`SELECT pg_terminate_backend(${listener!.pid})`
      const error = yield* Effect.flip(Fiber.join(listening))
      expect(error._tag).toBe("StoreFailure")
      expect(error.message).toContain(PgAppendSignal.channelOf(schema))
    }).pipe(Effect.provide(PgStore.layer({ url, schema, maxConnections: 2 })))
  })
})
