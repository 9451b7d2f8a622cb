import * as Cause from "effect/Cause"
import * as Effect from "effect/Effect"
import * as Exit from "effect/Exit"
import * as fc from "fast-check"
import { expect } from "vitest"
import { EventStore } from "../../../EventStore.js"
import * as ReadModelRunner from "../../../ReadModelRunner.js"
import * as ReadModelStore from "../../../ReadModelStore.js"
import { type LedgerEvent, ledger } from "./ledger.js"
import type { ReadModelCase, ReadModelGroup, ReadModelSettings } from "./ReadModelCase.js"
import { appendAll, expectTablesAt, expectTablesAtCheckpoint, history, ledgerEvents, propertyCase } from "./support.js"

/** Where a run is cut short: at its `commit`-th commit, before or after the store writes it. */
interface Stop {
  readonly commit: number
  readonly before: boolean
}

/** Events appended, then one catch-up with these options. */
interface Step {
  readonly events: ReadonlyArray<LedgerEvent>
  readonly pageSize: number
  readonly commitEvery: number | undefined
  readonly cacheRows: number | undefined
  /** Stop this many positions before the head (`until`); undefined: run to the end. */
  readonly back: number | undefined
  readonly stop: Stop | undefined
}

const step: fc.Arbitrary<Step> = fc.record({
  events: ledgerEvents(10),
  pageSize: fc.integer({ min: 1, max: 6 }),
  commitEvery: fc.option(fc.integer({ min: 1, max: 6 }), { nil: undefined }),
  cacheRows: fc.option(fc.integer({ min: 0, max: 30 }), { nil: undefined }),
  back: fc.option(fc.integer({ min: 0, max: 4 }), { nil: undefined }),
  stop: fc.option(fc.record({ commit: fc.integer({ min: 1, max: 3 }), before: fc.boolean() }), { nil: undefined })
})

/** The store, except that its `stop.commit`-th commit interrupts the run: a crash between two commits. */
const stopping = (store: ReadModelStore.ReadModelStore, stop: Stop | undefined): ReadModelStore.ReadModelStore => {
  let commits = 0
  return {
    ...store,
    commit: (commit) =>
      Effect.suspend(() => {
        commits += 1
        if (commits !== stop?.commit) return store.commit(commit)
        return stop.before ? Effect.interrupt : Effect.zipRight(store.commit(commit), Effect.interrupt)
      })
  }
}

const runStep = (model: ReturnType<typeof ledger>, { stop, ...options }: Step) =>
  Effect.gen(function* () {
    const head = yield* Effect.flatMap(EventStore, (events) => events.headPosition)
    const until = options.back === undefined ? undefined : Math.max(0, head - options.back)
    const store = yield* ReadModelStore.ReadModelStore
    const exit = yield* Effect.exit(
      Effect.provideService(
        ReadModelRunner.catchUp(model, { ...options, until }),
        ReadModelStore.ReadModelStore,
        stopping(store, stop)
      )
    )
    if (Exit.isFailure(exit)) expect(Cause.isInterruptedOnly(exit.cause), Cause.pretty(exit.cause)).toBe(true)
  })

const anySplit = (runs: number): ReadModelCase =>
  propertyCase(
    "property: catch-ups in any split of pages, commits and cache sizes, cut short at any commit with events appended in between, leave every checkpoint showing the log exactly up to it and end equal to one rebuild from 0",
    fc.record({
      version: fc.constantFrom(1 as const, 2 as const),
      steps: fc.array(step, { minLength: 1, maxLength: 5 })
    }),
    runs,
    ({ steps, version }) =>
      Effect.gen(function* () {
        const model = ledger(version)
        for (const each of steps) {
          yield* appendAll(each.events)
          yield* runStep(model, each)
          yield* expectTablesAtCheckpoint(model, yield* history)
        }
        const progress = yield* ReadModelRunner.catchUp(model)
        const log = yield* history
        const head = log.at(-1)?.position ?? 0
        expect(progress.position).toBe(head)
        expect(yield* expectTablesAtCheckpoint(model, log)).toBe(head)
        yield* expectTablesAt(model, log, head)
        yield* ReadModelRunner.rebuild(model, { pageSize: 4, commitEvery: 3 })
        yield* expectTablesAt(model, log, head, "the tables after a rebuild in the same store")
      })
  )

/** Catching up in pieces. */
export const catchUpGroup = (settings: ReadModelSettings): ReadModelGroup => ({
  name: "catch-up",
  cases: [anySplit(settings.propertyRuns)]
})
