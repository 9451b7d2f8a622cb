/**
 * The work both sides of the benchmark do: the same events, the same commands, the same fold (the
 * domain's three read models, in one pass; the log of (c) is `programme.ts`).
 * Everything here is built before a clock starts.
 */
import * as Either from "effect/Either"
import * as Schema from "effect/Schema"
import * as ClassAdvancement from "@kemitraan/core/ClassAdvancement"
import * as ForumSummary from "@kemitraan/core/ForumSummary"
import * as KemitraanEvent from "@kemitraan/core/KemitraanEvent"
import * as SupplyChain from "@kemitraan/core/SupplyChain"
import { Decider, EventCatalog, ReadModel, type RecordedEvent } from "@kemitraan/eventsourcing"

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

/** The domain's three read models, each folding only its own event types. */
const models = [ForumSummary.readModel, ClassAdvancement.readModel, SupplyChain.readModel].map((model) => ({
  model,
  types: new Set<string>(model.eventTypes)
}))

type Recorded = RecordedEvent.RecordedEvent<KemitraanEvent.KemitraanEvent>

/**
 * The fold of (c), shared by the library and the raw loop: each read model's own `evolve`, for the
 * events of its types, in one pass.
 */
export const evolveAll = (rows: ReadModel.Rows, recorded: Recorded): void => {
  for (const { model, types } of models) if (types.has(recorded.type)) model.evolve(rows, recorded)
}

/** The look-ups of the models that fold the event: most events are one model's, whose list is answered as it is. */
const lookupsAll = (recorded: Recorded): ReadonlyArray<ReadModel.Lookup> => {
  let all: ReadonlyArray<ReadModel.Lookup> = []
  for (const { model, types } of models) {
    if (!types.has(recorded.type) || model.lookups === undefined) continue
    const lookups = model.lookups(recorded)
    all = all.length === 0 ? lookups : [...all, ...lookups]
  }
  return all
}

/**
 * (c)'s read model: ForumSummary, ClassAdvancement and SupplyChain as one, so that a rebuild reads
 * the log once, as the raw side does. Its tables are theirs (no two share a name); a rebuild writes
 * the same rows as the three rebuilt one by one.
 */
export const readModels = ReadModel.make({
  name: "bench-read-models",
  version: 1,
  catalog: KemitraanEvent.KemitraanEvents,
  eventTypes: [...new Set(models.flatMap(({ model }) => model.eventTypes ?? []))],
  tables: models.flatMap(({ model }) => model.tables),
  lookups: lookupsAll,
  evolve: evolveAll
})
