/**
 * What `report` shows, read once and then formatted (text, JSON, CSV or HTML): the read models of
 * one forum at a point of the log or of business time, the participants and potential by
 * province, and, for the forum of 24 November 2022, the reconciliation with its published figures.
 *
 * - now: the store's read-model tables, caught up with the log first;
 * - `--position N`: the read models as they stood after the N-th event of the log;
 * - `--as-of DATE`: as they stood by business time, folding only the events whose `occurredAt` is
 *   at or before the end of that day (in WIB, UTC+07:00), whatever order they were recorded in.
 *
 * @since 0.1.0
 */
import { Directory, ForumSummary, Province, Rupiah, SupplyChain } from "@kemitraan/core"
import { EventStore, ReadModelRunner, ReadModelStore } from "@kemitraan/eventsourcing"
import { Dataset, type DatasetError, dataDir, ReadModels, Reconciliation } from "@kemitraan/example-forum-2022"
import { Effect, Option } from "effect"
import { UsageError } from "./Errors.js"

/** Which state of the read models a report shows. */
export type PointInTime =
  | { readonly _tag: "Now" }
  | { readonly _tag: "Position"; readonly position: number }
  | { readonly _tag: "BusinessTime"; readonly date: string; readonly until: Date }

/** A province's participants and the potential of their assessments. */
export interface ProvinceRow {
  readonly code: string
  readonly name: string
  readonly smes: number
  /** Exact rupiah. */
  readonly potential: Rupiah.Total
}

/** The reconciliation with the published figures, for the forum the sources describe. */
export interface ReconciliationData {
  readonly checks: ReadonlyArray<Reconciliation.Check>
  readonly reconciled: boolean
}

/** Everything a report shows. */
export interface ReportData {
  readonly forumId: string
  readonly title: string | null
  /** The store as the user named it. */
  readonly store: string
  readonly pointInTime: PointInTime
  /** The log position the read models show. */
  readonly position: number
  readonly models: ReadModels.ReadModels
  readonly provinces: ReadonlyArray<ProvinceRow>
  readonly reconciliation: ReconciliationData | null
}

/** Parses `--as-of`: a date `YYYY-MM-DD` (through the end of that day in WIB) or an ISO-8601 instant. */
export const parseAsOf = (text: string): Option.Option<PointInTime> => {
  const date = /^\d{4}-\d{2}-\d{2}$/.test(text) ? Date.parse(`${text}T23:59:59.999+07:00`) : Date.parse(text)
  return Number.isNaN(date) ? Option.none() : Option.some({ _tag: "BusinessTime", date: text, until: new Date(date) })
}

/** The read models at the point asked for: the store's own tables, or a fold into memory. */
const readModelsAt = (pointInTime: PointInTime) =>
  Effect.gen(function* () {
    if (pointInTime._tag === "Now") {
      yield* ReadModelStore.createTables(ReadModels.all)
      const progress = yield* Effect.forEach(ReadModels.all, (model) => ReadModelRunner.catchUp(model))
      return { store: yield* ReadModelStore.ReadModelStore, position: Math.min(...progress.map((p) => p.position)) }
    }
    const into = ReadModelStore.makeMemory()
    const until = pointInTime._tag === "Position" ? pointInTime.position : Number.MAX_SAFE_INTEGER
    const include =
      pointInTime._tag === "BusinessTime"
        ? (event: { readonly metadata: { readonly occurredAt: Date } }) =>
            event.metadata.occurredAt.getTime() <= pointInTime.until.getTime()
        : undefined
    yield* Effect.forEach(ReadModels.all, (model) => ReadModelRunner.asOf(model, until, { into, include }), {
      discard: true
    })
    const head = yield* Effect.flatMap(EventStore.EventStore, (events) => events.headPosition)
    return { store: into, position: Math.min(until, head) }
  })

const pickForum = (forumId: string | undefined) =>
  Effect.gen(function* () {
    const summaries = yield* ForumSummary.summaries
    if (forumId !== undefined) {
      if (summaries.some((summary) => summary.forumId === forumId)) return forumId
      return yield* new UsageError({
        reason: `no forum ${forumId} in the store; it has ${summaries.map((s) => s.forumId).join(", ") || "none"}`
      })
    }
    const [only, ...others] = summaries
    if (only === undefined) return yield* new UsageError({ reason: "the store has no forum: replay or import first" })
    if (others.length > 0) {
      return yield* new UsageError({
        reason: `the store has ${summaries.length} forums (${summaries.map((s) => s.forumId).join(", ")}): choose one with --forum`
      })
    }
    return only.forumId
  })

const provincesOf = (models: ReadModels.ReadModels, potential: ReadonlyArray<SupplyChain.FunnelGroup>) => {
  const potentialBy = new Map(potential.map((group) => [group.key, group.funnel.potentialValue]))
  return (models.summary?.smesByProvince ?? []).map((entry): ProvinceRow => ({
    code: entry.province,
    name: Province.name(entry.province),
    smes: entry.smes,
    potential: potentialBy.get(entry.province) ?? Rupiah.zeroTotal
  }))
}

/** The reconciliation, when the forum is the one of 24 November 2022 whose figures are published. */
const reconciliationOf = (forumId: string, models: ReadModels.ReadModels) =>
  Effect.gen(function* () {
    const dataset = yield* Dataset.load(dataDir)
    if (dataset.forum.id !== forumId) return null
    const forum = yield* Effect.flatMap(Directory.make, (directory) => directory.forum(forumId))
    const checks = Reconciliation.reconcile(
      Reconciliation.expectedOf(dataset),
      Reconciliation.replayedOf(forum, models)
    )
    return { checks, reconciled: Reconciliation.isReconciled(checks) }
  })

/** Reads what a report shows. */
export const gather = (options: {
  readonly store: string
  readonly pointInTime: PointInTime
  readonly forumId?: string | undefined
}): Effect.Effect<ReportData, GatherError, Requirements> =>
  Effect.gen(function* () {
    const { position, store } = yield* readModelsAt(options.pointInTime)
    const read = Effect.gen(function* () {
      const forumId = yield* pickForum(options.forumId)
      const models = yield* ReadModels.gather(forumId, position)
      const potential = yield* SupplyChain.funnelBy("province", { forumId })
      return { forumId, models, provinces: provincesOf(models, potential) }
    })
    const { forumId, models, provinces } = yield* Effect.provideService(read, ReadModelStore.ReadModelStore, store)
    const reconciliation = yield* reconciliationOf(forumId, models)
    const data: ReportData = {
      forumId,
      title: models.summary?.title ?? null,
      store: options.store,
      pointInTime: options.pointInTime,
      position,
      models,
      provinces,
      reconciliation
    }
    return data
  })

/** What {@link gather} needs: the stores. */
export type Requirements = EventStore.EventStore | ReadModelStore.ReadModelStore

/** Why {@link gather} fails. */
export type GatherError = ReadModelRunner.ReadModelError | UsageError | DatasetError.DatasetError
