/**
 * What a decider may look up outside its own stream. Registering an SME needs the participant's role
 * and profile; recording an assessment needs the consultation and the counterpart's needs from the
 * forum. Both are facts that never change once true (a participant's role is fixed at enrolment, a
 * held consultation stays held, needs are fixed when a counterpart joins), so reading them from
 * another stream before appending cannot be invalidated by a concurrent writer.
 *
 * The store-backed directory folds each event once: it keeps the states of recently looked-up
 * streams and brings one up to date by reading only the events after the version it holds. Streams
 * only grow and `evolve` is pure, so a state folded to version n stays the state at version n.
 *
 * @since 0.1.0
 */
import { EventStore, type EventCatalog, type EventStoreError } from "@kemitraan/eventsourcing"
import { Context, Effect, Layer } from "effect"
import * as ForumState from "./ForumState.js"
import { forumStream, ForumEvents, participantStream, ParticipantEvents } from "./KemitraanEvent.js"
import * as Participant from "./Participant.js"

/** Failures of a look-up: the store's. */
export type LookupError = EventStoreError.StoreError | EventStoreError.EventDecodeError

/** Looks up the current state of other streams. */
export interface Directory {
  /** The state of a participant's stream. */
  readonly participant: (participantId: string) => Effect.Effect<Participant.State, LookupError>
  /** The state of a forum's stream. */
  readonly forum: (forumId: string) => Effect.Effect<ForumState.State, LookupError>
}

/** The directory service tag. */
export const Directory = Context.GenericTag<Directory>("@kemitraan/core/Directory")

/** How many streams of each kind a store-backed directory keeps folded. */
export const cacheCapacity = 10_000

interface Folded<S> {
  readonly version: number
  readonly state: S
}

/** Folds streams of one kind incrementally, keeping the most recently used ones. */
const incremental = <E extends { readonly _tag: string }, S>(
  store: EventStore.EventStore,
  catalog: EventCatalog.EventCatalog<E>,
  initialState: S,
  evolve: (state: S, event: E) => S
) => {
  const folded = new Map<string, Folded<S>>()
  const remember = (streamId: string, entry: Folded<S>): void => {
    folded.delete(streamId)
    folded.set(streamId, entry)
    if (folded.size > cacheCapacity) {
      const oldest = folded.keys().next()
      if (oldest.done !== true) folded.delete(oldest.value)
    }
  }
  return (streamId: string): Effect.Effect<S, LookupError> =>
    Effect.gen(function* () {
      const before = folded.get(streamId) ?? { version: 0, state: initialState }
      const events = yield* EventStore.readStreamEvents(catalog, streamId, { fromVersion: before.version + 1 })
      let state = before.state
      for (const recorded of events) state = evolve(state, recorded.event)
      const last = events[events.length - 1]
      remember(streamId, last === undefined ? before : { version: last.streamVersion, state })
      return state
    }).pipe(Effect.provideService(EventStore.EventStore, store))
}

const build = (store: EventStore.EventStore): Directory => {
  const participant = incremental(store, ParticipantEvents, Participant.initialState, Participant.evolve)
  const forum = incremental(store, ForumEvents, ForumState.initialState, ForumState.evolve)
  return Directory.of({
    participant: (participantId) => participant(participantStream(participantId)),
    forum: (forumId) => forum(forumStream(forumId))
  })
}

// One directory per store instance, so that its folded states are shared by every command handled
// against that store and never mixed between stores.
const directories = new WeakMap<EventStore.EventStore, Directory>()

/** The directory over the event store in context; the same one for every call with the same store. */
export const make: Effect.Effect<Directory, never, EventStore.EventStore> = Effect.map(
  EventStore.EventStore,
  (store) => {
    const known = directories.get(store)
    if (known !== undefined) return known
    const directory = build(store)
    directories.set(store, directory)
    return directory
  }
)

/** The directory over the event store in context. */
export const layer: Layer.Layer<Directory, never, EventStore.EventStore> = Layer.effect(Directory, make)
