/**
 * What a decider may look up outside its own stream. Registering an SME needs the participant's role
 * and profile; recording an assessment needs the consultation and the counterpart's needs from the
 * forum. Both are facts that never change once true (a participant's role is fixed at enrolment, a
 * held consultation stays held, needs are fixed when a counterpart joins), so reading them from
 * another stream before appending cannot be invalidated by a concurrent writer.
 *
 * @since 0.1.0
 */
import { Decider, EventStore, type EventStoreError } from "@kemitraan/eventsourcing"
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

/** A directory that folds streams read from the event store. */
export const make: Effect.Effect<Directory, never, EventStore.EventStore> = Effect.map(
  EventStore.EventStore,
  (store) => {
    const provide = Effect.provideService(EventStore.EventStore, store)
    return Directory.of({
      participant: (participantId) =>
        EventStore.readStreamEvents(ParticipantEvents, participantStream(participantId)).pipe(
          Effect.map((events) =>
            Decider.fold(
              Participant.decider,
              events.map((recorded) => recorded.event)
            )
          ),
          provide
        ),
      forum: (forumId) =>
        EventStore.readStreamEvents(ForumEvents, forumStream(forumId)).pipe(
          Effect.map((events) =>
            Decider.fold(
              { initialState: ForumState.initialState, evolve: ForumState.evolve },
              events.map((recorded) => recorded.event)
            )
          ),
          provide
        )
    })
  }
)

/** The directory over the event store in context. */
export const layer: Layer.Layer<Directory, never, EventStore.EventStore> = Layer.effect(Directory, make)
