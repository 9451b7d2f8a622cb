/**
 * The conformance suite every event-store adapter must pass: one function that registers vitest
 * tests for the whole store contract, through the public {@link EventStore} interface only.
 *
 * Each case builds the layer afresh, so every case starts from an empty store. The cases cover
 * every expected version against a missing stream and a stream with events (the "empty stream"
 * case of other stores does not apply: a stream exists once it holds an event), versions and
 * positions, reading streams and the log in pages, idempotent retries and event-id conflicts,
 * atomicity, contention between fibers, decode failures, and a property over random logs.
 *
 * ```ts
 * import { EventStoreConformance } from "@kemitraan/eventsourcing/testing"
 * EventStoreConformance.suite("SQLite store", SqliteStore.layerMemory)
 * ```
 *
 * @since 0.1.0
 */
import { describe, it } from "@effect/vitest"
import type { Layer } from "effect"
import type { EventStore } from "../EventStore.js"
import { type ConformanceSettings, groups } from "./internal/conformance/index.js"

/** Knobs of the suite; the defaults suit an in-memory or an embedded store. */
export interface SuiteOptions {
  /** Fibers racing for one stream in the concurrency cases. Default 20. */
  readonly fibers?: number | undefined
  /** Page size of the `readAll` boundary cases (at least 2). Default 3. */
  readonly pageSize?: number | undefined
  /** Runs of the property case, each against a fresh store. Default 30. */
  readonly propertyRuns?: number | undefined
  /** Timeout of each case in milliseconds. Default: vitest's. */
  readonly timeout?: number | undefined
}

// At least two fibers and pages of two, so that races and page boundaries exist.
const settingsOf = (options?: SuiteOptions): ConformanceSettings => ({
  fibers: Math.max(2, options?.fibers ?? 20),
  pageSize: Math.max(2, options?.pageSize ?? 3),
  propertyRuns: Math.max(1, options?.propertyRuns ?? 30)
})

/**
 * Registers the conformance suite under `describe(name)`. `layer` provides the store under test;
 * it is built once per case, so it must start empty every time it is built.
 */
export const suite = <E>(name: string, layer: Layer.Layer<EventStore, E>, options?: SuiteOptions): void => {
  describe(name, () => {
    for (const group of groups(settingsOf(options))) {
      describe(group.name, () => {
        for (const conformanceCase of group.cases) {
          it.live(conformanceCase.name, () => conformanceCase.run(layer), options?.timeout)
        }
      })
    }
  })
}
