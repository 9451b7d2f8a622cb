import { describe, expect, it } from "@effect/vitest"
import { AppendSignal, EventStore, ProjectionLeases, ProjectionWorker, ReadModelStore } from "@kemitraan/eventsourcing"
import { ProjectionLeasesConformance } from "@kemitraan/eventsourcing/testing"
import { Effect, Fiber, Layer, Option } from "effect"

const { appendTicks, eventually, storedAndRebuilt, tally } = ProjectionLeasesConformance
const models = ["tally-a", "tally-b", "tally-c", "tally-d"].map(tally)
const counters = (n: number, seed: number) => Array.from({ length: n }, (_, i) => `c${(i * 7 + seed) % 5}`)

const layer = Layer.mergeAll(EventStore.layerMemory, ReadModelStore.layerMemory, ProjectionLeases.layerMemory)

const head = Effect.map(EventStore.EventStore, (store) => store)
  .pipe(Effect.flatMap((store) => store.readAllPage(0, 1_000_000)))
  .pipe(Effect.map((events) => events.at(-1)?.position ?? 0))

const allCaughtUp = Effect.gen(function* () {
  const store = yield* ReadModelStore.ReadModelStore
  const end = yield* head
  const positions = yield* Effect.forEach(models, (model) => store.checkpoint(model.name))
  return positions.every((saved) => Option.isSome(saved) && saved.value.position === end)
})

const owners = Effect.map(
  Effect.flatMap(ProjectionLeases.ProjectionLeases, (leases) => leases.held),
  (held) => held.map((lease) => lease.owner).sort()
)

/** Every model's tables equal a fold of the whole log from 0 into memory. */
const expectEqualToRebuild = Effect.forEach(models, (model) =>
  Effect.map(storedAndRebuilt(model), ({ rebuilt, stored }) => expect(stored).toEqual(rebuilt))
)

describe("projection worker", () => {
  it.live(
    "two workers share four read models two and two, keep them equal to a rebuild, and one stopping hands its models over at once",
    () =>
      Effect.gen(function* () {
        yield* ReadModelStore.createTables(models)
        yield* appendTicks(counters(30, 1))
        const options = { leaseMillis: 5_000, pollMillis: 20 }
        const a = yield* Effect.fork(ProjectionWorker.run(models, { ...options, owner: "a" }))
        const b = yield* Effect.fork(ProjectionWorker.run(models, { ...options, owner: "b" }))
        yield* eventually(
          "each worker holds two read models",
          Effect.map(owners, (o) => o.join() === "a,a,b,b")
        )
        yield* eventually("every read model is caught up", allCaughtUp)
        yield* expectEqualToRebuild
        yield* appendTicks(counters(25, 3))
        yield* eventually("every read model is caught up after more appends", allCaughtUp)
        yield* expectEqualToRebuild
        // The leases last 5 s: b can only have them within 3 s if a gave them up when it stopped.
        yield* Fiber.interrupt(a)
        yield* eventually(
          "b holds all four",
          Effect.map(owners, (o) => o.join() === "b,b,b,b"),
          3_000
        )
        yield* appendTicks(counters(10, 4))
        yield* eventually("b caught every read model up", allCaughtUp)
        yield* expectEqualToRebuild
        yield* Fiber.interrupt(b)
        expect(yield* owners).toEqual([])
      }).pipe(Effect.provide(layer)),
    30_000
  )

  it.live("a wake-up from the store's AppendSignal starts a round long before the next poll", () =>
    Effect.gen(function* () {
      const { notify, signal } = yield* AppendSignal.make
      yield* ReadModelStore.createTables(models)
      yield* appendTicks(counters(5, 1))
      const worker = yield* Effect.fork(
        Effect.provideService(
          ProjectionWorker.run(models, { owner: "a", pollMillis: 600_000 }),
          AppendSignal.AppendSignal,
          signal
        )
      )
      yield* eventually(
        "the worker holds every read model",
        Effect.map(owners, (o) => o.length === 4)
      )
      yield* eventually("every read model is caught up", allCaughtUp)
      yield* appendTicks(counters(12, 2))
      yield* notify
      yield* eventually("woken, the worker caught up", allCaughtUp, 5_000)
      yield* expectEqualToRebuild
      yield* Fiber.interrupt(worker)
    }).pipe(Effect.provide(layer))
  )

  it.live("the heartbeat keeps an idle worker's leases alive past their length, so no other node can take them", () =>
    Effect.gen(function* () {
      yield* ReadModelStore.createTables(models)
      const worker = yield* Effect.fork(
        ProjectionWorker.run(models, { owner: "a", leaseMillis: 1_000, heartbeatMillis: 100, pollMillis: 600_000 })
      )
      yield* eventually(
        "the worker holds every read model",
        Effect.map(owners, (o) => o.length === 4)
      )
      yield* Effect.sleep("2500 millis")
      const leases = yield* ProjectionLeases.ProjectionLeases
      const taken = yield* Effect.forEach(models, (model) => leases.acquire(model.name, "b", 60_000))
      expect(taken.filter(Option.isSome)).toEqual([])
      expect(yield* owners).toEqual(["a", "a", "a", "a"])
      yield* Fiber.interrupt(worker)
    }).pipe(Effect.provide(layer))
  )

  it.effect("invalid options are refused before anything is taken", () =>
    Effect.gen(function* () {
      const bad = [{ leaseMillis: 0 }, { leaseMillis: 100, heartbeatMillis: 100 }, { pollMillis: 1.5 }, { owner: "" }]
      for (const options of bad) {
        const error = yield* Effect.flip(ProjectionWorker.run(models, options))
        expect(error._tag).toBe("InvalidStoreRequest")
      }
      expect(yield* owners).toEqual([])
    }).pipe(Effect.provide(layer))
  )
})
