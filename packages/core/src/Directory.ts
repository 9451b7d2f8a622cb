/**
 * What a decider may look up outside its own stream. Registering an SME needs the participant's role
 * and profile; recording an assessment needs the consultation and the counterpart's needs from the
 * forum. Both are facts that never change once true (a participant's role is fixed at enrolment, a
 * held consultation stays held, needs are fixed when a counterpart joins), so reading them from
 * another stream before appending cannot be invalidated by a concurrent writer.
 *
 * The store-backed directory folds each event once: its streams are folded incrementally by the
 * kernel's `StreamFold`, which keeps the states of recently looked-up streams in the store's
 * `StreamFold.Cache` and brings one up to date by reading only the events after the version it holds.
 *
 * @since 0.1.0
 */
import { type EventStore, type EventStoreError, StreamFold } from "@kemitraan/eventsourcing"
import * as Context from "effect/Context"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
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

/** How many streams of each kind a store-backed directory keeps folded, per cache. */
export const cacheCapacity = 10_000

const participants = StreamFold.make({
  catalog: ParticipantEvents,
  initialState: Participant.initialState,
  evolve: (state: Participant.State, recorded) => Participant.evolve(state, recorded.event),
  capacity: cacheCapacity
})

const forums = StreamFold.make({
  catalog: ForumEvents,
  initialState: ForumState.initialState,
  evolve: (state: ForumState.State, recorded) => ForumState.evolve(state, recorded.event),
  capacity: cacheCapacity
})

/**
 * The directory over the event store in context. Its look-ups read that store, through the
 * `StreamFold.Cache` in context when there is one, so every command handled against the store shares
 * the states they keep.
 */
export const make: Effect.Effect<Directory, never, EventStore.EventStore> = Effect.map(
  Effect.context<EventStore.EventStore>(),
  (context) => {
    const stateOf = <S>(fold: StreamFold.StreamFold<S>, streamId: string) =>
      Effect.provide(
        Effect.map(fold.load(streamId), (folded) => folded.state),
        context
      )
    return Directory.of({
      participant: (participantId) => stateOf(participants, participantStream(participantId)),
      forum: (forumId) => stateOf(forums, forumStream(forumId))
    })
  }
)

/** The directory over the event store in context. */
export const layer: Layer.Layer<Directory, never, EventStore.EventStore> = Layer.effect(Directory, make)
