import * as Deferred from "effect/Deferred"
import * as Effect from "effect/Effect"
import * as Exit from "effect/Exit"
import * as Fiber from "effect/Fiber"
import * as fc from "fast-check"
import { expect } from "vitest"
import * as EventStore from "../../../EventStore.js"
import * as ReadModelRunner from "../../../ReadModelRunner.js"
import * as ReadModelStore from "../../../ReadModelStore.js"
import { ledger } from "./ledger.js"
import type { ReadModelCase, ReadModelGroup, ReadModelSettings } from "./ReadModelCase.js"
import { appendAll, expectTablesAtCheckpoint, history, ledgerEvents, propertyCase } from "./support.js"

const options = fc.record({
  pageSize: fc.integer({ min: 1, max: 6 }),
  commitEvery: fc.integer({ min: 1, max: 6 }),
  cacheRows: fc.integer({ min: 0, max: 30 })
})

/** The outcome of a commit, as the runner saw it. */
type Outcome = "committed" | string

/**
 * The store, except that the commit after `free` ones waits for `gate` (announcing it on
 * `waiting`), and every commit's outcome is recorded.
 */
const holding = (
  store: ReadModelStore.ReadModelStore,
  free: number,
  waiting: Deferred.Deferred<void>,
  gate: Deferred.Deferred<void>,
  outcomes: Array<Outcome>
): ReadModelStore.ReadModelStore => {
  let commits = 0
  return {
    ...store,
    commit: (commit) =>
      Effect.gen(function* () {
        commits += 1
        if (commits === free + 1) {
          yield* Deferred.succeed(waiting, undefined)
          yield* Deferred.await(gate)
        }
        const exit = yield* Effect.exit(store.commit(commit))
        outcomes.push(
          Exit.isSuccess(exit) ? "committed" : exit.cause._tag === "Fail" ? exit.cause.error._tag : "defect"
        )
        return yield* exit
      })
  }
}

const heldBehindAnother = (runs: number): ReadModelCase =>
  propertyCase(
    "property: a run whose commit is overtaken by another run of the same model never double-counts: its commit fails with CheckpointMoved, it starts again from the new checkpoint, and the rows equal a rebuild",
    fc.record({
      events: ledgerEvents(20).filter((events) => events.length > 0),
      during: ledgerEvents(6),
      afterwards: ledgerEvents(6),
      held: options,
      other: options,
      free: fc.integer({ min: 0, max: 2 })
    }),
    runs,
    ({ afterwards, during, events, free, held, other }) =>
      Effect.gen(function* () {
        const model = ledger(1)
        yield* appendAll(events)
        const store = yield* ReadModelStore.ReadModelStore
        const waiting = yield* Deferred.make<void>()
        const gate = yield* Deferred.make<void>()
        const outcomes: Array<Outcome> = []
        const first = yield* Effect.fork(
          Effect.provideService(
            ReadModelRunner.catchUp(model, held),
            ReadModelStore.ReadModelStore,
            holding(store, free, waiting, gate, outcomes)
          )
        )
        const overtaken = yield* Effect.race(
          Effect.as(Deferred.await(waiting), true),
          Effect.as(Fiber.await(first), false)
        )
        if (overtaken) {
          yield* appendAll(during)
          yield* ReadModelRunner.catchUp(model, other)
          yield* appendAll(afterwards)
          yield* Deferred.succeed(gate, undefined)
        }
        yield* Fiber.join(first)
        if (overtaken) expect(outcomes[free]).toBe("CheckpointMoved")
        else expect(outcomes.length).toBeLessThanOrEqual(free)
        const log = yield* history
        expect(yield* expectTablesAtCheckpoint(model, log)).toBe(log.at(-1)!.position)
      })
  )

/** The stores, except that each call first lets other fibers run, `pauses` times in turn. */
const pausing = <A, E, R>(effect: Effect.Effect<A, E, R>, pauses: ReadonlyArray<number>) =>
  Effect.gen(function* () {
    const events = yield* EventStore.EventStore
    const store = yield* ReadModelStore.ReadModelStore
    let calls = 0
    const pause = Effect.suspend(() => Effect.repeatN(Effect.yieldNow(), pauses[calls++ % pauses.length]!))
    return yield* effect.pipe(
      Effect.provideService(EventStore.EventStore, {
        ...events,
        readAllPage: (after, limit) => Effect.zipRight(pause, events.readAllPage(after, limit))
      }),
      Effect.provideService(ReadModelStore.ReadModelStore, {
        ...store,
        checkpoint: (name) => Effect.zipRight(pause, store.checkpoint(name)),
        load: (lookups) => Effect.zipRight(pause, store.load(lookups)),
        commit: (commit) => Effect.zipRight(pause, store.commit(commit))
      })
    )
  })

const interleaved = (runs: number): ReadModelCase =>
  propertyCase(
    "property: runs of the same model interleaved at every store call never double-count and all finish: the rows equal a rebuild",
    fc.record({
      events: ledgerEvents(25).filter((events) => events.length > 0),
      runs: fc.array(
        fc.record({ options, pauses: fc.array(fc.integer({ min: 0, max: 3 }), { minLength: 1, maxLength: 8 }) }),
        { minLength: 2, maxLength: 3 }
      )
    }),
    runs,
    ({ events, runs }) =>
      Effect.gen(function* () {
        const model = ledger(1)
        yield* appendAll(events)
        const progress = yield* Effect.all(
          runs.map(({ options, pauses }) => pausing(ReadModelRunner.catchUp(model, options), pauses)),
          { concurrency: "unbounded" }
        )
        const log = yield* history
        const head = log.at(-1)!.position
        expect(progress.map((each) => each.position)).toEqual(runs.map(() => head))
        expect(yield* expectTablesAtCheckpoint(model, log)).toBe(head)
      })
  )

/** Runs of one read model at the same time. */
export const concurrencyGroup = (settings: ReadModelSettings): ReadModelGroup => ({
  name: "concurrent runs",
  cases: [heldBehindAnother(settings.propertyRuns), interleaved(settings.propertyRuns)]
})
