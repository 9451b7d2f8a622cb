/**
 * The hostile-input suite every event-store adapter must pass beside the conformance suite: what a
 * careless or hostile caller may send (strings across the whole UTF-16 range, lone surrogates
 * among them; numbers with the IEEE specials; deep, wide and non-JSON data; malformed expected
 * versions; any number as a position, a count or a page size), generated with fast-check. One
 * invariant holds for every call: it returns within a bounded time, and either round-trips exactly
 * or fails with a typed store error, having written nothing. Never a hang, a silent change or a
 * defect.
 *
 * ```ts
 * import { HostileInput } from "@kemitraan/eventsourcing/testing"
 * HostileInput.suite("SQLite store", SqliteStore.layerMemory)
 * ```
 *
 * @since 0.2.0
 */
import { describe, it } from "@effect/vitest"
import type { Duration, Layer } from "effect"
import type { EventStore } from "../EventStore.js"
import { cases } from "./internal/hostile/cases.js"

/** Knobs of the suite. */
export interface SuiteOptions {
  /** Samples per property, each on the same store. Default 200. */
  readonly runs?: number | undefined
  /** How long any one call may take before the case fails as a hang. Default 5 seconds. */
  readonly callTimeout?: Duration.DurationInput | undefined
  /** Timeout of each case in milliseconds. Default 120,000. */
  readonly timeout?: number | undefined
}

/**
 * Registers the suite under `describe(name)`. `layer` provides the store under test, built once
 * per case; it must start empty.
 */
export const suite = <E>(name: string, layer: Layer.Layer<EventStore, E>, options?: SuiteOptions): void => {
  const settings = { runs: Math.max(1, options?.runs ?? 200), callTimeout: options?.callTimeout ?? "5 seconds" }
  describe(name, () => {
    for (const hostileCase of cases) {
      it.live(hostileCase.name, () => hostileCase.run(layer, settings), options?.timeout ?? 120_000)
    }
  })
}
