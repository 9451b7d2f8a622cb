/**
 * The core's read models as SQLite tables that a person can query with the `sqlite3` shell: the
 * forum summary (`forum_*`), class advancement (naik kelas, `class_*`) and supply-chain integration
 * (`supply_*`). Each read model's sink plugs into the kernel's `ProjectionRunner.catchUp`: at every
 * commit it replaces the tables' rows with those of the projection's state, in the same
 * `BEGIN IMMEDIATE` transaction as the projection's checkpoint, so the tables and the checkpoint
 * never disagree; a rebuild empties the tables in the transaction that forgets the checkpoint, then
 * replays the log.
 *
 * ```ts
 * import { SqliteReadModels, SqliteStore } from "@kemitraan/sqlite"
 * await Effect.runPromise(
 *   SqliteReadModels.catchUpAll().pipe(Effect.provide(SqliteStore.layer({ filename: "kemitraan.sqlite" })))
 * )
 * ```
 *
 * The tables' columns are the fields of the core's row schemas (`ForumSummary.ForumRow`, ...) in
 * snake case; `docs/sqlite-read-models.md` shows the schema and useful queries.
 *
 * @since 0.1.0
 */
import { SqlClient } from "@effect/sql"
import { Effect, Option } from "effect"
import { ClassAdvancement, ForumSummary, SupplyChain } from "@kemitraan/core"
import {
  CheckpointStore,
  type EventStore,
  type EventStoreError,
  type Projection,
  ProjectionRunner
} from "@kemitraan/eventsourcing"
import * as ReadModelSink from "./internal/readModelSink.js"
import * as Tables from "./internal/readModelTables.js"

/** A projection of the core with the SQLite tables that show it. */
export type ReadModel<State, Rows> = ReadModelSink.ReadModel<State, Rows>

/** The forum summary: tables `forum_summary`, `forum_potential`, `forum_province`. */
export const forumSummary: ReadModel<ForumSummary.State, ForumSummary.Rows> = {
  projection: ForumSummary.projection,
  rows: ForumSummary.rows,
  tables: [
    ReadModelSink.bind(Tables.forumSummary, (rows: ForumSummary.Rows) => rows.forums),
    ReadModelSink.bind(Tables.forumPotential, (rows: ForumSummary.Rows) => rows.potential),
    ReadModelSink.bind(Tables.forumProvince, (rows: ForumSummary.Rows) => rows.provinces)
  ]
}

/** Class advancement: tables `class_year`, `class_participant`, `class_cohort`, `class_transition`. */
export const classAdvancement: ReadModel<ClassAdvancement.State, ClassAdvancement.Rows> = {
  projection: ClassAdvancement.projection,
  rows: ClassAdvancement.rows,
  tables: [
    ReadModelSink.bind(Tables.classYear, (rows: ClassAdvancement.Rows) => rows.years),
    ReadModelSink.bind(Tables.classParticipant, (rows: ClassAdvancement.Rows) => rows.participants),
    ReadModelSink.bind(Tables.classCohort, (rows: ClassAdvancement.Rows) => rows.cohorts),
    ReadModelSink.bind(Tables.classTransition, (rows: ClassAdvancement.Rows) => rows.transitions)
  ]
}

/** Supply-chain integration: tables `supply_engagement`, `supply_pair`, `supply_funnel`. */
export const supplyChain: ReadModel<SupplyChain.State, SupplyChain.Rows> = {
  projection: SupplyChain.projection,
  rows: SupplyChain.rows,
  tables: [
    ReadModelSink.bind(Tables.supplyEngagement, (rows: SupplyChain.Rows) => rows.engagements),
    ReadModelSink.bind(Tables.supplyPair, (rows: SupplyChain.Rows) => rows.pairs),
    ReadModelSink.bind(Tables.supplyFunnel, (rows: SupplyChain.Rows) => rows.funnels)
  ]
}

/** The failures of writing or reading a read model's tables. */
export type StoreError = EventStoreError.StoreError

/** The options of `ProjectionRunner.catchUp` that write a read model's tables. */
export interface Sink<State, R = SqlClient.SqlClient> {
  /** Replaces the tables' rows with the state's, in the transaction of the checkpoint. */
  readonly onCommit: (progress: Projection.ProjectionState<State>) => Effect.Effect<void, StoreError, R>
  /** Empties the tables, in the transaction that forgets the checkpoint. */
  readonly onReset: Effect.Effect<void, StoreError, R>
}

/** The sink of a read model, for `ProjectionRunner.catchUp(model.projection, sink(model))`. */
export const sink = <State, Rows>(model: ReadModel<State, Rows>): Sink<State> => ({
  onCommit: (progress) => ReadModelSink.write(model, progress),
  onReset: ReadModelSink.reset(model)
})

/** How often a catch-up reads and commits. */
export interface CatchUpOptions {
  /** Events fetched per page. */
  readonly pageSize?: number | undefined
  /** Commit (tables and checkpoint) once at least this many events were read since the last commit. */
  readonly commitEvery?: number | undefined
  /**
   * The largest share of the time commits may take (default 0.1): each commit rewrites the tables
   * and saves the whole state, so a large read model commits less often than `commitEvery`.
   * See `ProjectionRunner.CatchUpOptions`.
   */
  readonly maxCommitShare?: number | undefined
}

/** What a catch-up or a rebuild needs: the log, the checkpoints, and the client the tables are written with. */
export type Requirements = EventStore.EventStore | CheckpointStore.CheckpointStore | SqlClient.SqlClient

/**
 * Writes the tables from the checkpoint when they show another position: a catch-up without the
 * sink (`ProjectionRunner.catchUp(projection)`) moved the checkpoint on and left them behind.
 */
