/**
 * Read models as tables under test: fold a log into an in-memory store, query it, and the
 * properties every read model must keep, whatever the pages, commits, cache and interleaving.
 */
import { expect, it } from "@effect/vitest"
import type { KemitraanEvent } from "@kemitraan/core"
import {
  EventStore,
  type EventStoreError,
  type ReadModel,
  ReadModelRunner,
  ReadModelStore,
  type Table
} from "@kemitraan/eventsourcing"
import { Effect, Layer } from "effect"
import * as fc from "fast-check"
import { appendAll, build, choices, type Entry, interleave, log, worldPlan } from "./world.js"

/** A read model of the domain. */
export type Model = ReadModel.ReadModel<KemitraanEvent.KemitraanEvent>

/** What appending a log and folding a model over it may fail with. */
type RunError = ReadModelRunner.ReadModelError | EventStoreError.AppendError | EventStoreError.EventEncodeError

/** Appends a log to a fresh in-memory event store and folds the read model over it into a fresh in-memory table store. */
export const runOver = (
  model: Model,
  entries: ReadonlyArray<Entry>
): Effect.Effect<ReadModelStore.ReadModelStore, RunError> =>
  Effect.zipRight(appendAll(entries), ReadModelRunner.run(model)).pipe(Effect.provide(EventStore.layerMemory))

/** Runs a query against a store. */
export const query = <A, E>(
  store: ReadModelStore.ReadModelStore,
  effect: Effect.Effect<A, E, ReadModelStore.ReadModelStore>
): Effect.Effect<A, E> => Effect.provideService(effect, ReadModelStore.ReadModelStore, store)

/** Every table's rows of a model folded over a log. */
export const tablesOver = (
  model: Model,
  entries: ReadonlyArray<Entry>
): Effect.Effect<Record<string, ReadonlyArray<Table.AnyRow>>, RunError> =>
  Effect.flatMap(runOver(model, entries), (store) => query(store, ReadModelRunner.snapshot(model)))

/** Two interleavings of the same streams: each stream keeps its order, the streams mix differently. */
export const twoInterleavings = fc.tuple(worldPlan, choices, choices).map(([plan, first, second]) => {
  const streams = build(plan)
  return [interleave(streams, first), interleave(streams, second)] as const
})

const stores = () => Layer.merge(EventStore.layerMemory, ReadModelStore.layerMemory)

/** The properties of a read model as tables. */
export const properties = (model: Model): void => {
  const pageSize = fc.integer({ min: 1, max: 40 })
  const commitEvery = fc.integer({ min: 1, max: 60 })
  const cacheRows = fc.integer({ min: 1, max: 80 })

  it.effect.prop(
    `${model.name}: the tables are the same in any interleaving of the streams`,
    [twoInterleavings],
    ([[first, second]]) =>
      Effect.gen(function* () {
        expect(yield* tablesOver(model, second)).toEqual(yield* tablesOver(model, first))
      }),
    { fastCheck: { numRuns: 100 } }
  )

  it.effect.prop(
    `${model.name}: catching up in any pages, commits, cache sizes and stops equals one rebuild`,
    [log, pageSize, commitEvery, cacheRows, fc.array(fc.nat(), { maxLength: 4 })],
    ([entries, pageSize, commitEvery, cacheRows, cuts]) =>
      Effect.gen(function* () {
        yield* appendAll(entries)
        yield* ReadModelStore.createTables([model])
        const untils = cuts.map((cut) => cut % (entries.length + 1)).sort((a, b) => a - b)
        for (const until of untils) yield* ReadModelRunner.catchUp(model, { pageSize, commitEvery, cacheRows, until })
        const caughtUp = yield* ReadModelRunner.catchUp(model, { pageSize, commitEvery, cacheRows })
        const rebuilt = yield* ReadModelRunner.run(model)
        expect(caughtUp.position).toBe(entries.length)
        expect(yield* ReadModelRunner.snapshot(model)).toEqual(yield* query(rebuilt, ReadModelRunner.snapshot(model)))
      }).pipe(Effect.provide(stores())),
    { fastCheck: { numRuns: 25 } }
  )

  it.effect.prop(
    `${model.name}: the tables as of position p equal a rebuild over the log cut at p`,
    [log, pageSize, fc.nat()],
    ([entries, pageSize, cut]) =>
      Effect.gen(function* () {
        const p = cut % (entries.length + 1)
        yield* appendAll(entries)
        const asOf = yield* ReadModelRunner.asOf(model, p, { pageSize })
        expect(yield* query(asOf, ReadModelRunner.snapshot(model))).toEqual(
          yield* tablesOver(model, entries.slice(0, p))
        )
      }).pipe(Effect.provide(EventStore.layerMemory)),
    { fastCheck: { numRuns: 25 } }
  )
}
