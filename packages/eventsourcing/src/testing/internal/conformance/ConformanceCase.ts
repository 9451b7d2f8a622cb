import type { Effect, Layer } from "effect"
import type { EventStore } from "../../../EventStore.js"

/** The layer under test: an event store, built afresh for every case. */
export type StoreLayer = Layer.Layer<EventStore, unknown>

/** One rule of the store contract, checked against a fresh store built from the layer. */
export interface ConformanceCase {
  readonly name: string
  readonly run: (layer: StoreLayer) => Effect.Effect<void, unknown>
}

/** Cases about one part of the contract. */
export interface ConformanceGroup {
  readonly name: string
  readonly cases: ReadonlyArray<ConformanceCase>
}

/** The suite's knobs, with their defaults filled in. */
export interface ConformanceSettings {
  /** Fibers racing for one stream in the concurrency cases. */
  readonly fibers: number
  /** Page size of the `readAll` boundary cases. */
  readonly pageSize: number
  /** Runs of the property case. */
  readonly propertyRuns: number
}
