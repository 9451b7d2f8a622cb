/**
 * The work both sides of the benchmark do: the same events, the same commands, the same fold (the
 * domain's three read models; the log of (c) is `programme.ts`).
 * Everything here is built before a clock starts.
 */
import { Either, Schema } from "effect"
import { ClassAdvancement, ForumSummary, KemitraanEvent, SupplyChain } from "@kemitraan/core"
import { Decider, EventCatalog, Projection, type RecordedEvent } from "@kemitraan/eventsourcing"

export const Counted = Schema.TaggedStruct("Counted", { n: Schema.Int })
export const Noted = Schema.TaggedStruct("Noted", { text: Schema.String })
export const Renamed = Schema.TaggedStruct("Renamed", { name: Schema.String })
export const Catalog = EventCatalog.make(Counted, Noted, Renamed)
export type BenchEvent = typeof Catalog extends EventCatalog.EventCatalog<infer E> ? E : never

export const metadata: RecordedEvent.EventMetadata = {
  occurredAt: new Date("2022-11-24T02:00:00.000Z"),
  correlationId: "bench"
}

/** One append of (a): `size` encoded events with fresh ids, to one of `streams` streams. */
export interface Batch {
  readonly streamId: string
  readonly events: ReadonlyArray<RecordedEvent.EventToAppend>
}

/** The encoded form of the `i`-th event of the workload: a mix of the three types. */
export const encodedEvent = (i: number): { readonly type: string; readonly data: unknown } => {
  switch (i % 3) {
    case 0:
      return { type: "Counted", data: { _tag: "Counted", n: i % 1000 } }
    case 1:
      return { type: "Noted", data: { _tag: "Noted", text: `catatan forum kemitraan nomor ${i}` } }
    default:
      return { type: "Renamed", data: { _tag: "Renamed", name: `UMKM Mitra ${i % 5000}` } }
  }
}

/** (a): `appends` appends of `size` events, spread over `streams` streams. */
export const batches = (appends: number, size: number, streams: number): Array<Batch> =>
  Array.from({ length: appends }, (_, a) => ({
    streamId: `Batch-${a % streams}`,
    events: Array.from({ length: size }, (_, k) => ({
      eventId: `a${a}-${k}`,
      ...encodedEvent(a * size + k),
      metadata
    }))
  }))

/** (b): one command per call, adding `n` to a counter stream. */
export interface Count {
  readonly streamId: string
  readonly n: number
}

export const commands = (count: number, streams: number): Array<Count> =>
  Array.from({ length: count }, (_, i) => ({ streamId: `Counter-${i % streams}`, n: 1 + (i % 7) }))

/** The decider of (b): a counter. */
export const counter = Decider.make<Count, BenchEvent, number>({
  initialState: 0,
  evolve: (total, event) => (event._tag === "Counted" ? total + event.n : total),
  decide: (command) => Either.right([Counted.make({ n: command.n })])
})

const summaryTypes = new Set<string>(ForumSummary.eventTypes)
const classTypes = new Set<string>(ClassAdvancement.eventTypes)
const supplyTypes = new Set<string>(SupplyChain.eventTypes)

/** The state of (c): the three read models of the domain, folded together. */
const ReadModelsSchema = Schema.Struct({
  summary: ForumSummary.State,
  classes: ClassAdvancement.State,
  supply: SupplyChain.State
})

/** The state of (c): mutable, as a fold's own state may be. */
export type ReadModels = typeof ReadModelsSchema.Type

export const initialReadModels = (): ReadModels => ({
  summary: ForumSummary.initialState(),
  classes: ClassAdvancement.initialState(),
  supply: SupplyChain.initialState()
})

/** The fold of (c), shared by the library and the raw loop: each read model's own `evolve`, one pass. */
export const evolveReadModels = (
  state: ReadModels,
  recorded: RecordedEvent.RecordedEvent<KemitraanEvent.KemitraanEvent>
): ReadModels => {
  if (summaryTypes.has(recorded.type)) ForumSummary.evolve(state.summary, recorded)
  if (classTypes.has(recorded.type)) ClassAdvancement.evolve(state.classes, recorded)
  if (supplyTypes.has(recorded.type)) SupplyChain.evolve(state.supply, recorded)
  return state
}

/** The event types (c) reads: the runner decodes only these. */
const readModelTypes = [
  ...new Set([...ForumSummary.eventTypes, ...ClassAdvancement.eventTypes, ...SupplyChain.eventTypes])
]

/** (c)'s projection: ForumSummary, ClassAdvancement and SupplyChain in one pass over the log. */
export const readModels: Projection.Projection<ReadModels, KemitraanEvent.KemitraanEvent> = Projection.make({
  name: "bench-read-models",
  version: 1,
  catalog: KemitraanEvent.KemitraanEvents,
  eventTypes: readModelTypes,
  initialState: initialReadModels,
  evolve: evolveReadModels,
  stateSchema: ReadModelsSchema
})

/** The read models as the tables they are queried from: what both sides of (c) must agree on. */
export const rowsOf = (state: ReadModels) => ({
  summary: ForumSummary.rows(state.summary),
  classes: ClassAdvancement.rows(state.classes),
  supply: SupplyChain.rows(state.supply)
})
