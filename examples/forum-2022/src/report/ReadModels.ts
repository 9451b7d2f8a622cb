/**
 * The read models the report reads: the forum summary, class advancement and supply-chain
 * integration of `@kemitraan/core`, folded from the store by the kernel's `ProjectionRunner`.
 *
 * `catchUp` keeps checkpoints (in SQLite, in the `checkpoints` table of the same file) and accepts
 * per-projection options, so that a table sink (`onCommit` / `onReset`) writes each read model's
 * tables in the transaction of its checkpoint. `asOf` folds them as they stood at an earlier
 * position of the log, without checkpoints: time travel.
 *
 * @since 0.1.0
 */
import { ClassAdvancement, ForumSummary, SupplyChain } from "@kemitraan/core"
import { type CheckpointStore, type EventStore, type Projection, ProjectionRunner } from "@kemitraan/eventsourcing"
import { Effect } from "effect"

/** The three read models, folded to the same position. */
export interface ReadModels {
  readonly summary: ForumSummary.State
  readonly classAdvancement: ClassAdvancement.State
  readonly supplyChain: SupplyChain.State
  /** The global position of the log they are folded to. */
  readonly position: number
}

/** Catch-up options per read model: where a table sink plugs in. */
export interface Sinks<R = never> {
  readonly summary?: ProjectionRunner.CatchUpOptions<ForumSummary.State, R> | undefined
  readonly classAdvancement?: ProjectionRunner.CatchUpOptions<ClassAdvancement.State, R> | undefined
  readonly supplyChain?: ProjectionRunner.CatchUpOptions<SupplyChain.State, R> | undefined
}

const combine = (folded: {
  readonly summary: Projection.ProjectionState<ForumSummary.State>
  readonly classAdvancement: Projection.ProjectionState<ClassAdvancement.State>
  readonly supplyChain: Projection.ProjectionState<SupplyChain.State>
}): ReadModels => ({
  summary: folded.summary.state,
  classAdvancement: folded.classAdvancement.state,
  supplyChain: folded.supplyChain.state,
  position: Math.min(folded.summary.position, folded.classAdvancement.position, folded.supplyChain.position)
})

/** Catches the three read models up with the log, from their checkpoints. */
export const catchUp = <R = never>(
  sinks?: Sinks<R>
): Effect.Effect<
  ReadModels,
  ProjectionRunner.ProjectionError,
  EventStore.EventStore | CheckpointStore.CheckpointStore | R
> =>
  Effect.map(
    Effect.all({
      summary: ProjectionRunner.catchUp(ForumSummary.projection, sinks?.summary),
      classAdvancement: ProjectionRunner.catchUp(ClassAdvancement.projection, sinks?.classAdvancement),
      supplyChain: ProjectionRunner.catchUp(SupplyChain.projection, sinks?.supplyChain)
    }),
    combine
  )

/** The three read models as they stood at a global position (inclusive), folded from the start. */
export const asOf = (
  position: number
): Effect.Effect<ReadModels, ProjectionRunner.ProjectionError, EventStore.EventStore> =>
  Effect.map(
    Effect.all({
      summary: ProjectionRunner.asOf(ForumSummary.projection, position),
      classAdvancement: ProjectionRunner.asOf(ClassAdvancement.projection, position),
      supplyChain: ProjectionRunner.asOf(SupplyChain.projection, position)
    }),
    combine
  )
