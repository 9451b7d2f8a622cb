/**
 * The read-model conformance suite must catch broken stores: each mutant below breaks one rule of
 * the contract, and the suite's cases about that rule must fail against it. (They pass against the
 * in-memory stores: `ReadModelConformance.test.ts`.)
 */
import { describe, expect, it } from "@effect/vitest"
import { EventStore, type ReadModel, ReadModelStore } from "@kemitraan/eventsourcing"
import { Effect, Exit, Layer, Option } from "effect"
import { groups, type ReadModelLayer } from "../src/testing/internal/readModelConformance/index.js"

const cases = groups({ propertyRuns: 40 }).flatMap((group) => group.cases)

const storeMutant = (mutate: (store: ReadModelStore.ReadModelStore) => ReadModelStore.ReadModelStore): ReadModelLayer =>
  Layer.merge(
    EventStore.layerMemory,
    Layer.effect(ReadModelStore.ReadModelStore, Effect.map(ReadModelStore.ReadModelStore, mutate)).pipe(
      Layer.provide(ReadModelStore.layerMemory)
    )
  )

/** Whether a look-up is by the table's key (not by an index). */
const onKey = ({ table, where }: ReadModel.Lookup): boolean =>
  table.key.length === Object.keys(where).length && table.key.every((field) => field in where)

interface Mutant {
  readonly name: string
  readonly layer: ReadModelLayer
  /** Fragments of the names of cases that must fail against the mutant. */
  readonly caught: ReadonlyArray<string>
}

const mutants: ReadonlyArray<Mutant> = [
  {
    name: "forgets the deletes of a commit",
    layer: storeMutant((store) => ({
      ...store,
      commit: (commit) =>
        store.commit({ ...commit, changes: commit.changes.map((change) => ({ ...change, deletes: [] })) })
    })),
    caught: ["a commit writes its rows", "catch-ups in any split", "a version change empties"]
  },
  {
    name: "commits the rows but leaves the checkpoint where it was",
    layer: storeMutant((store) => ({
      ...store,
      commit: (commit) => store.commit({ ...commit, checkpoint: { ...commit.checkpoint, position: commit.previous } })
    })),
    caught: ["a commit writes its rows", "catch-ups in any split", "asOf(p) equals", "does not decode"]
  },
  {
    name: "lists rows in no order (backwards)",
    layer: storeMutant((store) => ({
      ...store,
      list: (table, where) => Effect.map(store.list(table, where), (rows) => [...rows].reverse())
    })),
    caught: ["rows keep text", "catch-ups in any split", "asOf(p) equals"]
  },
  {
    name: "ignores where a commit expects the checkpoint",
    layer: storeMutant((store) => ({
      ...store,
      commit: (commit) =>
        Effect.flatMap(store.checkpoint(commit.checkpoint.name), (saved) =>
          store.commit({ ...commit, previous: Option.match(saved, { onNone: () => 0, onSome: (c) => c.position }) })
        )
    })),
    caught: [
      "one whose previous position is not the stored one",
      "overtaken by another run",
      "interleaved at every store call"
    ]
  },
  {
    name: "resets the checkpoint but keeps the rows",
    layer: storeMutant((store) => ({ ...store, reset: (name) => store.reset(name, []) })),
    caught: ["reset empties the tables", "a version change empties"]
  },
  {
    name: "resets whatever checkpoint it finds",
    layer: storeMutant((store) => ({ ...store, reset: (name, tables, fence) => store.reset(name, tables, fence) })),
    caught: ["a reset over the checkpoint a run saw"]
  },
  {
    name: "loads nothing for a look-up by index",
    layer: storeMutant((store) => ({
      ...store,
      load: (lookups) =>
        Effect.map(store.load(lookups), (loaded) => loaded.map((rows, i) => (onKey(lookups[i]!) ? rows : [])))
    })),
    caught: ["rows keep text"]
  },
  {
    name: "lists every row whatever the filter",
    layer: storeMutant((store) => ({ ...store, list: (table) => store.list(table, {}) })),
    caught: ["rows keep text"]
  }
]

describe("the read-model conformance suite catches broken stores", () => {
  for (const mutant of mutants) {
    for (const fragment of mutant.caught) {
      it.live(`a store that ${mutant.name} fails "${fragment}"`, () =>
        Effect.gen(function* () {
          const matching = cases.filter((c) => c.name.includes(fragment))
          expect(matching).toHaveLength(1)
          const exit = yield* Effect.exit(matching[0]!.run(mutant.layer))
          expect(Exit.isFailure(exit)).toBe(true)
        })
      )
    }
  }
})
