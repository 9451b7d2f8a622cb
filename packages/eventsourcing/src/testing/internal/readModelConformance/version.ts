import * as Effect from "effect/Effect"
import * as fc from "fast-check"
import { expect } from "vitest"
import * as ReadModelRunner from "../../../ReadModelRunner.js"
import { Accounts, ledger } from "./ledger.js"
import type { ReadModelCase, ReadModelGroup, ReadModelSettings } from "./ReadModelCase.js"
import { appendAll, expectTablesAt, expectTablesAtCheckpoint, history, ledgerEvents, propertyCase } from "./support.js"

const options = fc.record({
  pageSize: fc.integer({ min: 1, max: 6 }),
  commitEvery: fc.integer({ min: 1, max: 6 }),
  cacheRows: fc.integer({ min: 0, max: 30 })
})

const sample = fc.record({
  before: ledgerEvents(20),
  after: ledgerEvents(8),
  first: options,
  second: options,
  /** The new version stops this many positions before the head. */
  back: fc.integer({ min: 0, max: 6 })
})

const versionChange = (runs: number): ReadModelCase =>
  propertyCase(
    "property: a version change empties the tables and rebuilds: the rows equal a rebuild of the new version, none of the old version's remain; an older version refuses to catch up over a newer one's tables, and rebuilds them when asked",
    sample,
    runs,
    ({ after, back, before, first, second }) =>
      Effect.gen(function* () {
        const [one, two] = [ledger(1), ledger(2)]
        yield* appendAll(before)
        yield* ReadModelRunner.catchUp(one, first)
        yield* appendAll(after)
        const log = yield* history
        const head = log.at(-1)?.position ?? 0
        const until = Math.max(0, head - back)
        yield* ReadModelRunner.catchUp(two, { ...second, until })
        yield* expectTablesAtCheckpoint(two, log)
        // Version 1 keeps closed accounts; version 2 never does.
        const accounts = yield* ReadModelRunner.snapshot(two)
        expect(accounts[Accounts.name]!.filter((row) => row.open !== true)).toEqual([])
        if (until > 0) {
          // Version 2 folded something, so it has a checkpoint: version 1 must leave its tables alone.
          const refused = yield* Effect.flip(ReadModelRunner.catchUp(one, second))
          expect(refused._tag).toBe("InvalidStoreRequest")
          yield* expectTablesAtCheckpoint(two, log)
        }
        yield* ReadModelRunner.rebuild(one, second)
        expect(yield* expectTablesAtCheckpoint(one, log)).toBe(head)
        yield* expectTablesAt(one, log, head)
      })
  )

/** Versions of a read model. */
export const versionGroup = (settings: ReadModelSettings): ReadModelGroup => ({
  name: "versions",
  cases: [versionChange(settings.propertyRuns)]
})
