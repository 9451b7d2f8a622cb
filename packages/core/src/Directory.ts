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
 * A look-up reads the stream (the events after the state held) so as to see what other processes
 * wrote, unless the caller says what settles its question ({@link Settled}) and the state held
 * already does: a fact that never changes once true stays true however far the stream has moved
 * on. `Kemitraan.route` (and so `handle`) hands the directory the state each participant or forum
 * command of this process leaves ({@link rememberIn}), so that a look-up of a stream this process
 * wrote is mostly answered without a statement.
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

/**
 * Whether a state already answers a look-up for good: what the caller reads of it can no longer
 * change, whatever is appended to the stream after it.
 */
export type Settled<State> = (state: State) => boolean

/**
 * Looks up the current state of other streams. Given `settled`, a look-up may answer with an earlier
 * state that settles it (one held since an earlier look-up or an own write), without reading.
 */
export interface Directory {
  /** The state of a participant's stream. */
  readonly participant: (
    participantId: string,
    settled?: Settled<Participant.State>
  ) => Effect.Effect<Participant.State, LookupError>
  /** The state of a forum's stream. */
  readonly forum: (forumId: string, settled?: Settled<ForumState.State>) => Effect.Effect<ForumState.State, LookupError>
}

/** The directory service tag. */
export const Directory = Context.GenericTag<Directory>("@kemitraan/core/Directory")

/**
 * `f` on the directory in context, found in one Effect step (`Effect.flatMap(Directory, f)` takes
 * three): a decider that looks something up runs it once a command.
 */
export const lookUp = <A, E>(f: (directory: Directory) => Effect.Effect<A, E>): Effect.Effect<A, E, Directory> =>
  Effect.withFiberRuntime<A, E, Directory>((fiber) => f(Context.unsafeGet(fiber.currentContext, Directory)))

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
    // The store and cache are read from the directory's own context, never provided to the
    // look-up: providing a context costs more than most look-ups. The state held is looked at when
    // the look-up is made, not suspended until it runs (two steps fewer): a state that settles the
    // question settles it for good, so it is as true when the look-up runs.
    const stateOf = <S>(
      fold: StreamFold.StreamFold<S>,
      streamId: string,
      settled: Settled<S> | undefined
    ): Effect.Effect<S, LookupError> => {
      const held = settled === undefined ? undefined : fold.cachedIn(context, streamId)
      return held !== undefined && settled?.(held.state) === true
        ? Effect.succeed(held.state)
        : Effect.map(fold.loadIn(context, streamId), (folded) => folded.state)
    }
    return Directory.of({
      participant: (participantId, settled) => stateOf(participants, participantStream(participantId), settled),
      forum: (forumId, settled) => stateOf(forums, forumStream(forumId), settled)
    })
  }
)

/**
 * Hands the store-backed directory a participant's or a forum's state at a version, as a command
 * of this process left it (the handler's result): it must be the stream's state at that version.
 * A later look-up reads only what came after it, or nothing when the state settles the question.
 */
export const remember = {
  participant: (participantId: string, folded: StreamFold.Folded<Participant.State>) =>
    participants.remember(participantStream(participantId), folded),
  forum: (forumId: string, folded: StreamFold.Folded<ForumState.State>) => forums.remember(forumStream(forumId), folded)
}

/**
 * {@link remember} for a caller holding its fiber's context (with the store and its cache): no
 * Effect step.
 */
export const rememberIn = {
  participant: (
    context: Context.Context<never>,
    participantId: string,
    folded: StreamFold.Folded<Participant.State>
  ): void => participants.rememberIn(context, participantStream(participantId), folded),
  forum: (context: Context.Context<never>, forumId: string, folded: StreamFold.Folded<ForumState.State>): void =>
    forums.rememberIn(context, forumStream(forumId), folded)
}

/** The directory over the event store in context. */
export const layer: Layer.Layer<Directory, never, EventStore.EventStore> = Layer.effect(Directory, make)
