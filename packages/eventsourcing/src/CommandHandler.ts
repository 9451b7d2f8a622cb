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
 * clock once per attempt for when it is recorded, gives the decider both through `CommandTime`, and
 * writes both into the events' metadata.
 *
 * @since 0.1.0
 */
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as HashMap from "effect/HashMap"
import * as Option from "effect/Option"
import * as Schedule from "effect/Schedule"
import * as Schema from "effect/Schema"
import * as CommandTime from "./CommandTime.js"
import type { Decider } from "./Decider.js"
import type { EventCatalog } from "./EventCatalog.js"
import { encodeAll, EventStore, metadataAt } from "./EventStore.js"
import {
  type AppendError,
  type EventDecodeError,
  type EventEncodeError,
  type StoreError,
  WrongExpectedVersion
} from "./EventStoreError.js"
import { exact } from "./ExpectedVersion.js"
import { fingerprint } from "./internal/fingerprint.js"
import * as Spans from "./internal/spans.js"
import type { RecordedEvent } from "./RecordedEvent.js"
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

/** A function that handles one command. */
export type CommandHandler<Command, Event, State, Err, R> = (
  command: Command,
  options?: HandleOptions
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

/** What the handler knows of a stream: its state and the results of its commands with an id. */
interface Known<Event, State> {
  readonly state: State
  readonly handled: HashMap.HashMap<string, Handled<Event, State>>
}

/** Makes a command handler for one decider. */
export const make = <Command, Event extends { readonly _tag: string }, State, Err, R>(
  options: CommandHandlerOptions<Command, Event, State, Err, R>
): CommandHandler<Command, Event, State, Err, R> => {
  const { catalog, decider } = options
  const retry = options.retry ?? defaultRetry
  // The streams the handler writes, folded incrementally (see `StreamFold`), with the commands
  // their events record, so that a repeated command id is answered from the stream itself.
  const streams = StreamFold.make<Event, Known<Event, State>>({
    catalog,
    capacity: options.cacheCapacity,
    pageSize: options.loadPageSize,
    initialState: { state: decider.initialState, handled: HashMap.empty() },
    evolve: (known, recorded) => {
      const state = decider.evolve(known.state, recorded.event)
      const commandId = recorded.metadata.commandId
      if (commandId === undefined) return { state, handled: known.handled }
      const previous = Option.getOrUndefined(HashMap.get(known.handled, commandId))
      const result: CommandResult<Event, State> = {
        streamId: recorded.streamId,
        events: previous === undefined ? [recorded] : [...previous.result.events, recorded],
        state,
        streamVersion: recorded.streamVersion,
        alreadyHandled: true
      }
      const hash = recorded.metadata.commandHash
      return { state, handled: HashMap.set(known.handled, commandId, { result, hash }) }
    }
  })

  /** Keeps the state after a successful append, with the command's result when it has an id. */
  const remember = (
    streamId: string,
    before: Known<Event, State>,
    result: CommandResult<Event, State>,
    commandId: string | undefined,
    hash: string | undefined
  ) => {
    const handled =
      commandId === undefined
        ? before.handled
        : HashMap.set(before.handled, commandId, { result: { ...result, alreadyHandled: true }, hash })
    return streams.remember(streamId, { version: result.streamVersion, state: { state: result.state, handled } })
  }

  /**
   * After an append with a command id was refused: if another handler (another fiber, another
   * process) recorded the same command meanwhile, its result, read from the stream. The events
   * this attempt decided are not the test: they may carry another instant, so the store sees
   * other content under the same event ids.
   */
  const firstResult = (error: AppendError, streamId: string, commandId: string) => {
    if (error._tag !== "EventIdConflict" || !error.eventId.startsWith(`${commandId}:`)) return Effect.succeed(undefined)
    if (error.existingStreamId !== streamId) {
      return Effect.fail(new CommandIdConflict({ commandId, streamId, existingStreamId: error.existingStreamId }))
    }
    return Effect.map(streams.load(streamId), ({ state }) =>
      Option.getOrUndefined(HashMap.get(state.handled, commandId))
    )
  }

  /** The first result of a repeated command, or {@link CommandIdConflict} when it was another command. */
  const repeated = (streamId: string, commandId: string, previous: Handled<Event, State>, hash: string | undefined) =>
    previous.hash === undefined || previous.hash === hash
      ? Effect.succeed(previous.result)
      : Effect.fail(new CommandIdConflict({ commandId, streamId, existingStreamId: streamId }))

  /** Everything but a lost race fails a command at once; a lost race is retried under the schedule. */
  const isLostRace = (error: unknown): error is WrongExpectedVersion => error instanceof WrongExpectedVersion

  return (command, handleOptions) =>
    Effect.gen(function* () {
      const store = yield* EventStore
      const streamId = options.streamId(command)
      const commandId = handleOptions?.commandId
      // Only a command with an id can be resent, so only its fingerprint is worth computing.
      const commandHash = commandId === undefined ? undefined : fingerprint(command, handleOptions?.occurredAt)

      /**
       * Decides on the stream's state and appends at exactly its version. With `fresh` false it
       * decides on the kept state without reading: the exact-version append catches a state
       * another writer made stale. A decision that writes nothing is checked against the read
       * state first (a stale state may refuse a command, or find nothing to do, that the current
       * one would not).
       */
      const attempt = (
        fresh: boolean
      ): Effect.Effect<CommandResult<Event, State>, Err | CommandHandlerError, R | EventStore> =>
        Effect.gen(function* () {
          const kept = fresh ? undefined : yield* streams.cached(streamId)
          const { state: known, version } = kept ?? (yield* streams.load(streamId))
          if (commandId !== undefined) {
            const previous = Option.getOrUndefined(HashMap.get(known.handled, commandId))
            if (previous !== undefined) return yield* repeated(streamId, commandId, previous, commandHash)
          }
          const time = yield* CommandTime.at(handleOptions?.occurredAt)
          const decided = yield* Effect.either(
            Effect.provideService(decider.decide(command, known.state), CommandTime.CommandTime, Option.some(time))
          )
          if (Either.isLeft(decided) || decided.right.length === 0) {
            if (kept !== undefined) return yield* attempt(true)
            if (Either.isLeft(decided)) return yield* Effect.fail(decided.left)
            return { streamId, events: [], state: known.state, streamVersion: version, alreadyHandled: false }
          }
          const events = decided.right
          const metadata = metadataAt(time, { ...handleOptions, commandHash })
          const eventIds = commandId === undefined ? undefined : events.map((_, i) => eventIdFor(commandId, i))
          const toAppend = yield* encodeAll(catalog, streamId, events, metadata, eventIds)
          const appended = yield* Effect.either(store.append(streamId, exact(version), toAppend))
          if (Either.isLeft(appended)) {
            if (commandId !== undefined) {
              const first = yield* firstResult(appended.left, streamId, commandId)
              if (first !== undefined) return yield* repeated(streamId, commandId, first, commandHash)
            }
            return yield* appended.left
          }
          const result = appended.right
          const firstPosition = result.position - events.length + 1
          let state = known.state
          const recorded = events.map((event, i): RecordedEvent<Event> => {
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
            events: recorded,
            state,
            streamVersion: result.streamVersion,
            alreadyHandled: false
          }
          if (result.streamVersion === version + events.length) {
            yield* remember(streamId, known, handled, commandId, commandHash)
          }
          return handled
        })

      /** After a lost race: reads again and decides again, as often as the schedule allows. */
      const retryLost = (lost: WrongExpectedVersion) =>
        Effect.gen(function* () {
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

      return yield* Effect.catchIf(attempt(false), isLostRace, retryLost)
    }).pipe((handle) =>
      // One span per command, its append's figures on it: a span costs more than the append's
      // bookkeeping, so none is made under Effect's own tracer (see `Spans.traced`).
      Spans.traced(handle, (inSpan) =>
        inSpan.pipe(
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
      )
    )
}
