/**
 * The work both sides of the benchmark do: the same events, the same commands, the same fold.
 * Everything here is built before a clock starts.
 */
import { Either, Schema } from "effect"
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

/** The state of the stand-in projection of (c). */
const TotalsSchema = Schema.Struct({
  total: Schema.Number,
  notes: Schema.Number,
  perStream: Schema.mutable(Schema.Record({ key: Schema.String, value: Schema.Number }))
}).pipe(Schema.mutable)

/** The state of the stand-in projection of (c): mutable, as a fold's own state may be. */
export type Totals = typeof TotalsSchema.Type

/** The fold of (c), shared by the library and the raw loop: plain, mutating its own state. */
export const evolveTotals = (state: Totals, streamId: string, event: BenchEvent): Totals => {
  switch (event._tag) {
    case "Counted":
      state.total += event.n
      state.perStream[streamId] = (state.perStream[streamId] ?? 0) + event.n
      break
    case "Noted":
      state.notes++
      break
    case "Renamed":
      break
  }
  return state
}

export const initialTotals = (): Totals => ({ total: 0, notes: 0, perStream: {} })

/** (c)'s stand-in projection, until the domain's projections exist. */
export const totals: Projection.Projection<Totals, BenchEvent> = Projection.make({
  name: "bench-totals",
  version: 1,
  catalog: Catalog,
  initialState: initialTotals,
  evolve: (state: Totals, recorded: RecordedEvent.RecordedEvent<BenchEvent>) =>
    evolveTotals(state, recorded.streamId, recorded.event),
  stateSchema: TotalsSchema
})
