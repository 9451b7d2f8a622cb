/**
 * Runs projections against the event store: catch up from the stored checkpoint, rebuild from
 * position 0, or compute a projection as of any global position.
 *
 * The runner reads the log in pages, folds each page with the projection's plain `evolve`, and
 * commits the state with its checkpoint in one `CheckpointStore.transaction`, together with
 * whatever an adapter's `onCommit` writes (a read model's tables).
 *
 * @since 0.1.0
 */
import { Clock, Effect, Either, Option, ParseResult } from "effect"
import { CheckpointStore } from "./CheckpointStore.js"
import { EventStore, defaultPageSize } from "./EventStore.js"
import { type EventDecodeError, InvalidStoreRequest, StoreFailure, type StoreError } from "./EventStoreError.js"
import type { Projection, ProjectionState } from "./Projection.js"
import type { StoredEvent } from "./RecordedEvent.js"

/** Options of a catch-up. */
export interface CatchUpOptions<State, R = never> {
  /** Events fetched per page. Default {@link defaultPageSize}. */
  readonly pageSize?: number | undefined
  /** Commit a checkpoint once at least this many events were read since the last one. Default 10,000. */
  readonly commitEvery?: number | undefined
  /**
   * The largest share of a run's time its commits may take, from 0 (exclusive) to 1. Default 0.1.
   * After a commit that took `t` (by the `Clock`), the next one waits until `t × (1 − share) / share`
   * has passed, however many events that is: a large state (a whole read model saved with every
   * checkpoint) is then saved less often instead of dominating a rebuild. 1 commits at every
   * `commitEvery`. The last commit of a run is never put off.
   */
  readonly maxCommitShare?: number | undefined
  /** Stop after this global position (inclusive). Default: the end of the log. */
  readonly until?: number | undefined
  /** Written in the same transaction as each checkpoint: a read model's tables, say. */
  readonly onCommit?: ((progress: ProjectionState<State>) => Effect.Effect<void, StoreError, R>) | undefined
  /** Run in the same transaction that clears the checkpoint before a rebuild. */
  readonly onReset?: Effect.Effect<void, StoreError, R> | undefined
}

/** Failures of a projection run. */
export type ProjectionError = StoreError | EventDecodeError

/**
 * Folds a batch of stored events into a state: skips types the projection does not read, decodes
 * the others once, and returns the state and the last position seen.
 */
export const foldStored = <State, Event extends { readonly _tag: string }>(
  projection: Projection<State, Event>,
  from: ProjectionState<State>,
  events: ReadonlyArray<StoredEvent>
): Either.Either<ProjectionState<State>, EventDecodeError> => {
  const wanted = projection.eventTypes === undefined ? undefined : new Set<string>(projection.eventTypes)
  let state = from.state
  let position = from.position
  for (const stored of events) {
    position = stored.position
    if (wanted !== undefined && !wanted.has(stored.type)) continue
    const decoded = projection.catalog.decode(stored)
    if (Either.isLeft(decoded)) return Either.left(decoded.left)
    state = projection.evolve(state, decoded.right)
  }
  return Either.right({ state, position })
}

const fresh = <State>(projection: { readonly initialState: () => State }): ProjectionState<State> => ({
  state: projection.initialState(),
  position: 0
})

const foldPages = <State, Event extends { readonly _tag: string }, R>(
  store: EventStore,
  projection: Projection<State, Event>,
  start: ProjectionState<State>,
  options: CatchUpOptions<State, R> | undefined,
  commit: (progress: ProjectionState<State>) => Effect.Effect<void, ProjectionError, R>
): Effect.Effect<ProjectionState<State>, ProjectionError, R> =>
  Effect.gen(function* () {
    const pageSize = options?.pageSize ?? defaultPageSize
    const commitEvery = options?.commitEvery ?? 10_000
    const until = options?.until ?? Number.MAX_SAFE_INTEGER
    const share = options?.maxCommitShare ?? 0.1
    if (!(share > 0 && share <= 1)) {
      return yield* new InvalidStoreRequest({
        operation: `catch-up of projection "${projection.name}"`,
        reason: `maxCommitShare must be more than 0 and at most 1, got ${share}`
      })
    }
    let progress = start
    let committed = start.position
    /** When the next commit may run, by the `Clock`: later the longer the last one took. */
    let nextCommitAt = Number.NEGATIVE_INFINITY
    while (progress.position < until) {
      const limit = Math.min(pageSize, until - progress.position)
      const page = yield* store.readAllPage(progress.position, limit)
      const inRange =
        page.length > 0 && page[page.length - 1]!.position > until ? page.filter((e) => e.position <= until) : page
      const folded = foldStored(projection, progress, inRange)
      if (Either.isLeft(folded)) return yield* folded.left
      progress = folded.right
      const began = progress.position - committed >= commitEvery ? yield* Clock.currentTimeMillis : undefined
      if (began !== undefined && began >= nextCommitAt) {
        yield* commit(progress)
        const ended = yield* Clock.currentTimeMillis
        nextCommitAt = ended + ((ended - began) * (1 - share)) / share
        committed = progress.position
      }
      // A short page is the end of the log; an event past `until` is the end of the range (positions
      // may have gaps, so the next page could hold nothing in range and the loop would never end).
      if (page.length < limit || inRange.length < page.length) break
    }
    if (progress.position !== committed) yield* commit(progress)
    return progress
  })

