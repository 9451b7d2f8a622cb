import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import * as fc from "fast-check"
import { expect } from "vitest"
import * as ReadModelRunner from "../../../ReadModelRunner.js"
import * as ReadModelStore from "../../../ReadModelStore.js"
import { ledger } from "./ledger.js"
import { fold } from "./oracle.js"
import type { ReadModelCase, ReadModelGroup, ReadModelSettings } from "./ReadModelCase.js"
import { appendAll, checkpointOf, expectTablesAt, history, ledgerEvents, propertyCase } from "./support.js"

const sample = fc.record({
  events: ledgerEvents(25),
  /** Which position to stop at, as an index into the log (taken modulo its length + 1). */
  cut: fc.nat(),
  pageSize: fc.integer({ min: 1, max: 6 }),
  commitEvery: fc.integer({ min: 1, max: 6 }),
  asOfPageSize: fc.integer({ min: 1, max: 6 })
})

const asOfAnyPosition = (runs: number): ReadModelCase =>
  propertyCase(
    "property: asOf(p) equals a catch-up stopped at p (until: p) on a fresh store and a rebuild from 0 stopped at p, for any p",
    sample,
    runs,
    ({ asOfPageSize, commitEvery, cut, events, pageSize }) =>
      Effect.gen(function* () {
        const model = ledger(1)
        yield* appendAll(events)
        const log = yield* history
        const k = cut % (log.length + 1)
        const p = k === 0 ? 0 : log[k - 1]!.position
        const memory = yield* ReadModelRunner.asOf(model, p, { pageSize: asOfPageSize })
        const past = yield* Effect.provideService(
          ReadModelRunner.snapshot(model),
          ReadModelStore.ReadModelStore,
          memory
        )
        expect(past, `asOf(${p})`).toEqual(fold(model, log, p))
        const progress = yield* ReadModelRunner.catchUp(model, { until: p, pageSize, commitEvery })
        expect(progress.position).toBe(p)
        expect(yield* ReadModelRunner.snapshot(model), `catch-up until ${p}`).toEqual(past)
        const saved = yield* checkpointOf(model)
        expect(Option.map(saved, (checkpoint) => checkpoint.position)).toEqual(p === 0 ? Option.none() : Option.some(p))
        // Stopping short does not stop for good: the next catch-up goes on to the head.
        yield* ReadModelRunner.catchUp(model, { pageSize, commitEvery })
        yield* expectTablesAt(model, log, log.at(-1)?.position ?? 0)
      })
  )

/** The read model as it stood at a past position. */
export const asOfGroup = (settings: ReadModelSettings): ReadModelGroup => ({
  name: "as of a position",
  cases: [asOfAnyPosition(settings.propertyRuns)]
})
