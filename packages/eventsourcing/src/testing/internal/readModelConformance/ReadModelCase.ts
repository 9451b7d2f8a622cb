import type { Effect, Layer } from "effect"
import type { EventStore } from "../../../EventStore.js"
import type { ReadModelStore } from "../../../ReadModelStore.js"

/** The layer under test: an event store and a read-model store, built afresh for every case and run. */
export type ReadModelLayer = Layer.Layer<EventStore | ReadModelStore, unknown>

/** One rule of the read-model contract, checked against fresh stores built from the layer. */
export interface ReadModelCase {
  readonly name: string
  readonly run: (layer: ReadModelLayer) => Effect.Effect<void, unknown>
}

/** Cases about one part of the contract. */
export interface ReadModelGroup {
  readonly name: string
  readonly cases: ReadonlyArray<ReadModelCase>
}

/** The suite's knobs, with their defaults filled in. */
export interface ReadModelSettings {
  /** Runs of each property, each against fresh stores. */
  readonly propertyRuns: number
}
