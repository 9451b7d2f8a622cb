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
import { Effect, Either } from "effect"
import { EventStore, defaultPageSize } from "./EventStore.js"
import { type EventDecodeError, InvalidStoreRequest, type StoreError } from "./EventStoreError.js"
import type { Projection, ProjectionState } from "./Projection.js"
import type { StoredEvent } from "./RecordedEvent.js"

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

const foldPages = <State, Event extends { readonly _tag: string }>(
  store: EventStore,
  projection: Projection<State, Event>,
  options: { readonly pageSize?: number | undefined; readonly until?: number | undefined }
): Effect.Effect<ProjectionState<State>, ProjectionError> =>
  Effect.gen(function* () {
    const pageSize = options.pageSize ?? defaultPageSize
    const until = options.until ?? Number.MAX_SAFE_INTEGER
    if (!Number.isSafeInteger(pageSize) || pageSize <= 0) {
      return yield* new InvalidStoreRequest({
        operation: `fold of projection "${projection.name}"`,
        reason: `pageSize must be a positive integer, got ${pageSize}`
      })
    }
    let progress = fresh(projection)
    while (progress.position < until) {
      const limit = Math.min(pageSize, until - progress.position)
      const page = yield* store.readAllPage(progress.position, limit)
      const inRange =
        page.length > 0 && page[page.length - 1]!.position > until ? page.filter((e) => e.position <= until) : page
      const folded = foldStored(projection, progress, inRange)
      if (Either.isLeft(folded)) return yield* folded.left
      progress = folded.right
      // A short page is the end of the log; an event past `until` is the end of the range.
      if (page.length < limit || inRange.length < page.length) break
    }
    return progress
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
  Effect.flatMap(EventStore, (store) => foldPages(store, projection, { pageSize: options?.pageSize, until: position }))

/** The projection over the whole log, folded from 0 in memory, without checkpoints. */
export const run = <State, Event extends { readonly _tag: string }>(
  projection: Projection<State, Event>,
  options?: { readonly pageSize?: number | undefined }
): Effect.Effect<ProjectionState<State>, ProjectionError, EventStore> =>
  Effect.flatMap(EventStore, (store) => foldPages(store, projection, { pageSize: options?.pageSize }))
