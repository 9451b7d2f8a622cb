/**
 * The forum aggregate: scheduled (title, date, venue, organiser, co-organisers), counterparts join
 * with their needs, SMEs register, observers attend, opened, closed, results announced.
 * Stream: `Forum-<forumId>`, which also holds the forum's consultations: {@link decider} decides
 * both forum and consultation commands, so that every rule about who may meet whom is checked inside
 * one consistency boundary.
 *
 * Registering an SME and joining a counterpart look the participant up through the `Directory`
 * (its role and profile), a fact fixed at enrolment.
 *
 * @since 0.1.0
 */
import { CommandHandler, type CommandTime, Decider } from "@kemitraan/eventsourcing"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as HashMap from "effect/HashMap"
import * as Schema from "effect/Schema"
import { CalendarDate } from "./CalendarDate.js"
import * as Consultation from "./Consultation.js"
import { type Directory, type LookupError, lookUp } from "./Directory.js"
import * as E from "./ForumError.js"
import { CounterpartNeeds, type ForumEvent, ObserverKind, ReportedFigures } from "./ForumEvent.js"
import * as ForumState from "./ForumState.js"
import { ForumId, ParticipantId } from "./Id.js"
import { requireNotClosed, requireOpen } from "./internal/forumStatus.js"
import { forumStream, ForumEvents, type ForumStreamEvent } from "./KemitraanEvent.js"
import type * as Participant from "./Participant.js"
import { provinceNotYetFormed } from "./Participant.js"
import { ParticipantNotEnrolled, type ProvinceNotYetFormed } from "./ParticipantError.js"
import * as StreamTime from "./StreamTime.js"
import { Text } from "./Text.js"

/** Schedule a forum. */
export const ScheduleForum = Schema.TaggedStruct("ScheduleForum", {
  forumId: ForumId,
  title: Text,
  date: CalendarDate,
  venue: Text,
  organiser: Text,
  coOrganisers: Schema.Array(Text)
}).annotations({
  identifier: "ScheduleForum",
  description: "Schedule a forum."
})
/** Schedule a forum. */
export type ScheduleForum = typeof ScheduleForum.Type

/** A counterpart joins a forum that has not closed, bringing its product needs. */
export const JoinCounterpart = Schema.TaggedStruct("JoinCounterpart", {
  forumId: ForumId,
  counterpartId: ParticipantId,
  needs: CounterpartNeeds
}).annotations({
  identifier: "JoinCounterpart",
  description: "A counterpart joins a forum that has not closed, bringing its product needs."
})
/** A counterpart joins a forum. */
export type JoinCounterpart = typeof JoinCounterpart.Type

/** An enrolled SME registers at a forum that has not closed. */
export const RegisterSme = Schema.TaggedStruct("RegisterSme", { forumId: ForumId, smeId: ParticipantId }).annotations({
  identifier: "RegisterSme",
  description: "An enrolled SME registers at a forum that has not closed."
})
/** An SME registers at a forum. */
export type RegisterSme = typeof RegisterSme.Type

/** Record an observer attending an open forum. */
export const RecordObserver = Schema.TaggedStruct("RecordObserver", {
  forumId: ForumId,
  name: Text,
  kind: ObserverKind
}).annotations({
  identifier: "RecordObserver",
  description: "Record an observer attending an open forum."
})
/** Record an observer. */
export type RecordObserver = typeof RecordObserver.Type

/** Open a scheduled forum. */
export const OpenForum = Schema.TaggedStruct("OpenForum", { forumId: ForumId }).annotations({
  identifier: "OpenForum",
  description: "Open a scheduled forum."
})
/** Open a forum. */
export type OpenForum = typeof OpenForum.Type

/** Close an open forum. */
export const CloseForum = Schema.TaggedStruct("CloseForum", { forumId: ForumId }).annotations({
  identifier: "CloseForum",
  description: "Close an open forum."
})
/** Close a forum. */
export type CloseForum = typeof CloseForum.Type

