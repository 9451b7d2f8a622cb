/**
 * A `Directory` for a replay: it keeps each stream's folded state and brings it up to date by
 * reading only the events after the version it holds, like the kernel's command handler does for
 * the stream a command addresses.
 *
 * Why: `Directory.make` folds a whole stream on every look-up. Recording an assessment looks the
 * forum up, and the forum's stream holds every registration and consultation, so a replay of 750
 * assessments folded some two million events (about 25 s in memory). With this directory each event
 * is folded once.
 *
 * It is safe because streams only grow and `evolve` is pure: a state folded to version n stays the
 * state at version n. It holds one state per stream looked up, so it lives as long as one replay.
 *
 * @since 0.1.0
 */
import { Directory, ForumState, KemitraanEvent, Participant } from "@kemitraan/core"
import { EventStore, type EventCatalog } from "@kemitraan/eventsourcing"
import { Effect } from "effect"

interface Folded<S> {
  readonly version: number
  readonly state: S
}

const incremental = <E extends { readonly _tag: string }, S>(
  store: EventStore.EventStore,
  catalog: EventCatalog.EventCatalog<E>,
  initialState: S,
  evolve: (state: S, event: E) => S
) => {
  const folded = new Map<string, Folded<S>>()
  return (streamId: string): Effect.Effect<S, Directory.LookupError> =>
    Effect.gen(function* () {
      const before = folded.get(streamId) ?? { version: 0, state: initialState }
      const events = yield* EventStore.readStreamEvents(catalog, streamId, { fromVersion: before.version + 1 })
      if (events.length === 0) return before.state
      let state = before.state
      for (const recorded of events) state = evolve(state, recorded.event)
      folded.set(streamId, { version: events[events.length - 1]!.streamVersion, state })
      return state
    }).pipe(Effect.provideService(EventStore.EventStore, store))
}

/** A directory over the event store in context that folds each event once. */
export const make: Effect.Effect<Directory.Directory, never, EventStore.EventStore> = Effect.map(
  EventStore.EventStore,
  (store) => {
    const participant = incremental(
      store,
      KemitraanEvent.ParticipantEvents,
      Participant.initialState,
      Participant.evolve
    )
    const forum = incremental(store, KemitraanEvent.ForumEvents, ForumState.initialState, ForumState.evolve)
    return Directory.Directory.of({
      participant: (participantId) => participant(KemitraanEvent.participantStream(participantId)),
      forum: (forumId) => forum(KemitraanEvent.forumStream(forumId))
    })
  }
)
