/**
 * Streams folded incrementally. A stream fold brings a stream up to date by reading only the events
 * after the version it kept, in pages. Streams only grow and `evolve` is pure, so a state folded to
 * version n stays the state at version n, and reading the rest of the stream finishes the fold.
 *
 * The states a fold keeps live in a {@link Cache} service, built over one store by {@link layer}
 * (`EventStore.layerMemory` comes with one), so they last as long as that layer and are never mixed
 * between stores. Without a cache for the store in context a fold keeps nothing and folds every
 * stream from its start.
 *
 * The command handler keeps the streams it writes this way, so a long stream is not folded again
 * for every command; a decider's look-up of another aggregate (the domain's directory) keeps the
 * streams it reads.
 *
 * ```ts
 * const accounts = StreamFold.make({ catalog: AccountEvents, initialState: 0, evolve: (balance, { event }) => ... })
 * const { state, version } = yield* accounts.load("Account-a")
 * // the in-memory and SQL store layers come with a cache; for a store that has none of its own:
 * program.pipe(Effect.provide(Layer.provideMerge(StreamFold.layer, myStoreLayer)))
 * ```
 *
 * @since 0.1.0
 */
import * as Context from "effect/Context"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Layer from "effect/Layer"
import * as Option from "effect/Option"
import type { EventCatalog } from "./EventCatalog.js"
import { EventStore } from "./EventStore.js"
import { validateRead } from "./EventStoreAdapter.js"
import type { EventDecodeError, StoreError } from "./EventStoreError.js"
import { Cache, type CacheOptions, makeCache, type Slot } from "./internal/streamFoldCache.js"
import type { RecordedEvent } from "./RecordedEvent.js"

export {
  /** The states kept by the stream folds that read one store. */
  Cache,
  /** How a cache behaves: whether it guesses that a stream it keeps nothing of is new. */
  type CacheOptions,
  /** Makes an empty cache for the streams of a store. */
  makeCache,
  /** Where a cache files the states of one stream fold. */
  type Slot
}

/** A cache for the store in context, living as long as the layer. */
export const layer: Layer.Layer<Cache, never, EventStore> = Layer.effect(
  Cache,
  Effect.map(EventStore, (store) => makeCache(store))
)

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
  /** How many streams' states to keep, per cache (least recently used go first). 0 keeps none. Default 1,000. */
  readonly capacity?: number | undefined
  /** Events read per round trip: a positive integer. Default 1,000. */
  readonly pageSize?: number | undefined
}

/** Streams folded incrementally, with the states of the most recently used ones kept in the {@link Cache}. */
export interface StreamFold<State> {
  /** The stream's state folded to its last event, reading only the events after the kept version. */
  readonly load: (streamId: string) => Effect.Effect<Folded<State>, StoreError | EventDecodeError, EventStore>
  /** {@link load} for a caller holding a context with the store (and its cache): nothing provided. */
  readonly loadIn: (
    context: Context.Context<EventStore>,
    streamId: string
  ) => Effect.Effect<Folded<State>, StoreError | EventDecodeError>
  /**
   * Keeps a state the caller folded itself (after its own append, say), so that the next `load`
   * reads only what came after it. It must be the stream's state at `version`.
   */
  readonly remember: (streamId: string, folded: Folded<State>) => Effect.Effect<void, never, EventStore>
  /**
   * The state kept for a stream, without reading: current unless another writer (another process)
   * appended to the stream since; a caller that acts on it must check the version it acts at
   * (an append at exactly that version does).
   */
  readonly cached: (streamId: string) => Effect.Effect<Folded<State> | undefined, never, EventStore>
  /** {@link cached} for a caller holding its fiber's context: no Effect step. */
  readonly cachedIn: (context: Context.Context<never>, streamId: string) => Folded<State> | undefined
  /** {@link remember} for a caller holding its fiber's context: no Effect step. */
  readonly rememberIn: (context: Context.Context<never>, streamId: string, folded: Folded<State>) => void
  /**
   * Whether to take a stream the cache keeps nothing of for a new one, without reading (see
   * `Cache.guessNew`): a caller that does must act at version 0 with an exact-version append, and
   * say with {@link guessedIn} whether the stream was new. False without a cache.
   */
  readonly guessNewIn: (context: Context.Context<never>) => boolean
  /** Tells the cache whether a stream taken for a new one was new. */
  readonly guessedIn: (context: Context.Context<never>, held: boolean) => void
}

/** The default number of streams a fold keeps, per cache. */
export const defaultCapacity = 1000

/** Makes a stream fold. */
export const make = <Event extends { readonly _tag: string }, State>(
  options: StreamFoldOptions<Event, State>
): StreamFold<State> => {
  const { catalog, evolve } = options
  const pageSize = options.pageSize ?? 1000
  const capacity = options.capacity ?? defaultCapacity
  const slot: Slot<State> = { capacity }
  const empty: Folded<State> = { version: 0, state: options.initialState }
  // Checked at every load, not at `make`, so that a bad option fails typed instead of throwing: a
  // page size of 0 would otherwise read empty pages forever.
  const checked = validateRead("load a stream fold", { capacity }, { pageSize })

  const loadIn = (context: Context.Context<EventStore>, streamId: string) =>
    Effect.gen(function* () {
      yield* checked
      const store = Context.get(context, EventStore)
      const cache = cacheIn(context)
      const kept = cache === undefined ? empty : (cache.get(slot, streamId) ?? empty)
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
      cache?.set(slot, streamId, folded)
      return folded
    })

  const load = (streamId: string) =>
    Effect.flatMap(Effect.context<EventStore>(), (context) => loadIn(context, streamId))

  /** The cache in `context`, if there is one and it was built over the store in `context`. */
  const cacheIn = (context: Context.Context<never>): Cache | undefined => {
    const cache = Context.getOption(context, Cache)
    if (Option.isNone(cache)) return undefined
    const store = Context.getOption(context, EventStore)
    return Option.isSome(store) && cache.value.store === store.value ? cache.value : undefined
  }

  const rememberIn = (context: Context.Context<never>, streamId: string, folded: Folded<State>) => {
    cacheIn(context)?.set(slot, streamId, folded)
  }

  const cachedIn = (context: Context.Context<never>, streamId: string) => cacheIn(context)?.get(slot, streamId)

  // One step each: the context is read once, and the store and cache taken from it.
  const remember = (streamId: string, folded: Folded<State>) =>
    Effect.contextWith((context: Context.Context<EventStore>) => rememberIn(context, streamId, folded))

  const cached = (streamId: string) =>
    Effect.contextWith((context: Context.Context<EventStore>) => cachedIn(context, streamId))

  const guessNewIn = (context: Context.Context<never>) => cacheIn(context)?.guessNew(slot) ?? false

  const guessedIn = (context: Context.Context<never>, held: boolean) => {
    cacheIn(context)?.guessed(slot, held)
  }

  return { load, loadIn, remember, cached, cachedIn, rememberIn, guessNewIn, guessedIn }
}
