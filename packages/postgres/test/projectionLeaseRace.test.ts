import { describe, expect, it } from "@effect/vitest"
import { SqlClient } from "@effect/sql"
import { Deferred, Effect, Fiber, Option } from "effect"
import { ProjectionLeases } from "@kemitraan/eventsourcing"
import { layerFresh } from "./support/pgStore.js"

describe("PostgreSQL leases under concurrent transactions", () => {
  it.live(
    "a takeover of an expired lease whose owner is committing waits for the commit, then finds the lease renewed and takes nothing",
    () =>
      Effect.gen(function* () {
        const leases = yield* ProjectionLeases.ProjectionLeases
        const sql = yield* SqlClient.SqlClient
        const held = Option.getOrThrow(yield* leases.acquire("m", "a", 50))
        yield* Effect.sleep("150 millis")
        expect(yield* leases.held).toEqual([])
        // The owner's commit: the fence renews first, and the transaction stays open a while after it.
        const fenced = yield* Deferred.make<void>()
        const commit = yield* Effect.fork(
          sql.withTransaction(
            Effect.all([leases.renew(held, 60_000), Deferred.succeed(fenced, undefined), Effect.sleep("600 millis")])
          )
        )
        yield* Deferred.await(fenced)
        const started = Date.now()
        expect(yield* leases.acquire("m", "b", 60_000)).toEqual(Option.none())
        expect(Date.now() - started).toBeGreaterThanOrEqual(300)
        yield* Fiber.join(commit)
        expect((yield* leases.held).map((lease) => [lease.owner, lease.epoch])).toEqual([["a", 1]])
      }).pipe(Effect.provide(layerFresh()))
  )
})
