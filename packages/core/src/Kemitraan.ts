/**
 * One door to the domain: every command as one schema decodable from JSON, and {@link handle},
 * which sends a command to its aggregate's handler with a `Directory` over the same store. A
 * replay or an API needs nothing else than an `EventStore` layer.
 *
 * @since 0.1.0
 */
import type { CommandHandler, EventStore } from "@kemitraan/eventsourcing"
import { Effect, Either, ParseResult, Schema } from "effect"
import * as Assessment from "./Assessment.js"
import type { AssessmentError } from "./AssessmentError.js"
import type { ConsultationError } from "./ConsultationError.js"
import * as Directory from "./Directory.js"
import * as Forum from "./Forum.js"
import type { ForumError } from "./ForumError.js"
import type { KemitraanEvent } from "./KemitraanEvent.js"
import * as Participant from "./Participant.js"
import type { ParticipantError } from "./ParticipantError.js"
import type { TimeWentBackwards } from "./StreamTime.js"

/** Every command of the domain, decodable from JSON by its `_tag`. */
export const Command = Schema.Union(
  Participant.ParticipantCommand,
  Forum.ForumStreamCommand,
  Assessment.AssessmentCommand
)
/** A command of the domain. */
export type Command = typeof Command.Type

/** Every rule a command may break: the typed domain errors. */
export type DomainError = ParticipantError | ForumError | ConsultationError | AssessmentError | TimeWentBackwards

/** A command did not decode: `reason` names the field and what was wrong with it. Nothing was written. */
export class CommandDecodeError extends Schema.TaggedError<CommandDecodeError>("@kemitraan/core/CommandDecodeError")(
  "CommandDecodeError",
  { reason: Schema.String }
) {
  override get message(): string {
    return `the command does not decode: ${this.reason}`
  }
}

/** Which aggregate handles each command. */
const owners: Record<Command["_tag"], "Participant" | "Forum" | "Assessment"> = {
  EnrolSme: "Participant",
  EnrolCounterpart: "Participant",
  ReportBusinessFigures: "Participant",
  CorrectBusinessFigures: "Participant",
  Formalise: "Participant",
  ScheduleForum: "Forum",
  JoinCounterpart: "Forum",
  RegisterSme: "Forum",
  RecordObserver: "Forum",
  OpenForum: "Forum",
  CloseForum: "Forum",
  AnnounceResults: "Forum",
  RequestConsultation: "Forum",
  ScheduleConsultation: "Forum",
  RecordConsultationHeld: "Forum",
  RecordNoShow: "Forum",
  CancelConsultation: "Forum",
  RecordAssessment: "Assessment",
  RegisterVendor: "Assessment",
  AwardContract: "Assessment",
  AcceptDelivery: "Assessment",
  CloseWithoutDeal: "Assessment"
}

const isParticipantCommand = (command: Command): command is Participant.ParticipantCommand =>
  owners[command._tag] === "Participant"

const isForumCommand = (command: Command): command is Forum.ForumStreamCommand => owners[command._tag] === "Forum"

/** The state of whichever stream a command addressed. */
export type AnyState = Participant.State | Forum.State | Assessment.State

/** What {@link handle} returns. */
export type Result = CommandHandler.CommandResult<KemitraanEvent, AnyState>

/** What {@link handle} may fail with. */
export type HandleError = DomainError | CommandHandler.CommandHandlerError

/** Handles a command with the handler of its aggregate. */
export const handle = (
  command: Command,
  options?: CommandHandler.HandleOptions
): Effect.Effect<Result, HandleError, EventStore.EventStore> => {
  const handled: Effect.Effect<Result, HandleError, EventStore.EventStore | Directory.Directory> = isParticipantCommand(
    command
  )
    ? Participant.handler(command, options)
    : isForumCommand(command)
      ? Forum.handler(command, options)
      : Assessment.handler(command, options)
  return Effect.provideServiceEffect(handled, Directory.Directory, Directory.make)
}

const decodeEither = Schema.decodeUnknownEither(Command, { errors: "all", onExcessProperty: "error" })

/** Decodes a command from JSON-like input; the error names each field that is wrong. */
export const decodeCommand = (input: unknown): Either.Either<Command, CommandDecodeError> =>
  Either.mapLeft(
    decodeEither(input),
    (error) => new CommandDecodeError({ reason: ParseResult.TreeFormatter.formatErrorSync(error) })
  )

const HandleOptions = Schema.Struct({
  commandId: Schema.optional(Schema.String),
  correlationId: Schema.optional(Schema.String),
  causationId: Schema.optional(Schema.String)
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
): Effect.Effect<Result, HandleError | CommandDecodeError, EventStore.EventStore> =>
  Effect.suspend(() => {
    const decoded = Either.try({
      try: () =>
        Either.all([
          decodeCommand(input),
          Either.mapLeft(
            decodeOptions(options ?? {}),
            (error) => new CommandDecodeError({ reason: ParseResult.TreeFormatter.formatErrorSync(error) })
          )
        ]),
      catch: (error) =>
        new CommandDecodeError({
          reason: `the input cannot be read: ${error instanceof Error ? error.message : "reading it threw"}`
        })
    })
    return Either.isLeft(decoded)
      ? Effect.fail(decoded.left)
      : Effect.flatMap(decoded.right, ([command, checked]) => handle(command, checked))
  })
