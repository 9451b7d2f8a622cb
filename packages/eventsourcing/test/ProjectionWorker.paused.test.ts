import { describe, expect, it } from "@effect/vitest"
import { EventStore, ProjectionLeases, ProjectionWorker, ReadModelStore } from "@kemitraan/eventsourcing"
import { ProjectionLeasesConformance } from "@kemitraan/eventsourcing/testing"
import { Deferred, Effect, Fiber, Layer, Option } from "effect"

const { appendTicks, eventually, storedAndRebuilt, tally } = ProjectionLeasesConformance
const models = ["tally-a", "tally-b", "tally-c"].map(tally)

/** A switch that, once turned on and until turned off, holds every call passed through its gate. */
const makePause = Effect.gen(function* () {
  const resume = yield* Deferred.make<void>()
  let paused = false
  return {
    on: Effect.sync(() => {
      paused = true
    }),
    off: Effect.zipRight(
      Effect.sync(() => {
        paused = false
      }),
      Deferred.succeed(resume, undefined)
    ),
    gate: <A, E, R>(effect: Effect.Effect<A, E, R>) =>
      Effect.suspend(() => (paused ? Effect.zipRight(Deferred.await(resume), effect) : effect))
  }
})

describe("projection worker paused past its lease", () => {
  it.live(
    "a worker frozen in the middle of a commit while another takes its leases commits nothing when it wakes: every commit is made by the lease's owner",
    () =>
      Effect.gen(function* () {
        const store = yield* ReadModelStore.ReadModelStore
        const leases = yield* ProjectionLeases.ProjectionLeases
        const pause = yield* makePause
        // Each commit that went through, with the lease's owner right after it.
        const committed: Array<{ committer: string; owner: string | undefined }> = []
        const audited = (committer: string): ReadModelStore.ReadModelStore =>
          ReadModelStore.ReadModelStore.of({
            ...store,
            commit: (commit) =>
              Effect.zipRight(
                store.commit(commit),
                Effect.map(leases.held, (held) => {
                  const owner = held.find((lease) => lease.name === commit.checkpoint.name)?.owner
                  committed.push({ committer, owner })
                })
              )
          })
        // Worker a: its commits, renewals and announcements all stop while paused, as a frozen process's would.
        const frozen = ProjectionLeases.ProjectionLeases.of({
          ...leases,
          renew: (held, ttl) => pause.gate(leases.renew(held, ttl)),
          join: (owner, ttl) => pause.gate(leases.join(owner, ttl))
        })
        const storeOfA = audited("a")
        const options = { leaseMillis: 300, heartbeatMillis: 60, pollMillis: 20 }
        yield* ReadModelStore.createTables(models)
        yield* appendTicks(["x", "y", "z"])
        const a = yield* ProjectionWorker.run(models, { ...options, owner: "a" }).pipe(
          Effect.provideService(ReadModelStore.ReadModelStore, {
            ...storeOfA,
            commit: (c) => pause.gate(storeOfA.commit(c))
          }),
          Effect.provideService(ProjectionLeases.ProjectionLeases, frozen),
          Effect.fork
        )
        const caughtUp = Effect.gen(function* () {
          const end = (yield* Effect.flatMap(EventStore.EventStore, (s) => s.readAllPage(0, 1000))).length
          const saved = yield* Effect.forEach(models, (model) => store.checkpoint(model.name))
          return saved.every((checkpoint) => Option.isSome(checkpoint) && checkpoint.value.position === end)
        })
        yield* eventually("a caught every read model up", caughtUp)
        yield* pause.on
        yield* appendTicks(["x", "x", "y"])
        // a's next round stops in its first commit; its leases run out; b takes them over, but b's
        // own commits wait too, so the checkpoints are still where a read them when a wakes up.
        yield* Effect.sleep("400 millis")
        const slowB = yield* makePause
        yield* slowB.on
        const storeOfB = audited("b")
        const b = yield* ProjectionWorker.run(models, { ...options, owner: "b" }).pipe(
          Effect.provideService(ReadModelStore.ReadModelStore, {
            ...storeOfB,
            commit: (c) => slowB.gate(storeOfB.commit(c))
          }),
          Effect.fork
        )
        yield* eventually(
          "b holds every lease",
          Effect.map(leases.held, (held) => held.length === models.length && held.every((lease) => lease.owner === "b"))
        )
        yield* pause.off
        yield* Effect.sleep("200 millis")
        yield* slowB.off
        yield* appendTicks(["y", "z"])
        yield* eventually("every read model is caught up", caughtUp)
        yield* Fiber.interrupt(a)
        yield* Fiber.interrupt(b)
        expect(committed.filter((commit) => commit.committer === "a").length).toBeGreaterThan(0)
        expect(committed.filter((commit) => commit.committer === "b").length).toBeGreaterThan(0)
        expect(committed.filter((commit) => commit.committer !== commit.owner)).toEqual([])
        for (const model of models) {
          const { rebuilt, stored } = yield* storedAndRebuilt(model)
          expect(stored).toEqual(rebuilt)
        }
      }).pipe(
        Effect.provide(Layer.mergeAll(EventStore.layerMemory, ReadModelStore.layerMemory, ProjectionLeases.layerMemory))
      ),
    20_000
  )
})