/** Announce a closed forum's results on a date, with the figures reported then. */
export const AnnounceResults = Schema.TaggedStruct("AnnounceResults", {
  forumId: ForumId,
  date: CalendarDate,
  announcedBy: Schema.optionalWith(Text, { exact: true }),
  reported: ReportedFigures
}).annotations({
  identifier: "AnnounceResults",
  description: "Announce a closed forum's results on a date, with the figures reported then."
})
/** Announce a forum's results. */
export type AnnounceResults = typeof AnnounceResults.Type

/** Every forum lifecycle command, decodable from JSON by its `_tag`. */
export const ForumCommand = Schema.Union(
  ScheduleForum,
  JoinCounterpart,
  RegisterSme,
  RecordObserver,
  OpenForum,
  CloseForum,
  AnnounceResults
)
/** A forum lifecycle command. */
export type ForumCommand = typeof ForumCommand.Type

/** Every command of a forum's stream: lifecycle and consultations. */
export const ForumStreamCommand = Schema.Union(ForumCommand, Consultation.ConsultationCommand)
/** A command of a forum's stream. */
export type ForumStreamCommand = typeof ForumStreamCommand.Type

/** The state of a forum's stream. */
export type State = ForumState.State

/** Every error deciding a command of a forum's stream may fail with. */
export type DecideError =
  | E.ForumError
  | Consultation.DecideError
  | ParticipantNotEnrolled
  | ProvinceNotYetFormed
  | StreamTime.TimeError
  | LookupError

type Decision = Either.Either<ReadonlyArray<ForumEvent>, DecideError>

/**
 * A participant's state settles whether it may join as a counterpart once it is enrolled: its role,
 * legal name and kind are fixed at enrolment.
 */
const enrolled = (participant: Participant.State): boolean => participant._tag !== "NotEnrolled"

/**
 * A participant's state settles its registration as an SME once it is a counterpart (which cannot
 * register) or a formal SME: the profile is fixed at enrolment and an NIB, once obtained, stays. An
 * informal SME may have been formalised since, so its registration reads the stream again.
 */
const settledForRegistration = (participant: Participant.State): boolean =>
  participant._tag === "Counterpart" || (participant._tag === "Sme" && participant.nib !== undefined)

/** What a command that looks a participant up decides, given the participant's state. */
const withParticipant = (
  participantId: string,
  settled: (participant: Participant.State) => boolean,
  decide: (participant: Participant.State) => Decision
): Effect.Effect<ReadonlyArray<ForumEvent>, DecideError, Directory> =>
  lookUp((directory) => Effect.flatMap(directory.participant(participantId, settled), decide))

const join = (command: JoinCounterpart, state: State, at: Date) => {
  const { forumId, counterpartId, needs } = command
  const notClosed = requireNotClosed(state, forumId, "join a counterpart")
  if (Either.isLeft(notClosed)) return Either.left(notClosed.left)
  if (HashMap.has(state.counterparts, counterpartId)) {
    return Either.left(new E.CounterpartAlreadyJoined({ forumId, counterpartId }))
  }
  return withParticipant(counterpartId, enrolled, (participant): Decision => {
    if (participant._tag === "NotEnrolled")
      return Either.left(new ParticipantNotEnrolled({ participantId: counterpartId }))
    if (participant._tag === "Sme") return Either.left(new E.NotACounterpart({ forumId, participantId: counterpartId }))
    const { legalName, kind } = participant.profile
    return Either.right([{ _tag: "CounterpartJoined", forumId, counterpartId, legalName, kind, needs, at }])
  })
}

const register = (command: RegisterSme, state: State, at: Date) => {
  const { forumId, smeId } = command
  const notClosed = requireNotClosed(state, forumId, "register an SME")
  if (Either.isLeft(notClosed)) return Either.left(notClosed.left)
  if (HashMap.has(state.smes, smeId)) return Either.left(new E.SmeAlreadyRegistered({ forumId, smeId }))
  return withParticipant(smeId, settledForRegistration, (participant): Decision => {
    if (participant._tag === "NotEnrolled") return Either.left(new ParticipantNotEnrolled({ participantId: smeId }))
    if (participant._tag === "Counterpart") {
      return Either.left(
        new E.CounterpartCannotRegisterAsSme({ forumId, participantId: smeId, kind: participant.profile.kind })
      )
    }
    const { participantId: _participantId, ...profile } = participant.profile
    if (state.details !== undefined) {
      const notFormed = provinceNotYetFormed(smeId, profile.province, state.details.date)
      if (notFormed !== undefined) return Either.left(notFormed)
    }
    const nib = participant.nib === undefined ? {} : { nib: participant.nib }
    return Either.right([{ _tag: "SmeRegistered", forumId, smeId, ...profile, ...nib, at }])
  })
}

