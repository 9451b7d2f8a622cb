/**
 * Command handling: load a stream, fold it through a decider, decide, append at exactly the version
 * read. A concurrent writer makes the append fail with `WrongExpectedVersion`; the handler then
 * reloads and decides again, under a bounded `Schedule`. Domain errors are never retried.
 *
 * A command id makes a command idempotent: its events carry the id in their metadata and derive
 * their event ids from it, so a repeated command returns the first result and writes nothing,
 * whatever the clock reads and however many handlers race with it: a repeat is recognised by the
 * command id recorded in the stream, never by the events the repeat would write. The events also
 * record a fingerprint of the command, so that the id reused for another command (other fields,
 * another business time, another stream) fails with {@link CommandIdConflict}, naming the id.
 *
 * A command may carry when it happened (`occurredAt`, its business time); the handler reads the
 * clock once per attempt for when it is recorded, passes both to the decider's `decide` (its third
 * argument, `CommandTime.Instants`), and writes both into the events' metadata.
 *
 * @since 0.1.0
 */
import * as Clock from "effect/Clock"
import * as Context from "effect/Context"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Exit from "effect/Exit"
import type * as Fiber from "effect/Fiber"
import * as Schedule from "effect/Schedule"
import * as Schema from "effect/Schema"
import * as CommandTime from "./CommandTime.js"
import type { Decider } from "./Decider.js"
import type { EventCatalog } from "./EventCatalog.js"
import { type AppendResult, EventStore } from "./EventStore.js"
import {
  type AppendError,
  type EventDecodeError,
  type EventEncodeError,
  type StoreError,
  WrongExpectedVersion
} from "./EventStoreError.js"
import { exact } from "./ExpectedVersion.js"
import { fingerprint } from "./internal/fingerprint.js"
import { encodeWith, metadataOf } from "./internal/newEvents.js"
import * as Spans from "./internal/spans.js"
import type { EventToAppend, RecordedEvent } from "./RecordedEvent.js"
import * as StreamFold from "./StreamFold.js"

/** How a command handler finds its stream and retries a lost race. */
export interface CommandHandlerOptions<Command, Event extends { readonly _tag: string }, State, Err, R> {
  readonly decider: Decider<Command, Event, State, Err, R>
  readonly catalog: EventCatalog<Event>
  /** The stream a command addresses. */
  readonly streamId: (command: Command) => string
  /** How often to reload and decide again after `WrongExpectedVersion`. Default: 10 times at once. */
  readonly retry?: Schedule.Schedule<unknown, unknown> | undefined
  /** Events read per round trip while loading a stream. Default 1,000. */
  readonly loadPageSize?: number | undefined
  /**
   * How many streams' states to keep between commands in the store's `StreamFold.Cache` (least
   * recently used go first). A cached stream is brought up to date by reading only the events after
   * its cached version, so a long stream is not folded again for every command. 0 turns the cache
   * off, as does a store without a cache. Default 1,000.
   */
  readonly cacheCapacity?: number | undefined
}

/** Per-call options: the command's id, the ids that tie it to a conversation, when it happened. */
export interface HandleOptions {
  /** Makes a repeated command a no-op that returns the first result. */
  readonly commandId?: string | undefined
  readonly correlationId?: string | undefined
  readonly causationId?: string | undefined
  /** When the command happened (business time). Default: when it is recorded, from the `Clock`. */
  readonly occurredAt?: Date | undefined
  /** Where the command's data came from, recorded in its events' metadata (e.g. "synthetic"). */
  readonly provenance?: string | undefined
}

/** A command id already names another command: other fields, another business time or another stream. */
export class CommandIdConflict extends Schema.TaggedError<CommandIdConflict>(
  "@kemitraan/eventsourcing/CommandIdConflict"
)("CommandIdConflict", { commandId: Schema.String, streamId: Schema.String, existingStreamId: Schema.String }) {
  override get message(): string {
    const where =
      this.existingStreamId === this.streamId
        ? `stream "${this.streamId}"`
        : `stream "${this.existingStreamId}" (this one was for "${this.streamId}")`
    return `command id "${this.commandId}" was already used for another command on ${where}: a resent command must be the same`
  }
}

