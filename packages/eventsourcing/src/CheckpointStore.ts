/**
 * Where projections keep their checkpoints: the last global position folded and the state at that
 * position. `transaction` lets an adapter commit a read model's tables and the checkpoint together,
 * so that a crash never leaves one ahead of the other.
 *
 * @since 0.1.0
 */
import { Context, Effect, Layer, Option, Schema } from "effect"
import type { StoreError } from "./EventStoreError.js"

/** A projection's saved progress. */
export const Checkpoint = Schema.Struct({
  name: Schema.NonEmptyString,
  version: Schema.Int,
  position: Schema.NonNegativeInt,
  /** The projection's state, encoded with its `stateSchema`. */
  state: Schema.Unknown
})

/** A projection's saved progress. */
export type Checkpoint = typeof Checkpoint.Type

/** The service an adapter provides. */
export interface CheckpointStore {
  readonly load: (name: string) => Effect.Effect<Option.Option<Checkpoint>, StoreError>
  readonly save: (checkpoint: Checkpoint) => Effect.Effect<void, StoreError>
  readonly remove: (name: string) => Effect.Effect<void, StoreError>
  /** Runs `effect` in one transaction with the checkpoint writes it makes. */
  readonly transaction: <A, E, R>(effect: Effect.Effect<A, E, R>) => Effect.Effect<A, E | StoreError, R>
}

/** The checkpoint store service tag. */
export const CheckpointStore = Context.GenericTag<CheckpointStore>("@kemitraan/eventsourcing/CheckpointStore")

/** Makes a checkpoint store held in memory. */
export const makeMemory = (): CheckpointStore => {
  const checkpoints = new Map<string, Checkpoint>()
  return {
    load: (name) => Effect.sync(() => Option.fromNullable(checkpoints.get(name))),
    save: (checkpoint) => Effect.sync(() => void checkpoints.set(checkpoint.name, checkpoint)),
    remove: (name) => Effect.sync(() => void checkpoints.delete(name)),
    transaction: (effect) =>
      Effect.suspend(() => {
        const before = new Map(checkpoints)
        return Effect.onError(effect, () =>
          Effect.sync(() => {
            checkpoints.clear()
            for (const [name, checkpoint] of before) checkpoints.set(name, checkpoint)
          })
        )
      })
  }
}

/** A checkpoint store held in memory. */
export const layerMemory: Layer.Layer<CheckpointStore> = Layer.sync(CheckpointStore, makeMemory)
