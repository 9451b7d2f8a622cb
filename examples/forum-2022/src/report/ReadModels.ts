/**
 * The read models the report reads: the forum summary, class advancement and supply-chain
 * integration of `@kemitraan/core`, as tables. `catchUp` brings the store's tables (in SQLite, the
 * tables of the same file, each model with its checkpoint) up to the log; `asOf` folds them as they
 * stood at an earlier position into memory: time travel. Either way, {@link gather} reads what the
 * report shows of one forum, so that the report itself is plain formatting.
 *
 * @since 0.1.0
 */
import { ClassAdvancement, ForumSummary, type KemitraanEvent, Provenance, SupplyChain } from "@kemitraan/core"
import {
  type EventStore,
  type EventStoreError,
  type ReadModel,
  ReadModelRunner,
  ReadModelStore
} from "@kemitraan/eventsourcing"
import { Effect } from "effect"

/** The core's three read models of a forum, and the provenance of the events (which tables rest on synthetic detail). */
export const all: ReadonlyArray<ReadModel.ReadModel<KemitraanEvent.KemitraanEvent>> = [
  ForumSummary.readModel,
  ClassAdvancement.readModel,
  SupplyChain.readModel,
  Provenance.readModel
]

/** What the report shows of one forum, read from the tables at one position of the log. */
export interface ReadModels {
  /** The global position of the log the tables show. */
  readonly position: number
  readonly summary: ForumSummary.Summary | undefined
  readonly funnel: SupplyChain.Funnel
  readonly byCounterpart: ReadonlyArray<SupplyChain.FunnelGroup>
  readonly byCategory: ReadonlyArray<SupplyChain.FunnelGroup>
  /** By the KBLI section of the SMEs' sectors. */
  readonly bySector: ReadonlyArray<SupplyChain.FunnelGroup>
  /** By the counterparts' kind (BUMN, Usaha Besar, BUMD). */
  readonly byCounterpartKind: ReadonlyArray<SupplyChain.FunnelGroup>
  /** Legal names of the counterparts in `byCounterpart`, null when unknown. */
  readonly counterpartNames: ReadonlyMap<string, string | null>
  readonly cohort: ClassAdvancement.CohortReport | undefined
  /** Distinct SMEs of the forum with at least one assessment. */
  readonly assessedSmes: number
  /** The store's events by type and provenance: what marks a table as resting on synthetic detail. */
  readonly provenance: ReadonlyArray<Provenance.ProvenanceRow>
}

/** Reads what the report shows of a forum from the tables in context. */
export const gather = (
  forumId: string,
  position: number
): Effect.Effect<ReadModels, EventStoreError.StoreError, ReadModelStore.ReadModelStore> =>
  Effect.gen(function* () {
    const byCounterpart = yield* SupplyChain.funnelBy("counterpart", { forumId })
    const names = yield* Effect.forEach(byCounterpart, (group) =>
      group.key === null
        ? Effect.succeed([group.key, null] as const)
        : Effect.map(SupplyChain.counterpartName(group.key), (name) => [group.key, name] as const)
    )
    const summary = yield* ForumSummary.summary(forumId)
    return {
      position,
      summary,
      funnel: yield* SupplyChain.funnel({ forumId }),
      byCounterpart,
      byCategory: yield* SupplyChain.funnelBy("category", { forumId }),
      bySector: yield* SupplyChain.funnelBy("sector", { forumId }),
      byCounterpartKind: yield* SupplyChain.funnelBy("counterpartKind", { forumId }),
      counterpartNames: new Map(names.flatMap(([key, name]) => (key === null ? [] : [[key, name] as const]))),
      cohort: yield* ClassAdvancement.cohort(forumId),
      assessedSmes: summary?.smesAssessed ?? 0,
      provenance: yield* Provenance.counts
    }
  })

/** Creates the tables of the read models (if missing) and catches them up with the log. */
export const catchUp = (
  forumId: string
): Effect.Effect<ReadModels, ReadModelRunner.ReadModelError, EventStore.EventStore | ReadModelStore.ReadModelStore> =>
  Effect.gen(function* () {
    yield* ReadModelStore.createTables(all)
    const positions = yield* Effect.forEach(all, (model) => ReadModelRunner.catchUp(model))
    return yield* gather(forumId, Math.min(...positions.map((progress) => progress.position)))
  })

/** The read models as they stood at a global position (inclusive), folded from the start into memory. */
export const asOf = (
  forumId: string,
  position: number
): Effect.Effect<ReadModels, ReadModelRunner.ReadModelError, EventStore.EventStore> =>
  Effect.gen(function* () {
    const into = ReadModelStore.makeMemory()
    yield* Effect.forEach(all, (model) => ReadModelRunner.asOf(model, position, { into }), { discard: true })
    return yield* Effect.provideService(gather(forumId, position), ReadModelStore.ReadModelStore, into)
  })