/** What handling a command produced. */
export interface CommandResult<Event, State> {
  readonly streamId: string
  /** The events the command appended (or, for a repeated command id, appended the first time). */
  readonly events: ReadonlyArray<RecordedEvent<Event>>
  /** The state after those events. */
  readonly state: State
  /** The stream's version after those events. */
  readonly streamVersion: number
  /** True when the command id had been handled before and nothing was written now. */
  readonly alreadyHandled: boolean
}

/** Everything but a domain error that handling a command may fail with. */
export type CommandHandlerError = AppendError | StoreError | EventDecodeError | EventEncodeError | CommandIdConflict

/**
 * Told the state a command left, in the command's own Effect step, with the fiber's context: when
 * the command appended, and the handler had decided on the stream's state at exactly the version
 * it appended after, so that `folded` is the stream's state at the version the append gave. A
 * program that keeps states of its own (a directory of streams, say) keeps this one without an
 * Effect step of its own after the handler's. It must not throw.
 */
export type OnRecorded<State> = (context: Context.Context<never>, folded: StreamFold.Folded<State>) => void

/**
 * A function that handles one command; `onRecorded`, when given, is told the state the command
 * left (see {@link OnRecorded}).
 */
export type CommandHandler<Command, Event, State, Err, R> = (
  command: Command,
  options?: HandleOptions,
  onRecorded?: OnRecorded<State>
) => Effect.Effect<CommandResult<Event, State>, Err | CommandHandlerError, R | EventStore>

/** The default retry policy: decide again at once, at most 10 times. */
export const defaultRetry: Schedule.Schedule<number> = Schedule.recurs(10)

/** How many streams a handler keeps in its cache by default. */
export const defaultCacheCapacity = StreamFold.defaultCapacity

/** The event id of the `index`-th (0-based) event of a command. */
export const eventIdFor = (commandId: string, index: number): string => `${commandId}:${index + 1}`

/** The result of a command with an id, and its fingerprint when its events recorded one. */
interface Handled<Event, State> {
  readonly result: CommandResult<Event, State>
  readonly hash: string | undefined
}

/**
 * The results of one stream's commands with an id, shared by the states the handler keeps of that
 * stream at its successive versions: a state at version n sees the results recorded at n or
 * before, so the record only grows and no state sees a later command. Each result it holds is the
 * stream's own (read from it, or recorded after an append at exactly the version decided on), and
 * a stream has one history, so every state of a stream agrees with it. One `Map` look-up a
 * command, where a persistent map copied part of itself for every command.
 */
class CommandResults<Event, State> {
  private readonly byId = new Map<string, Handled<Event, State>>()

  /** The result of `commandId` as of `version`, if it was recorded by then. */
  at(commandId: string, version: number): Handled<Event, State> | undefined {
    const handled = this.byId.get(commandId)
    return handled !== undefined && handled.result.streamVersion <= version ? handled : undefined
  }

  /** Records a result, unless one that reaches further into the stream is recorded already. */
  add(commandId: string, handled: Handled<Event, State>): void {
    const kept = this.byId.get(commandId)
    if (kept === undefined || kept.result.streamVersion < handled.result.streamVersion)
      this.byId.set(commandId, handled)
  }
}

/** What the handler knows of a stream: its state and the results of its commands with an id. */
interface Known<Event, State> {
  readonly state: State
  readonly handled: CommandResults<Event, State>
}

/** What an attempt decides on: the stream's state read now, kept in the cache, or guessed new. */
type Basis = "read" | "kept" | "guessed"

