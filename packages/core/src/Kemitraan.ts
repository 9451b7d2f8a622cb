/**
 * One door to the domain: every command as one schema decodable from JSON, and {@link handle},
 * which sends a command to its aggregate's handler with a `Directory` over the same store. A
 * replay or an API needs nothing else than an `EventStore` layer.
 *
 * @since 0.1.0
 */
import type { CommandHandler, EventStore } from "@kemitraan/eventsourcing"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Schema from "effect/Schema"
import type { ParseResult } from "effect"
import * as Assessment from "./Assessment.js"
import type { AssessmentError } from "./AssessmentError.js"
import * as CommandError from "./CommandError.js"
import type { ConsultationError } from "./ConsultationError.js"
import * as Directory from "./Directory.js"
import * as Forum from "./Forum.js"
import type { ForumError } from "./ForumError.js"
import { commands, isCommandTag, tags } from "./internal/commandTable.js"
import { closest } from "./internal/editDistance.js"
import { issuesOf, kindOf } from "./internal/issues.js"
import type { KemitraanEvent } from "./KemitraanEvent.js"
import * as Participant from "./Participant.js"
import type { ParticipantError } from "./ParticipantError.js"
import type { TimeError } from "./StreamTime.js"

/** Every command of the domain, decodable from JSON by its `_tag`. */
export const Command = Schema.Union(
  Participant.ParticipantCommand,
  Forum.ForumStreamCommand,
  Assessment.AssessmentCommand
)
/** A command of the domain. */
export type Command = typeof Command.Type

/** Every rule a command may break: the typed domain errors. */
export type DomainError = ParticipantError | ForumError | ConsultationError | AssessmentError | TimeError

export {
  /** The input is not a valid command: every failing path, each with one short message. */
  CommandDecodeError,
  /** `_tag` names no command; `closest` is the nearest that does. */
  UnknownCommand
} from "./CommandError.js"

/** Why an input is not a command: {@link CommandDecodeError} or {@link UnknownCommand}. */
export type InputError = CommandError.InputError

const isParticipantCommand = (command: Command): command is Participant.ParticipantCommand =>
  commands[command._tag].aggregate === "Participant"

const isForumCommand = (command: Command): command is Forum.ForumStreamCommand =>
  commands[command._tag].aggregate === "Forum"

/** The state of whichever stream a command addressed. */
export type AnyState = Participant.State | Forum.State | Assessment.State

/** What {@link handle} returns. */
export type Result = CommandHandler.CommandResult<KemitraanEvent, AnyState>

/** What {@link handle} may fail with. */
export type HandleError = DomainError | CommandHandler.CommandHandlerError

/**
 * Handles a command with the handler of its aggregate, which looks other streams up through the
 * `Directory` in context: a program that handles many commands provides one (`Directory.layer`)
 * for them all instead of one a command, as {@link handle} does. A participant or forum command
 * that appended hands the directory the state it left (`Directory.rememberIn`), in the handler's
 * own Effect step (its `onRecorded`), where a step after the handler's took three.
 */
export const route = (
  command: Command,
  options?: CommandHandler.HandleOptions
): Effect.Effect<Result, HandleError, EventStore.EventStore | Directory.Directory> =>
  isParticipantCommand(command)
    ? Participant.handler(command, options, (context, folded) =>
        Directory.rememberIn.participant(context, command.participantId, folded)
      )
    : isForumCommand(command)
      ? Forum.handler(command, options, (context, folded) =>
          Directory.rememberIn.forum(context, command.forumId, folded)
        )
      : Assessment.handler(command, options)

/** Handles a command with the handler of its aggregate, with a `Directory` over the same store. */
export const handle = (
  command: Command,
  options?: CommandHandler.HandleOptions
): Effect.Effect<Result, HandleError, EventStore.EventStore> =>
  Effect.provideServiceEffect(route(command, options), Directory.Directory, Directory.make)

/**
 * Decodes a command from JSON-like input. Never throws. The input's `_tag` picks the one command
 * schema to decode against, so each issue is about that command: its path and one short message.
 * Input that is not an object, or has no string `_tag`, fails with a {@link CommandDecodeError}
 * whose issue is at `[]` or `["_tag"]`; a `_tag` that names no command fails with
 * {@link UnknownCommand}, which names the closest command.
 */
export const decodeCommand = (input: unknown): Either.Either<Command, InputError> => {
  if (typeof input !== "object" || input === null || Array.isArray(input)) {
    const issue = { path: [], message: `expected an object with a _tag naming a command, actual ${kindOf(input)}` }
    return Either.left(new CommandError.CommandDecodeError({ issues: [issue] }))
  }
  // An own property, as the schemas read fields: an inherited `_tag` is no tag.
  const tag: unknown = Object.hasOwn(input, "_tag") ? Reflect.get(input, "_tag") : undefined
  if (typeof tag !== "string") {
    const message =
      tag === undefined ? "is missing: a command names itself with _tag" : `expected a string, actual ${kindOf(tag)}`
    return Either.left(new CommandError.CommandDecodeError({ issues: [{ path: ["_tag"], message }] }))
  }
  if (!isCommandTag(tag)) return Either.left(new CommandError.UnknownCommand({ tag, closest: closest(tag, tags) }))
  // Widened to one signature: each command's decoder yields a `Command`.
  const decode: (input: unknown) => Either.Either<Command, ParseResult.ParseError> = commands[tag].decode
  return Either.mapLeft(
    decode(input),
    (error) => new CommandError.CommandDecodeError({ command: tag, issues: issuesOf(error) })
  )
}

const HandleOptions = Schema.Struct({
  commandId: Schema.optional(Schema.String),
  correlationId: Schema.optional(Schema.String),
  causationId: Schema.optional(Schema.String),
  occurredAt: Schema.optional(Schema.ValidDateFromSelf),
  provenance: Schema.optional(Schema.NonEmptyString)
})
const decodeOptions = Schema.decodeUnknownEither(HandleOptions, { onExcessProperty: "error" })

/**
 * Decodes a command (and its options) from JSON-like input and handles it; bad input writes
 * nothing. It never throws: input that makes decoding throw (a getter that throws, a proxy) fails
 * with {@link CommandDecodeError}, when the effect runs.
 */
export const handleUnknown = (
  input: unknown,
  options?: CommandHandler.HandleOptions
): Effect.Effect<Result, HandleError | InputError, EventStore.EventStore> =>
  // Suspended: the input is looked at when the Effect runs, never when it is built.
  Effect.suspend(() => {
    const decoded = Either.try({
      try: () =>
        Either.all([
          decodeCommand(input),
          Either.mapLeft(
            decodeOptions(options ?? {}),
            (error) => new CommandError.CommandDecodeError({ issues: issuesOf(error) })
          )
        ]),
      catch: (error) =>
        new CommandError.CommandDecodeError({
          issues: [
            {
              path: [],
              message: `the input cannot be read: ${error instanceof Error ? error.message : "reading it threw"}`
            }
          ]
        })
    })
    return Either.isLeft(decoded)
      ? Effect.fail(decoded.left)
      : Effect.flatMap(decoded.right, ([command, checked]) => handle(command, checked))
  })
