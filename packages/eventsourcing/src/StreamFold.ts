/**
 * Streams folded incrementally. A stream fold keeps the states of the most recently used streams,
 * one cache per store instance, and brings a stream up to date by reading only the events after
 * the version it holds, in pages. Streams only grow and `evolve` is pure, so a state folded to
 * version n stays the state at version n, and reading the rest of the stream finishes the fold.
 *
 * The command handler keeps the streams it writes this way, so a long stream is not folded again
 * for every command; a decider's look-up of another aggregate (the domain's directory) keeps the
 * streams it reads.
 *
 * ```ts
 * const accounts = StreamFold.make({ catalog: AccountEvents, initialState: 0, evolve: (balance, { event }) => ... })
 * const { state, version } = yield* accounts.load("Account-a")
 * ```
 *
 * @since 0.1.0
 */
import { Effect, Either } from "effect"
import type { EventCatalog } from "./EventCatalog.js"
import { EventStore } from "./EventStore.js"
import type { EventDecodeError, StoreError } from "./EventStoreError.js"
import { Lru } from "./internal/lru.js"
import type { RecordedEvent } from "./RecordedEvent.js"

/** A stream's state folded to a version (0 and the initial state for an empty stream). */
export interface Folded<State> {
  readonly version: number
  readonly state: State
}

/** How a stream fold reads and folds. */
export interface StreamFoldOptions<Event extends { readonly _tag: string }, State> {
  readonly catalog: EventCatalog<Event>
  readonly initialState: State
  /** Folds one event; it must be pure, and may read the event's metadata. */
  readonly evolve: (state: State, recorded: RecordedEvent<Event>) => State
  /** How many streams' states to keep, per store (least recently used go first). 0 keeps none. Default 1,000. */
  readonly capacity?: number | undefined
  /** Events read per round trip. Default 1,000. */
  readonly pageSize?: number | undefined
}

/** Streams folded incrementally, with the states of the most recently used ones kept. */
export interface StreamFold<State> {
  /** The stream's state folded to its last event, reading only the events after the kept version. */
  readonly load: (streamId: string) => Effect.Effect<Folded<State>, StoreError | EventDecodeError, EventStore>
  /**
   * Keeps a state the caller folded itself (after its own append, say), so that the next `load`
   * reads only what came after it. It must be the stream's state at `version`.
   */
  readonly remember: (streamId: string, folded: Folded<State>) => Effect.Effect<void, never, EventStore>
}

/** The default number of streams a fold keeps, per store. */
export const defaultCapacity = 1000

/** Makes a stream fold. */
export const make = <Event extends { readonly _tag: string }, State>(
  options: StreamFoldOptions<Event, State>
): StreamFold<State> => {
  const { catalog, evolve } = options
  const capacity = options.capacity ?? defaultCapacity
  const pageSize = options.pageSize ?? 1000
  const empty: Folded<State> = { version: 0, state: options.initialState }
  // One cache per store instance, so that a fold used with two stores never mixes their streams.
  const caches = new WeakMap<EventStore, Lru<string, Folded<State>>>()
  const cacheOf = (store: EventStore): Lru<string, Folded<State>> => {
    let cache = caches.get(store)
    if (cache === undefined) {
      cache = new Lru(capacity)
      caches.set(store, cache)
    }
    return cache
  }

  const load = (streamId: string) =>
    Effect.gen(function* () {
      const store = yield* EventStore
      const cache = cacheOf(store)
      const kept = cache.get(streamId) ?? empty
      let { state, version } = kept
      while (true) {
        const page = yield* store.readStream(streamId, { fromVersion: version + 1, maxCount: pageSize })
        for (const stored of page) {
          const decoded = catalog.decode(stored)
          if (Either.isLeft(decoded)) return yield* decoded.left
          state = evolve(state, decoded.right)
          version = stored.streamVersion
        }
        if (page.length < pageSize) break
      }
      const folded = version === kept.version ? kept : { version, state }
      cache.set(streamId, folded)
      return folded
    })

  const remember = (streamId: string, folded: Folded<State>) =>
    Effect.map(EventStore, (store) => cacheOf(store).set(streamId, folded))

  return { load, remember }
}
