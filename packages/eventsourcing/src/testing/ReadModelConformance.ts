/**
 * The conformance suite every read-model store must pass: one function that registers vitest tests
 * for the read-model contract, through the public `ReadModelStore` and `ReadModelRunner` only.
 *
 * Its read model is a small ledger of its own (accounts, owners, transfers, movements), whose
 * tables have composite keys, a secondary index, deletes, nullable columns, integers, booleans and
 * text, and whose rows follow other rows, so that runs undo and fold events again. Every run is
 * compared with `evolve` folded over the log into plain maps: a rebuild from 0 that shares nothing
 * with the runner or the store. The cases: the store's operations called directly; catch-ups in any
 * split of pages, commits and cache sizes, cut short at any commit; `asOf` at any position; version
 * changes; runs of one model at the same time; invalid options and events that do not decode.
 *
 * ```ts
 * import { ReadModelConformance } from "@kemitraan/eventsourcing/testing"
 * ReadModelConformance.suite("in-memory stores", Layer.merge(EventStore.layerMemory, ReadModelStore.layerMemory))
 * ```
 *
 * @since 0.2.0
 */
import { describe, it } from "@effect/vitest"
import type { Layer } from "effect"
import type { EventStore } from "../EventStore.js"
import type { ReadModelStore } from "../ReadModelStore.js"
import { groups, type ReadModelSettings } from "./internal/readModelConformance/index.js"

/**
 * The suite's read model and its events, for an adapter's own tests of the same contract (a
 * process killed while it catches up, say): `ledger(1)` and `ledger(2)` are its two versions.
 */
export { ledger, type LedgerEvent, LedgerEvents } from "./internal/readModelConformance/ledger.js"

/** `evolve` folded over a log into plain maps: the tables a rebuild from 0 stopped at a position holds. */
export { fold as rebuiltTables, type Tables } from "./internal/readModelConformance/oracle.js"

/**
 * Random ledger events; appending them; the decoded log; and the check that a read model's tables
 * show the log exactly up to its stored checkpoint.
 */
export {
  appendAll as appendLedgerEvents,
  expectTablesAtCheckpoint,
  history as ledgerHistory,
  ledgerEvent
} from "./internal/readModelConformance/support.js"

/** Knobs of the suite; the defaults suit an in-memory or an embedded store. */
export interface SuiteOptions {
  /** Runs of each property case, each against fresh stores. Default 25. */
  readonly propertyRuns?: number | undefined
  /** Timeout of each case in milliseconds. Default: vitest's. */
  readonly timeout?: number | undefined
}

const settingsOf = (options?: SuiteOptions): ReadModelSettings => ({
  propertyRuns: Math.max(1, options?.propertyRuns ?? 25)
})

/**
 * Registers the suite under `describe(name)`. `layer` provides both stores under test; it is built
 * once per case and once per run of a property, so it must start empty every time it is built.
 */
export const suite = <E>(
  name: string,
  layer: Layer.Layer<EventStore | ReadModelStore, E>,
  options?: SuiteOptions
): void => {
  describe(name, () => {
    for (const group of groups(settingsOf(options))) {
      describe(group.name, () => {
        for (const readModelCase of group.cases) {
          it.live(readModelCase.name, () => readModelCase.run(layer), options?.timeout)
        }
      })
    }
  })
}