const align = <State, Rows>(
  model: ReadModel<State, Rows>
): Effect.Effect<void, StoreError, CheckpointStore.CheckpointStore | SqlClient.SqlClient> =>
  Effect.gen(function* () {
    const checkpoints = yield* CheckpointStore.CheckpointStore
    const { name, version } = model.projection
    const behind = Effect.gen(function* () {
      const saved = yield* checkpoints.load(name)
      if (Option.isNone(saved) || saved.value.version !== version) return false
      const tables = yield* ReadModelSink.shown(model)
      return Option.isNone(tables) || tables.value.version !== version || tables.value.position !== saved.value.position
    })
    if (!(yield* behind)) return
    // Again under the write lock: another process may have caught up in between.
    yield* checkpoints.transaction(
      Effect.gen(function* () {
        if (yield* behind) yield* ReadModelSink.write(model, yield* ProjectionRunner.restore(model.projection))
      })
    )
  })

/** Catches a read model up with the log, from its checkpoint, writing its tables at each commit. */
export const catchUp = <State, Rows>(
  model: ReadModel<State, Rows>,
  options?: CatchUpOptions
): Effect.Effect<Projection.ProjectionState<State>, ProjectionRunner.ProjectionError, Requirements> =>
  Effect.zipRight(align(model), ProjectionRunner.catchUp(model.projection, { ...options, ...sink(model) }))

/** Empties a read model's tables and forgets its checkpoint, then replays the log into them. */
export const rebuild = <State, Rows>(
  model: ReadModel<State, Rows>,
  options?: CatchUpOptions
): Effect.Effect<Projection.ProjectionState<State>, ProjectionRunner.ProjectionError, Requirements> =>
  ProjectionRunner.rebuild(model.projection, { ...options, ...sink(model) })

/** The three read models' states after a catch-up or a rebuild, each with the position it is folded to. */
export interface Caught {
  readonly summary: Projection.ProjectionState<ForumSummary.State>
  readonly classAdvancement: Projection.ProjectionState<ClassAdvancement.State>
  readonly supplyChain: Projection.ProjectionState<SupplyChain.State>
}

const eachModel = (
  run: <State, Rows>(
    model: ReadModel<State, Rows>,
    options?: CatchUpOptions
  ) => Effect.Effect<Projection.ProjectionState<State>, ProjectionRunner.ProjectionError, Requirements>,
  options: CatchUpOptions | undefined
): Effect.Effect<Caught, ProjectionRunner.ProjectionError, Requirements> =>
  Effect.all({
    summary: run(forumSummary, options),
    classAdvancement: run(classAdvancement, options),
    supplyChain: run(supplyChain, options)
  })

/** Catches the three read models up with the log, one after the other, writing their tables. */
export const catchUpAll = (
  options?: CatchUpOptions
): Effect.Effect<Caught, ProjectionRunner.ProjectionError, Requirements> => eachModel(catchUp, options)

/** Rebuilds the three read models' tables from the whole log, one after the other. */
export const rebuildAll = (
  options?: CatchUpOptions
): Effect.Effect<Caught, ProjectionRunner.ProjectionError, Requirements> => eachModel(rebuild, options)

/** The three sinks, bound to one client: catch-up options for code that runs the projections itself. */
export interface Sinks {
  readonly summary: Sink<ForumSummary.State, never>
  readonly classAdvancement: Sink<ClassAdvancement.State, never>
  readonly supplyChain: Sink<SupplyChain.State, never>
}

const bound = <State>(given: Sink<State>, sql: SqlClient.SqlClient): Sink<State, never> => ({
  onCommit: (progress) => Effect.provideService(given.onCommit(progress), SqlClient.SqlClient, sql),
  onReset: Effect.provideService(given.onReset, SqlClient.SqlClient, sql)
})

/**
 * The sinks of the three read models on the `SqlClient` in context, for
 * `ProjectionRunner.catchUp(ForumSummary.projection, sinks.summary)` and the like.
 */
export const sinks: Effect.Effect<Sinks, never, SqlClient.SqlClient> = Effect.map(SqlClient.SqlClient, (sql) => ({
  summary: bound(sink(forumSummary), sql),
  classAdvancement: bound(sink(classAdvancement), sql),
  supplyChain: bound(sink(supplyChain), sql)
}))

/** The rows a read model's tables hold, decoded with the core's row schemas, each table ordered by its key. */
export const readForumSummary: Effect.Effect<ForumSummary.Rows, StoreError, SqlClient.SqlClient> = Effect.all({
  forums: ReadModelSink.readTable(Tables.forumSummary),
  potential: ReadModelSink.readTable(Tables.forumPotential),
  provinces: ReadModelSink.readTable(Tables.forumProvince)
})

/** The rows of the class-advancement tables, decoded, each table ordered by its key. */
export const readClassAdvancement: Effect.Effect<ClassAdvancement.Rows, StoreError, SqlClient.SqlClient> = Effect.all({
  years: ReadModelSink.readTable(Tables.classYear),
  participants: ReadModelSink.readTable(Tables.classParticipant),
  cohorts: ReadModelSink.readTable(Tables.classCohort),
  transitions: ReadModelSink.readTable(Tables.classTransition)
})

/** The rows of the supply-chain tables, decoded, each table ordered by its key. */
export const readSupplyChain: Effect.Effect<SupplyChain.Rows, StoreError, SqlClient.SqlClient> = Effect.all({
  engagements: ReadModelSink.readTable(Tables.supplyEngagement),
  pairs: ReadModelSink.readTable(Tables.supplyPair),
  funnels: ReadModelSink.readTable(Tables.supplyFunnel)
})

/** The names of every read-model table, as the migration creates them. */
export const tables: ReadonlyArray<string> = Tables.all.map((table) => table.name)