/** Makes a command handler for one decider. */
export const make = <Command, Event extends { readonly _tag: string }, State, Err, R>(
  options: CommandHandlerOptions<Command, Event, State, Err, R>
): CommandHandler<Command, Event, State, Err, R> => {
  const { catalog, decider } = options
  const retry = options.retry ?? defaultRetry
  // What the handler knows of a new stream.
  // A new stream's record of results, never added to: a stream's first result starts its own.
  const noResults = new CommandResults<Event, State>()
  const unwritten: StreamFold.Folded<Known<Event, State>> = {
    version: 0,
    state: { state: decider.initialState, handled: noResults }
  }
  /** `results` with `handled` recorded for `commandId`: the same record, or a new one for a new stream. */
  const withResult = (results: CommandResults<Event, State>, commandId: string, handled: Handled<Event, State>) => {
    const record = results === noResults ? new CommandResults<Event, State>() : results
    record.add(commandId, handled)
    return record
  }
  // The streams the handler writes, folded incrementally (see `StreamFold`), with the commands
  // their events record, so that a repeated command id is answered from the stream itself.
  const streams = StreamFold.make<Event, Known<Event, State>>({
    catalog,
    capacity: options.cacheCapacity,
    pageSize: options.loadPageSize,
    initialState: unwritten.state,
    evolve: (known, recorded) => {
      const state = decider.evolve(known.state, recorded.event)
      const commandId = recorded.metadata.commandId
      if (commandId === undefined) return { state, handled: known.handled }
      const previous = known.handled.at(commandId, recorded.streamVersion - 1)
      const result: CommandResult<Event, State> = {
        streamId: recorded.streamId,
        events: previous === undefined ? [recorded] : [...previous.result.events, recorded],
        state,
        streamVersion: recorded.streamVersion,
        alreadyHandled: true
      }
      const hash = recorded.metadata.commandHash
      return { state, handled: withResult(known.handled, commandId, { result, hash }) }
    }
  })

  /**
   * After an append with a command id was refused: if another handler (another fiber, another
   * process) recorded the same command meanwhile, its result, read from the stream. The events
   * this attempt decided are not the test: they may carry another instant, so the store sees
   * other content under the same event ids.
   */
  const firstResult = (
    error: AppendError,
    streamId: string,
    commandId: string
  ): Effect.Effect<
    Handled<Event, State> | undefined,
    CommandIdConflict | StoreError | EventDecodeError,
    EventStore
  > => {
    if (error._tag !== "EventIdConflict" || !error.eventId.startsWith(`${commandId}:`)) return Effect.succeed(undefined)
    if (error.existingStreamId !== streamId) {
      return Effect.fail(new CommandIdConflict({ commandId, streamId, existingStreamId: error.existingStreamId }))
    }
    return Effect.map(streams.load(streamId), ({ state, version }) => state.handled.at(commandId, version))
  }

  /** The first result of a repeated command, or {@link CommandIdConflict} when it was another command. */
  const repeated = (
    streamId: string,
    commandId: string,
    previous: Handled<Event, State>,
    hash: string | undefined
  ): Effect.Effect<CommandResult<Event, State>, CommandIdConflict> =>
    previous.hash === undefined || previous.hash === hash
      ? Effect.succeed(previous.result)
      : Effect.fail(new CommandIdConflict({ commandId, streamId, existingStreamId: streamId }))

  /** Everything but a lost race fails a command at once; a lost race is retried under the schedule. */
  const isLostRace = (error: unknown): error is WrongExpectedVersion => error instanceof WrongExpectedVersion

  /**
   * Handles one command in a fiber whose context, clock and decider's answer it reads at once: with
   * a kept state and a decider that answers without running an effect (an `Either`, or an `Exit`
   * such as `Effect.succeed`), the whole first attempt up to the append is this one step, and the
   * append (written in its own step when it finds no other waiting) is followed by one more.
   */
  const handleIn = (
    fiber: Fiber.RuntimeFiber<unknown, unknown>,
    command: Command,
    handleOptions: HandleOptions | undefined,
    onRecorded: OnRecorded<State> | undefined
  ): Effect.Effect<CommandResult<Event, State>, Err | CommandHandlerError, R | EventStore> => {
    const context = fiber.currentContext
    const store = Context.get(context as Context.Context<EventStore>, EventStore)
    const clock = Context.get(fiber.currentDefaultServices, Clock.Clock)
    const streamId = options.streamId(command)
    const commandId = handleOptions?.commandId
    const occurredAt = handleOptions?.occurredAt
    // Only a command with an id can be resent, so only its fingerprint is worth computing.
    const commandHash = commandId === undefined ? undefined : fingerprint(command, occurredAt)

    /** The instants of an attempt: the clock is read once per attempt. */
    const instants = (): CommandTime.Instants => CommandTime.make(new Date(clock.unsafeCurrentTimeMillis()), occurredAt)

    /**
     * Writes what the decider decided on `known` at `version`, a state read now, kept in the cache,
     * or guessed (a stream the cache keeps nothing of, taken for a new one). A decision that writes
     * nothing, or a refusal, on a state not read now is checked against the read state first (a
     * stale state may refuse a command, or find nothing to do, that the current one would not).
     * A wrong guess (the stream was not new) reads at once, outside the retry schedule: it lost no
     * race.
     */
    const write = (
      known: Known<Event, State>,
      version: number,
      basis: Basis,
      time: CommandTime.Instants,
      decided: Either.Either<ReadonlyArray<Event>, Err>
    ): Effect.Effect<CommandResult<Event, State>, Err | CommandHandlerError, R | EventStore> => {
      if (Either.isLeft(decided) || decided.right.length === 0) {
        if (basis !== "read") return attempt(true)
        if (Either.isLeft(decided)) return failed(decided.left)
        return Effect.succeed({
          streamId,
          events: [],
          state: known.state,
          streamVersion: version,
          alreadyHandled: false
        })
      }
      const events = decided.right
      const eventIds = commandId === undefined ? undefined : events.map((_, i) => eventIdFor(commandId, i))
      const toAppend = encodeWith(catalog, streamId, events, eventIds, (schemaVersion) =>
        metadataOf(time, handleOptions, commandHash, schemaVersion)
      )
      if (Either.isLeft(toAppend)) return Effect.fail(toAppend.left)
      return Effect.matchEffect(store.append(streamId, exact(version), toAppend.right), {
        onFailure: (error): Effect.Effect<CommandResult<Event, State>, Err | CommandHandlerError, R | EventStore> => {
          if (basis === "guessed") {
            streams.guessedIn(context, false)
            if (isLostRace(error)) return attempt(true)
          }
          // A lost race is no repeated command (`firstResult` answers it with nothing).
          return commandId === undefined || isLostRace(error)
            ? failed(error)
            : Effect.flatMap(
                firstResult(error, streamId, commandId),
                (first): Effect.Effect<CommandResult<Event, State>, CommandHandlerError> =>
                  first === undefined ? Effect.fail(error) : repeated(streamId, commandId, first, commandHash)
              )
        },
        onSuccess: (result) => {
          // The store wrote nothing: these events (their ids derive from the command id) were
          // appended before, by this command sent earlier. The stream's record of it answers.
          const wrote = result.alreadyAppended !== true || commandId === undefined
          if (basis === "guessed") streams.guessedIn(context, wrote)
          return wrote ? Effect.succeed(recorded(known, version, events, toAppend.right, result)) : attempt(true)
        }
      })
    }

    /** The command's result after its append, kept with the state when nothing came between. */
    const recorded = (
      known: Known<Event, State>,
      version: number,
      events: ReadonlyArray<Event>,
      toAppend: ReadonlyArray<EventToAppend>,
      result: AppendResult
    ): CommandResult<Event, State> => {
      const firstPosition = result.position - events.length + 1
      let state = known.state
      const recordedEvents = events.map((event, i): RecordedEvent<Event> => {
        state = decider.evolve(state, event)
        return {
          eventId: toAppend[i]!.eventId,
          streamId,
          streamVersion: version + i + 1,
          position: firstPosition + i,
          type: event._tag,
          event,
          metadata: toAppend[i]!.metadata
        }
      })
      const handled: CommandResult<Event, State> = {
        streamId,
        events: recordedEvents,
        state,
        streamVersion: result.streamVersion,
        alreadyHandled: false
      }
      if (result.streamVersion === version + events.length) {
        const results =
          commandId === undefined
            ? known.handled
            : withResult(known.handled, commandId, { result: { ...handled, alreadyHandled: true }, hash: commandHash })
        streams.rememberIn(context, streamId, { version: result.streamVersion, state: { state, handled: results } })
        onRecorded?.(context, { version: result.streamVersion, state })
      }
      return handled
    }

    /** One attempt on `folded`: the first result of a repeated command, or a decision written. */
    const attemptOn = (
      folded: StreamFold.Folded<Known<Event, State>>,
      basis: Basis
    ): Effect.Effect<CommandResult<Event, State>, Err | CommandHandlerError, R | EventStore> => {
      const { state: known, version } = folded
      if (commandId !== undefined) {
        const previous = known.handled.at(commandId, version)
        if (previous !== undefined) return repeated(streamId, commandId, previous, commandHash)
      }
      const time = instants()
      const decision = decider.decide(command, known.state, time)
      const decided = immediately(decision)
      if (decided !== undefined) return write(known, version, basis, time, decided)
      return Effect.matchEffect(decision, {
        onFailure: (error) => write(known, version, basis, time, Either.left(error)),
        onSuccess: (events) => write(known, version, basis, time, Either.right(events))
      })
    }

    /**
     * Decides on the stream's state and appends at exactly its version. With `fresh` false it
     * decides without reading on the kept state, or, for a stream the cache keeps nothing of, on a
     * new stream's when the cache's guesses have held (`StreamFold.guessNewIn`): the exact-version
     * append catches a state another writer made stale, or a stream that was not new; an append
     * the store answers as already appended catches a command with an id sent again.
     */
    const attempt = (
      fresh: boolean
    ): Effect.Effect<CommandResult<Event, State>, Err | CommandHandlerError, R | EventStore> => {
      const kept = fresh ? undefined : streams.cachedIn(context, streamId)
      if (kept !== undefined) return attemptOn(kept, "kept")
      // A command with an id resent to a stream it opened passes the store's idempotent-retry
      // check; the append then says so (`alreadyAppended`), and the stream, read, answers it.
      if (!fresh && streams.guessNewIn(context)) return attemptOn(unwritten, "guessed")
      return Effect.flatMap(streams.load(streamId), (folded) => attemptOn(folded, "read"))
    }

    // Whether the lost races of this command are being retried: the first attempt's failures go
    // through `failed`, which retries a lost race, and the retries' failures are answered as they are.
    let retrying = false

    /**
     * Fails with `error`, or, the first time a lost race fails this command, retries it: what an
     * `Effect.catchIf` around the first attempt did, without the Effect step its frame cost every
     * command.
     */
    const failed = (
      error: Err | CommandHandlerError
    ): Effect.Effect<CommandResult<Event, State>, Err | CommandHandlerError, R | EventStore> =>
      !retrying && isLostRace(error) ? retryLost(error) : Effect.fail(error)

    /** After a lost race: reads again and decides again, as often as the schedule allows. */
    const retryLost = (lost: WrongExpectedVersion) =>
      Effect.gen(function* () {
        retrying = true
        const driver = yield* Schedule.driver(retry)
        let error = lost
        while (true) {
          const next = yield* Effect.either(driver.next(error))
          if (Either.isLeft(next)) return yield* error
          const outcome = yield* Effect.either(attempt(true))
          if (Either.isRight(outcome)) return outcome.right
          if (!isLostRace(outcome.left)) return yield* Effect.fail(outcome.left)
          error = outcome.left
        }
      })

    return attempt(false)
  }

  /** {@link handleIn} in a span, its append's figures on it. */
  const spanned = (
    command: Command,
    handleOptions: HandleOptions | undefined,
    onRecorded: OnRecorded<State> | undefined
  ) =>
    Effect.withFiberRuntime((fiber: Fiber.RuntimeFiber<CommandResult<Event, State>, Err | CommandHandlerError>) =>
      handleIn(fiber, command, handleOptions, onRecorded)
    ).pipe(
      Effect.tap((result) =>
        Effect.annotateCurrentSpan({
          [Spans.attribute.eventCount]: result.events.length,
          [Spans.attribute.streamVersion]: result.streamVersion,
          [Spans.attribute.position]: result.events[result.events.length - 1]?.position ?? 0
        })
      ),
      Effect.withSpan(Spans.span.handle, {
        captureStackTrace: false,
        attributes: {
          [Spans.attribute.stream]: options.streamId(command),
          [Spans.attribute.command]: Spans.commandType(command)
        }
      })
    )

  // One span per command, its append's figures on it: a span costs more than the append's
  // bookkeeping, so none is made under Effect's own tracer (see `Spans.traced`).
  return (command, handleOptions, onRecorded) =>
    Effect.withFiberRuntime((fiber) =>
      Spans.isTraced(fiber.currentTracer)
        ? spanned(command, handleOptions, onRecorded)
        : handleIn(fiber, command, handleOptions, onRecorded)
    )
}

/**
 * A decision available without running an effect: an `Either`, or an `Exit` that succeeded or
 * failed with an error (`Effect.succeed`, `Effect.fail` are such); else `undefined`.
 */
const immediately = <A, E, R>(effect: Effect.Effect<A, E, R>): Either.Either<A, E> | undefined => {
  if (isEither(effect)) return effect
  if (!isExit(effect)) return undefined
  if (Exit.isSuccess(effect)) return Either.right(effect.value)
  return effect.cause._tag === "Fail" ? Either.left(effect.cause.error) : undefined
}

const isEither = <A, E, R>(effect: Effect.Effect<A, E, R>): effect is Either.Either<A, E> => Either.isEither(effect)

const isExit = <A, E, R>(effect: Effect.Effect<A, E, R>): effect is Exit.Exit<A, E> => Exit.isExit(effect)
