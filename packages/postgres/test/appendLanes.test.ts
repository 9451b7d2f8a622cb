import { SqlClient } from "@effect/sql"
import { it } from "@effect/vitest"
import { Effect, Layer, Schedule } from "effect"
import { EventStore, ExpectedVersion } from "@kemitraan/eventsourcing"
import { PgStore } from "@kemitraan/postgres"
import { describe, expect, inject } from "vitest"
import { freshSchema, layerFresh } from "./support/pgStore.js"

const event = (eventId: string) => ({
  eventId,
  type: "Counted",
  data: { n: 1 },
  metadata: { occurredAt: new Date("2022-11-24T09:00:00Z") }
})

/** 64 one-event appends from concurrent fibers into 8 streams; answers the log as `position stream@version`. */
const concurrentAppends = Effect.gen(function* () {
  const store = yield* EventStore.EventStore
  yield* Effect.forEach(
    Array.from({ length: 64 }, (_, i) => i),
    (i) => store.append(`S${i % 8}`, ExpectedVersion.any, [event(`e${i}`)]),
    { concurrency: "unbounded", discard: true }
  )
  return yield* store.readAllPage(0, 100)
})

describe("appendLanes: how many batches of appends one store has in flight", () => {
  for (const lanes of [1, 2]) {
    it.effect(`${lanes} lane(s): concurrent appends all land, at dense positions, each stream's versions 1..n`, () =>
      Effect.gen(function* () {
        const log = yield* concurrentAppends
        expect(log.map((e) => e.position)).toEqual(Array.from({ length: 64 }, (_, i) => i + 1))
        expect(new Set(log.map((e) => e.eventId)).size).toBe(64)
        for (let s = 0; s < 8; s++) {
          expect(log.filter((e) => e.streamId === `S${s}`).map((e) => e.streamVersion)).toEqual([
            1, 2, 3, 4, 5, 6, 7, 8
          ])
        }
      }).pipe(Effect.provide(layerFresh({ appendLanes: lanes })))
    )
  }

  for (const lanes of [0, 1.5, 9, Number.NaN]) {
    it.effect(`${lanes} is refused when the store opens, typed and naming the option`, () =>
      Effect.gen(function* () {
        const error = yield* Effect.flip(Layer.build(layerFresh({ appendLanes: lanes })).pipe(Effect.scoped))
        expect(error._tag).toBe("StoreFailure")
        expect(error.message).toContain("appendLanes must be an integer from 1 to 8")
      })
    )
  }

  it.live("a held connection that the server ends is replaced: the appends after it land", () =>
    Effect.gen(function* () {
      const store = yield* EventStore.EventStore
      const held = yield* PgStore.HeldPool
      const sql = yield* SqlClient.SqlClient
      yield* store.append("S", ExpectedVersion.noStream, [event("a")])
      const pid = (yield* held.values("SELECT pg_backend_pid()", []))[0]?.[0]
      expect(typeof pid).toBe("number")
      yield* sql.unsafe("SELECT pg_terminate_backend($1)", [pid])
      // Once the server has ended it, the held pool hears its connection close.
      yield* sql.unsafe("SELECT 1 FROM pg_stat_activity WHERE pid = $1", [pid]).pipe(
        Effect.flatMap((rows) => (rows.length === 0 ? Effect.void : Effect.fail("still there"))),
        Effect.retry(Schedule.spaced("20 millis").pipe(Schedule.compose(Schedule.recurs(100))))
      )
      yield* Effect.sleep("100 millis")
      expect(yield* store.append("S", ExpectedVersion.exact(1), [event("b")])).toEqual({
        streamVersion: 2,
        position: 2
      })
      expect(yield* store.append("S", ExpectedVersion.exact(2), [event("c")])).toEqual({
        streamVersion: 3,
        position: 3
      })
      const other = (yield* held.values("SELECT pg_backend_pid()", []))[0]?.[0]
      expect(other).not.toBe(pid)
    }).pipe(
      Effect.provide(
        Layer.unwrapEffect(
          Effect.sync(() => PgStore.layer({ maxConnections: 2, url: inject("postgresUrl"), schema: freshSchema() }))
        )
      )
    )
  )
})