const encodeState = <State, Event extends { readonly _tag: string }>(
  projection: Projection<State, Event>,
  state: State
) =>
  Effect.mapError(
    projection.stateCodec.encode(state),
    (error) =>
      new StoreFailure({
        operation: `checkpoint of projection "${projection.name}"`,
        reason: `the state does not encode: ${ParseResult.TreeFormatter.formatErrorSync(error)}`
      })
  )

/** Loads the checkpoint of a projection, or a fresh state when there is none or its version differs. */
export const restore = <State, Event extends { readonly _tag: string }>(
  projection: Projection<State, Event>
): Effect.Effect<ProjectionState<State>, StoreError, CheckpointStore> =>
  Effect.gen(function* () {
    const checkpoints = yield* CheckpointStore
    const saved = yield* checkpoints.load(projection.name)
    if (Option.isNone(saved) || saved.value.version !== projection.version) return fresh(projection)
    const state = projection.stateCodec.decode(saved.value.state)
    if (Either.isLeft(state)) {
      yield* Effect.logWarning(
        `projection "${projection.name}": the saved state no longer decodes; rebuilding from position 0`
      )
      return fresh(projection)
    }
    return { state: state.right, position: saved.value.position }
  })

/**
 * Catches a projection up with the log: from its checkpoint (or from 0 when there is none, or when
 * the projection's version changed), committing state and checkpoint as it goes.
 */
export const catchUp = <State, Event extends { readonly _tag: string }, R = never>(
  projection: Projection<State, Event>,
  options?: CatchUpOptions<State, R>
): Effect.Effect<ProjectionState<State>, ProjectionError, EventStore | CheckpointStore | R> =>
  Effect.gen(function* () {
    const store = yield* EventStore
    const checkpoints = yield* CheckpointStore
    const saved = yield* checkpoints.load(projection.name)
    const versionChanged = Option.isSome(saved) && saved.value.version !== projection.version
    if (versionChanged && options?.onReset !== undefined) {
      yield* checkpoints.transaction(Effect.zipRight(options.onReset, checkpoints.remove(projection.name)))
    }
    const start = yield* restore(projection)
    const commit = (progress: ProjectionState<State>) =>
      checkpoints.transaction(
        Effect.gen(function* () {
          if (options?.onCommit !== undefined) yield* options.onCommit(progress)
          const state = yield* encodeState(projection, progress.state)
          yield* checkpoints.save({
            name: projection.name,
            version: projection.version,
            position: progress.position,
            state
          })
        })
      )
    return yield* foldPages(store, projection, start, options, commit)
  })

/** Forgets a projection's checkpoint (and, through `onReset`, its read model), then catches up from 0. */
export const rebuild = <State, Event extends { readonly _tag: string }, R = never>(
  projection: Projection<State, Event>,
  options?: CatchUpOptions<State, R>
): Effect.Effect<ProjectionState<State>, ProjectionError, EventStore | CheckpointStore | R> =>
  Effect.gen(function* () {
    const checkpoints = yield* CheckpointStore
    yield* checkpoints.transaction(
      options?.onReset === undefined
        ? checkpoints.remove(projection.name)
        : Effect.zipRight(options.onReset, checkpoints.remove(projection.name))
    )
    return yield* catchUp(projection, options)
  })

/**
 * The projection as it stood at global position `position` (inclusive), folded from 0. Reads and
 * writes no checkpoint.
 */
export const asOf = <State, Event extends { readonly _tag: string }>(
  projection: Projection<State, Event>,
  position: number,
  options?: { readonly pageSize?: number | undefined }
): Effect.Effect<ProjectionState<State>, ProjectionError, EventStore> =>
  Effect.flatMap(EventStore, (store) =>
    foldPages(store, projection, fresh(projection), { pageSize: options?.pageSize, until: position }, () => Effect.void)
  )

/** The projection over the whole log, folded from 0 in memory, without checkpoints. */
export const run = <State, Event extends { readonly _tag: string }>(
  projection: Projection<State, Event>,
  options?: { readonly pageSize?: number | undefined }
): Effect.Effect<ProjectionState<State>, ProjectionError, EventStore> =>
  Effect.flatMap(EventStore, (store) =>
    foldPages(store, projection, fresh(projection), { pageSize: options?.pageSize }, () => Effect.void)
  )
