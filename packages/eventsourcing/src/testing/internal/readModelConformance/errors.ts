import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as fc from "fast-check"
import { inspect } from "node:util"
import { expect } from "vitest"
import * as EventStore from "../../../EventStore.js"
import { any } from "../../../ExpectedVersion.js"
import * as ReadModelRunner from "../../../ReadModelRunner.js"
import { Deposited, ledger, streamOf } from "./ledger.js"
import type { ReadModelCase, ReadModelGroup, ReadModelSettings } from "./ReadModelCase.js"
import {
  appendAll,
  checkpointOf,
  expectTablesAtCheckpoint,
  history,
  ledgerEvents,
  propertyCase,
  storeCase
} from "./support.js"

/** Expects `effect` to fail with the error tagged `tag`, carrying `fields`; returns that error. */
const expectFailure = <A, E, R>(effect: Effect.Effect<A, E, R>, tag: string, fields: object = {}) =>
  Effect.map(Effect.either(effect), (result) => {
    if (Either.isRight(result)) throw new Error(`expected ${tag}, but it succeeded with ${inspect(result.right)}`)
    expect(result.left).toMatchObject({ _tag: tag, ...fields })
    return result.left
  })

const invalidOptions: ReadonlyArray<ReadModelRunner.CatchUpOptions> = [
  { pageSize: 0 },
  { pageSize: -1 },
  { pageSize: 2.5 },
  { pageSize: Number.NaN },
  { commitEvery: 0 },
  { commitEvery: -1 },
  { commitEvery: Number.NaN },
  { cacheRows: -1 },
  { cacheRows: Number.NaN },
  { until: -1 },
  { until: 2.5 },
  { until: Number.NaN }
]

const opened = [
  { _tag: "Opened", account: "a", owner: "ani", branch: null },
  { _tag: "Opened", account: "b", owner: "ani", branch: "jkt" },
  { _tag: "Deposited", account: "a", amount: 10 },
  { _tag: "Transferred", from: "a", to: "b", amount: 4 },
  { _tag: "Closed", account: "b" }
] as const

const invalidWritesNothing = storeCase(
  "invalid options (pageSize or commitEvery not a positive integer, cacheRows or until not a non-negative integer, NaN) fail catchUp, rebuild and asOf with InvalidStoreRequest and write nothing, even for a new version",
  Effect.gen(function* () {
    const [one, two] = [ledger(1), ledger(2)]
    yield* appendAll(opened.slice(0, 3))
    yield* ReadModelRunner.catchUp(one)
    yield* appendAll(opened.slice(3))
    const before = yield* ReadModelRunner.snapshot(one)
    const saved = yield* checkpointOf(one)
    for (const options of invalidOptions) {
      for (const run of [
        ReadModelRunner.catchUp(one, options),
        ReadModelRunner.catchUp(two, options),
        ReadModelRunner.rebuild(one, options)
      ]) {
        yield* expectFailure(run, "InvalidStoreRequest")
        expect(yield* ReadModelRunner.snapshot(one), inspect(options)).toEqual(before)
        expect(yield* checkpointOf(one), inspect(options)).toEqual(saved)
      }
    }
    for (const position of [-1, 1.5, Number.NaN])
      yield* expectFailure(ReadModelRunner.asOf(one, position), "InvalidStoreRequest")
    yield* expectFailure(ReadModelRunner.asOf(one, 3, { pageSize: 0 }), "InvalidStoreRequest")
  })
)

const brokenDeposit = (account: string) =>
  Effect.gen(function* () {
    const store = yield* EventStore.EventStore
    const metadata = yield* EventStore.makeMetadata()
    const data = { _tag: "Deposited", account, amount: "ten" }
    const event = { eventId: crypto.randomUUID(), type: "Deposited", data, metadata }
    const stream = streamOf(Deposited.make({ account, amount: 10 }))
    return { stream, ...(yield* store.append(stream, any, [event])) }
  })

const options = fc.record({ pageSize: fc.integer({ min: 1, max: 6 }), commitEvery: fc.integer({ min: 1, max: 6 }) })

const decodeFailure = (runs: number): ReadModelCase =>
  propertyCase(
    "property: an event that does not decode fails the catch-up with EventDecodeError naming it, and leaves the tables at the last commit before it",
    fc.record({
      committed: ledgerEvents(10),
      first: options,
      before: ledgerEvents(15),
      after: ledgerEvents(5),
      failing: options
    }),
    runs,
    ({ after, before, committed, failing, first }) =>
      Effect.gen(function* () {
        const model = ledger(1)
        yield* appendAll(committed)
        yield* ReadModelRunner.catchUp(model, first)
        yield* appendAll(before)
        const broken = yield* brokenDeposit("a")
        yield* appendAll(after)
        yield* expectFailure(ReadModelRunner.catchUp(model, failing), "EventDecodeError", {
          position: broken.position,
          streamId: broken.stream,
          eventType: "Deposited"
        })
        const log = yield* history
        const position = yield* expectTablesAtCheckpoint(model, log)
        expect(position).toBeLessThan(broken.position)
        // Commits come only at page ends, so with pages and commits of one event nothing is lost.
        if (failing.pageSize === 1 && failing.commitEvery === 1) expect(position).toBe(log.at(-1)?.position ?? 0)
      })
  )

/** The typed failures of a run. */
export const errorGroup = (settings: ReadModelSettings): ReadModelGroup => ({
  name: "errors",
  cases: [invalidWritesNothing, decodeFailure(settings.propertyRuns)]
})
