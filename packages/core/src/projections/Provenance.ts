/**
 * Where the events came from: per event type, how many events carry each provenance (metadata
 * `provenance`, for instance `"synthetic"` or `"published"`; `unstated` when an event says none).
 * A report reads it to mark, at each table, whether the table rests on synthetic detail: the mark
 * follows the events in the store, not what the report's author believes about them.
 *
 * ```ts
 * yield* ReadModelRunner.catchUp(Provenance.readModel)
 * const rows = yield* Provenance.counts
 * Provenance.synthetic(rows, ["AssessmentRecorded"]) // events of those types marked synthetic
 * ```
 *
 * @since 0.3.0
 */
import { ReadModel, ReadModelStore, Table, type EventStoreError } from "@kemitraan/eventsourcing"
import * as Schema from "effect/Schema"
import type { Effect } from "effect"
import { type KemitraanEvent, KemitraanEvents } from "../KemitraanEvent.js"
import { Count } from "./internal/readModel.js"

/** The provenance of an event that states none. */
export const unstated = "unstated"

/** The provenance of an event made from invented data. */
export const syntheticProvenance = "synthetic"

const row = Schema.Struct({ eventType: Schema.String, provenance: Schema.String, events: Count })

/** Events of one type with one provenance. */
export type ProvenanceRow = typeof row.Type

/** Events of one type with one provenance (table `event_provenance`), keyed by type and provenance. */
export const Provenances = Table.make({ name: "event_provenance", row, key: ["eventType", "provenance"] })

/** The tables of the read model. */
export const tables = [Provenances] as const

const keyOf = (event: {
  readonly event: KemitraanEvent
  readonly metadata: { readonly provenance?: string | undefined }
}) => ({
  eventType: event.event._tag,
  provenance: event.metadata.provenance ?? unstated
})

/** The provenance of every event, counted by type. */
export const readModel = ReadModel.make({
  name: "Provenance",
  version: 1,
  catalog: KemitraanEvents,
  tables,
  lookups: (event) => [ReadModel.lookup(Provenances, keyOf(event))],
  evolve: (rows, event) => {
    const key = keyOf(event)
    rows.put(Provenances, { ...key, events: (rows.get(Provenances, key)?.events ?? 0) + 1 })
  }
})

/** Every row: events by type and provenance, ordered by type, then provenance. */
export const counts: Effect.Effect<
  ReadonlyArray<ProvenanceRow>,
  EventStoreError.StoreError,
  ReadModelStore.ReadModelStore
> = ReadModelStore.list(Provenances)

/** How many events of these types carry the provenance `synthetic`. */
export const synthetic = (
  rows: ReadonlyArray<ProvenanceRow>,
  eventTypes: ReadonlyArray<KemitraanEvent["_tag"]>
): number => {
  const types = new Set<string>(eventTypes)
  return rows
    .filter((row) => row.provenance === syntheticProvenance && types.has(row.eventType))
    .reduce((sum, row) => sum + row.events, 0)
}
