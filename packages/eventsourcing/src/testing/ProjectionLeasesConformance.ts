/**
 * The conformance suite every `ProjectionLeases` implementation must pass, with the read-model store
 * it fences: who may take a lease and when, how the epoch moves, renewals and releases, the nodes
 * alive, and commits and resets fenced by a lost lease writing nothing.
 *
 * Cases wait in real time with short leases (tens of milliseconds), and only ever in the safe
 * direction: a lease is expected to be expired after a wait longer than it, or alive when it is
 * a minute long, so a slow machine cannot make a case fail.
 *
 * ```ts
 * import { ProjectionLeasesConformance } from "@kemitraan/eventsourcing/testing"
 * ProjectionLeasesConformance.suite("in memory", Layer.merge(ProjectionLeases.layerMemory, ReadModelStore.layerMemory))
 * ```
 *
 * Also here: {@link tally}, a small domain-free read model (one table of counters), for tests of
 * projection workers that need several read models at once.
 *
 * @since 0.3.0
 */
import { describe, expect, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as Exit from "effect/Exit"
import * as Option from "effect/Option"
import type { Layer } from "effect"
import * as ProjectionLeases from "../ProjectionLeases.js"
import * as ReadModelStore from "../ReadModelStore.js"
import { tally } from "./internal/tally.js"

/** A small domain-free read model for tests of workers, its event, table and appends. */
export { appendTicks, storedAndRebuilt, tally, TallyEvents, tallyTable, Ticked } from "./internal/tally.js"

/** Polls `check` every 10 ms until it holds; dies naming `what` after `millis` (default 10 s). */
export const eventually = <E, R>(what: string, check: Effect.Effect<boolean, E, R>, millis = 10_000) =>
  Effect.gen(function* () {
    const deadline = Date.now() + millis
    while (!(yield* check)) {
      if (Date.now() > deadline) return yield* Effect.dieMessage(`timed out waiting until ${what}`)
      yield* Effect.sleep("10 millis")
    }
  })

type Services = ProjectionLeases.ProjectionLeases | ReadModelStore.ReadModelStore

const long = 60_000
const short = 40
const wait = (millis: number) => Effect.sleep(`${millis} millis`)
const leases = ProjectionLeases.ProjectionLeases

const take = (name: string, owner: string, ttl: number) =>
  Effect.flatMap(leases, (service) => service.acquire(name, owner, ttl))

const taken = (name: string, owner: string, ttl: number) =>
  Effect.flatMap(take(name, owner, ttl), (held) =>
    Option.match(held, {
      onNone: () => Effect.dieMessage(`"${owner}" could not take the lease of "${name}"`),
      onSome: Effect.succeed
    })
  )

const heldNow = Effect.flatMap(leases, (service) => service.held)

const expectLost = <A, E extends { readonly _tag: string }, R>(effect: Effect.Effect<A, E, R>) =>
  Effect.map(Effect.exit(effect), (exit) => {
    expect(Exit.isFailure(exit) && exit.cause._tag === "Fail" ? exit.cause.error._tag : exit).toBe(
      "ProjectionLeaseLost"
    )
  })

interface LeaseCase {
  readonly name: string
  readonly run: Effect.Effect<void, unknown, Services>
}

const cases: ReadonlyArray<LeaseCase> = [
  {
    name: "a free lease is taken at epoch 1 and listed as held",
    run: Effect.gen(function* () {
      expect(yield* take("m", "a", long)).toEqual(Option.some({ name: "m", owner: "a", epoch: 1 }))
      const [lease] = yield* heldNow
      expect(lease).toMatchObject({ name: "m", owner: "a", epoch: 1 })
    })
  },
  {
    name: "a live lease of another node is refused and stays with it",
    run: Effect.gen(function* () {
      yield* taken("m", "a", long)
      expect(yield* take("m", "b", long)).toEqual(Option.none())
      expect((yield* heldNow).map((lease) => [lease.owner, lease.epoch])).toEqual([["a", 1]])
    })
  },
  {
    name: "the owner taking its own lease again keeps the epoch",
    run: Effect.gen(function* () {
      yield* taken("m", "a", short)
      yield* wait(short * 2)
      expect(yield* take("m", "a", long)).toEqual(Option.some({ name: "m", owner: "a", epoch: 1 }))
    })
  },
  {
    name: "an expired lease goes to another node at the next epoch, and the old owner's renewal fails",
    run: Effect.gen(function* () {
      const first = yield* taken("m", "a", short)
      yield* wait(short * 2)
      expect(yield* heldNow).toEqual([])
      expect(yield* take("m", "b", long)).toEqual(Option.some({ name: "m", owner: "b", epoch: 2 }))
      yield* expectLost(Effect.flatMap(leases, (service) => service.renew(first, long)))
      expect(yield* take("m", "a", long)).toEqual(Option.none())
    })
  },
  {
    name: "a renewal extends the lease, even past its expiry when no one took it, at the same epoch",
    run: Effect.gen(function* () {
      const first = yield* taken("m", "a", short)
      yield* wait(short * 2)
      const service = yield* leases
      yield* service.renew(first, long)
      yield* wait(short * 2)
      expect(yield* take("m", "b", long)).toEqual(Option.none())
      expect((yield* heldNow).map((lease) => [lease.owner, lease.epoch])).toEqual([["a", 1]])
    })
  },
  {
    name: "a released lease is free at once; a stale release changes nothing",
    run: Effect.gen(function* () {
      const service = yield* leases
      const first = yield* taken("m", "a", long)
      yield* service.release(first)
      expect(yield* heldNow).toEqual([])
      yield* expectLost(service.renew(first, long))
      const second = yield* taken("m", "b", long)
      expect(second.epoch).toBe(2)
      yield* service.release(first)
      expect((yield* heldNow).map((lease) => [lease.owner, lease.epoch])).toEqual([["b", 2]])
      // The first owner coming back is a change of owner too.
      yield* service.release(second)
      expect(yield* take("m", "a", long)).toEqual(Option.some({ name: "m", owner: "a", epoch: 3 }))
    })
  },
  {
    name: "leases of different read models are independent",
    run: Effect.gen(function* () {
      yield* taken("m", "a", long)
      expect(yield* take("n", "b", long)).toEqual(Option.some({ name: "n", owner: "b", epoch: 1 }))
      expect((yield* heldNow).map((lease) => `${lease.name}:${lease.owner}`)).toEqual(["m:a", "n:b"])
    })
  },
  {
    name: "nodes alive are counted until their announcement expires; a node leaving frees its leases",
    run: Effect.gen(function* () {
      const service = yield* leases
      expect(yield* service.join("a", long)).toBe(1)
      expect(yield* service.join("c", long)).toBe(2)
      // Counted by its own announcement, however slow the machine: it is alive until `short` after it.
      expect(yield* service.join("b", short)).toBe(3)
      yield* wait(short * 2)
      expect(yield* service.join("a", long)).toBe(2)
      const held = yield* taken("m", "c", long)
      yield* service.leave("c")
      expect(yield* service.join("a", long)).toBe(1)
      expect(yield* heldNow).toEqual([])
      yield* expectLost(service.renew(held, long))
      expect(yield* take("m", "a", long)).toEqual(Option.some({ name: "m", owner: "a", epoch: 2 }))
    })
  },
  {
    name: "a commit or reset fenced by a lost lease fails with ProjectionLeaseLost and writes nothing",
    run: Effect.gen(function* () {
      const service = yield* leases
      const store = yield* ReadModelStore.ReadModelStore
      const model = tally("fenced")
      const [table] = model.tables
      yield* store.createTables(model.tables)
      const first = yield* taken(model.name, "a", short)
      const upsert = (counter: string, position: number, previous: number, fence: ReadModelStore.Fence) =>
        store.commit({
          checkpoint: { name: model.name, version: 1, position },
          previous,
          changes: [{ table: table!, upserts: [{ counter, ticks: 1, last: position }], deletes: [] }],
          fence
        })
      yield* upsert("x", 1, 0, service.renew(first, short))
      yield* wait(short * 2)
      const second = yield* taken(model.name, "b", long)
      yield* expectLost(upsert("y", 2, 1, service.renew(first, long)))
      yield* expectLost(store.reset(model.name, model.tables, service.renew(first, long)))
      expect(yield* store.list(table!, {})).toEqual([{ counter: "x", ticks: 1, last: 1 }])
      expect(Option.map(yield* store.checkpoint(model.name), (saved) => saved.position)).toEqual(Option.some(1))
      // The lost owner's failed commit did not renew its lease either: the successor still holds it.
      expect((yield* heldNow).map((lease) => [lease.owner, lease.epoch])).toEqual([["b", 2]])
      yield* upsert("z", 3, 1, service.renew(second, long))
      expect((yield* store.list(table!, {})).map((row) => row.counter)).toEqual(["x", "z"])
    })
  }
]

/** Knobs of the suite. */
export interface SuiteOptions {
  /** Timeout of each case in milliseconds. Default: vitest's. */
  readonly timeout?: number | undefined
}

/**
 * Registers the suite under `describe(name)`. `layer` provides the leases and the read-model store
 * they fence, on one database; it is built once per case, and must start empty every time.
 */
export const suite = <E>(name: string, layer: Layer.Layer<Services, E>, options?: SuiteOptions): void => {
  describe(name, () => {
    for (const leaseCase of cases) {
      it.live(leaseCase.name, () => Effect.provide(leaseCase.run, layer), options?.timeout)
    }
  })
}