const open = (command: OpenForum, state: State, at: Date): Decision => {
  const { forumId } = command
  if (state.status === "Open") return Either.left(new E.ForumAlreadyOpen({ forumId }))
  return Either.map(requireNotClosed(state, forumId, "open the forum"), () => [{ _tag: "ForumOpened", forumId, at }])
}

const close = (command: CloseForum, state: State, at: Date): Decision => {
  const { forumId } = command
  return Either.map(requireOpen(state, forumId, "close the forum"), () => [{ _tag: "ForumClosed", forumId, at }])
}

const announce = (command: AnnounceResults, state: State, at: Date): Decision => {
  const { _tag, ...fields } = command
  const { forumId, date } = command
  switch (state.status) {
    case "Unscheduled":
      return Either.left(new E.ForumNotScheduled({ forumId, action: "announce results" }))
    case "Scheduled":
    case "Open":
      return Either.left(new E.ForumNotClosed({ forumId }))
    case "ResultsAnnounced":
      return Either.left(new E.ResultsAlreadyAnnounced({ forumId, date: state.resultsDate ?? "" }))
    case "Closed": {
      const forumDate = state.details?.date ?? date
      if (date < forumDate) return Either.left(new E.ResultsBeforeForum({ forumId, date, forumDate }))
      return Either.right([{ _tag: "ForumResultsAnnounced", ...fields, at }])
    }
  }
}

/** Decides a forum lifecycle command: at once, but for the two that look a participant up. */
const decideForum = (
  command: ForumCommand,
  state: State,
  at: Date
): Effect.Effect<ReadonlyArray<ForumEvent>, DecideError, Directory> => {
  switch (command._tag) {
    case "ScheduleForum": {
      if (state.status !== "Unscheduled") return Either.left(new E.ForumAlreadyScheduled({ forumId: command.forumId }))
      const { _tag, ...fields } = command
      return Either.right([{ _tag: "ForumScheduled", ...fields, at }])
    }
    case "JoinCounterpart":
      return join(command, state, at)
    case "RegisterSme":
      return register(command, state, at)
    case "RecordObserver": {
      const { _tag, ...fields } = command
      return Either.map(requireOpen(state, command.forumId, "record an observer"), (): ReadonlyArray<ForumEvent> => [
        { _tag: "ObserverAttended", ...fields, at }
      ])
    }
    case "OpenForum":
      return open(command, state, at)
    case "CloseForum":
      return close(command, state, at)
    case "AnnounceResults":
      return announce(command, state, at)
  }
}

/**
 * Decides a command of a forum's stream against the forum's state, at the command's instants. Every
 * command but joining a counterpart and registering an SME (which look the participant up in the
 * `Directory`) is answered with an `Either`, which the command handler takes without a step.
 */
export const decide = (
  command: ForumStreamCommand,
  state: State,
  time: CommandTime.Instants
): Effect.Effect<ReadonlyArray<ForumStreamEvent>, DecideError, Directory> => {
  const now = StreamTime.now(forumStream(command.forumId), state.lastAt, time)
  if (Either.isLeft(now)) return Either.left(now.left)
  return Consultation.isConsultationCommand(command)
    ? Consultation.decide(command, state, now.right)
    : decideForum(command, state, now.right)
}

/** The decider of a forum's stream: forum lifecycle and consultations. */
export const decider = Decider.make({ initialState: ForumState.initialState, evolve: ForumState.evolve, decide })

/** The command handler of forums and consultations. It needs an `EventStore` and a `Directory`. */
export const handler = CommandHandler.make({
  decider,
  catalog: ForumEvents,
  streamId: (command: ForumStreamCommand) => forumStream(command.forumId)
})
