/**
 * The consultation aggregate: a direct business consultation between one SME registered at a forum
 * and one counterpart joined to it, booked from the forum's scheduling until it closes (SMEs book
 * their slots before the day); its outcome is recorded once the forum has opened, also after it
 * closed (entered from the sheets of the day). Requested or scheduled, then held, a
 * no-show, or cancelled.
 *
 * Consultations live in their forum's stream, and the forum decider (`Forum.decider`) decides these
 * commands with {@link decide}: the forum is the one place that knows, at the moment of appending,
 * whether it is open, who registered and who joined, and which pairs are booked.
 *
 * A second consultation of the same SME with the same counterpart at one forum: resending the same
 * consultation id is idempotent (no new event); another id while the pair's consultation is pending
 * or held fails with `ConsultationAlreadyBooked`; after a no-show or a cancellation the pair may book
 * again.
 *
 * @since 0.1.0
 */
import * as Either from "effect/Either"
import * as HashMap from "effect/HashMap"
import * as Option from "effect/Option"
import * as Schema from "effect/Schema"
import { Absentee, type ConsultationEvent } from "./ConsultationEvent.js"
import * as E from "./ConsultationError.js"
import type { ForumAlreadyClosed, ForumNotOpen, ForumNotScheduled } from "./ForumError.js"
import { books, type Consultation, pairKey, type State } from "./ForumState.js"
import { ConsultationId, ForumId, ParticipantId } from "./Id.js"
import { requireNotClosed, requireOpened, requireScheduled } from "./internal/forumStatus.js"
import { Text } from "./Text.js"

const pair = { forumId: ForumId, consultationId: ConsultationId, smeId: ParticipantId, counterpartId: ParticipantId }
const existing = { forumId: ForumId, consultationId: ConsultationId }

/** An SME asks to consult a counterpart at a forum that has not closed. */
export const RequestConsultation = Schema.TaggedStruct("RequestConsultation", pair).annotations({
  identifier: "RequestConsultation",
  description: "An SME asks to consult a counterpart at a forum that has not closed."
})
/** Request a consultation. */
export type RequestConsultation = typeof RequestConsultation.Type

/** Give a consultation a time slot: a new one, a requested one, or a new slot for a scheduled one. */
export const ScheduleConsultation = Schema.TaggedStruct("ScheduleConsultation", {
  ...pair,
  slot: Schema.Date
}).annotations({
  identifier: "ScheduleConsultation",
  description: "Give a consultation a time slot: a new one, a requested one, or a new slot for a scheduled one."
})
/** Schedule a consultation. */
export type ScheduleConsultation = typeof ScheduleConsultation.Type

/** Record that a requested or scheduled consultation took place (also after the forum closed). */
export const RecordConsultationHeld = Schema.TaggedStruct("RecordConsultationHeld", existing).annotations({
  identifier: "RecordConsultationHeld",
  description: "Record that a requested or scheduled consultation took place (also after the forum closed)."
})
/** Record that a consultation took place. */
export type RecordConsultationHeld = typeof RecordConsultationHeld.Type

/** Record that a side did not come to a consultation. */
export const RecordNoShow = Schema.TaggedStruct("RecordNoShow", { ...existing, absent: Absentee }).annotations({
  identifier: "RecordNoShow",
  description: "Record that a side did not come to a consultation."
})
/** Record a no-show. */
export type RecordNoShow = typeof RecordNoShow.Type

/** Cancel a consultation that has not taken place. */
export const CancelConsultation = Schema.TaggedStruct("CancelConsultation", { ...existing, reason: Text }).annotations({
  identifier: "CancelConsultation",
  description: "Cancel a consultation that has not taken place."
})
/** Cancel a consultation. */
export type CancelConsultation = typeof CancelConsultation.Type

/** Every consultation command, decodable from JSON by its `_tag`. */
export const ConsultationCommand = Schema.Union(
  RequestConsultation,
  ScheduleConsultation,
  RecordConsultationHeld,
  RecordNoShow,
  CancelConsultation
)
/** A consultation command. */
export type ConsultationCommand = typeof ConsultationCommand.Type

/** What deciding a consultation command may fail with. */
export type DecideError = E.ConsultationError | ForumNotScheduled | ForumNotOpen | ForumAlreadyClosed

type Decision = Either.Either<ReadonlyArray<ConsultationEvent>, DecideError>

const actions: Record<ConsultationCommand["_tag"], string> = {
  RequestConsultation: "request a consultation",
  ScheduleConsultation: "schedule a consultation",
  RecordConsultationHeld: "record a consultation as held",
  RecordNoShow: "record a no-show",
  CancelConsultation: "cancel a consultation"
}

/** Whether a command of a forum's stream is a consultation command. */
export const isConsultationCommand = (command: { readonly _tag: string }): command is ConsultationCommand =>
  Object.hasOwn(actions, command._tag)

const isPending = (consultation: Consultation): boolean =>
  consultation.status === "Requested" || consultation.status === "Scheduled"

/** Checks a new booking: both parties are at the forum and the pair is free. */
const checkBooking = (
  state: State,
  command: RequestConsultation | ScheduleConsultation
): Either.Either<void, DecideError> => {
  const { forumId, smeId, counterpartId } = command
  if (!HashMap.has(state.smes, smeId)) return Either.left(new E.SmeNotRegistered({ forumId, smeId }))
  if (!HashMap.has(state.counterparts, counterpartId)) {
    return Either.left(new E.CounterpartNotJoined({ forumId, counterpartId }))
  }
  const booked = HashMap.get(state.bookings, pairKey(smeId, counterpartId))
  return Option.isSome(booked)
    ? Either.left(
        new E.ConsultationAlreadyBooked({ forumId, smeId, counterpartId, existingConsultationId: booked.value })
      )
    : Either.void
}

const sameParties = (consultation: Consultation, command: RequestConsultation | ScheduleConsultation): boolean =>
  consultation.smeId === command.smeId && consultation.counterpartId === command.counterpartId

const idTaken = (command: { readonly forumId: string }, consultation: Consultation) =>
  new E.ConsultationIdTaken({
    forumId: command.forumId,
    consultationId: consultation.consultationId,
    smeId: consultation.smeId,
    counterpartId: consultation.counterpartId
  })

const ended = (command: ConsultationCommand, consultation: Consultation) =>
  new E.ConsultationAlreadyEnded({
    forumId: command.forumId,
    consultationId: consultation.consultationId,
    status: consultation.status,
    action: actions[command._tag]
  })

const request = (command: RequestConsultation, state: State, at: Date): Decision => {
  const { _tag, ...fields } = command
  const found = HashMap.get(state.consultations, command.consultationId)
  if (Option.isSome(found)) {
    const consultation = found.value
    if (!sameParties(consultation, command)) return Either.left(idTaken(command, consultation))
    return books(consultation.status) ? Either.right([]) : Either.left(ended(command, consultation))
  }
  return Either.map(checkBooking(state, command), (): ReadonlyArray<ConsultationEvent> => [
    { _tag: "ConsultationRequested", ...fields, at }
  ])
}

const schedule = (command: ScheduleConsultation, state: State, at: Date): Decision => {
  const { _tag, ...fields } = command
  const event: ConsultationEvent = { _tag: "ConsultationScheduled", ...fields, at }
  const found = HashMap.get(state.consultations, command.consultationId)
  if (Option.isNone(found)) return Either.map(checkBooking(state, command), () => [event])
  const consultation = found.value
  if (!sameParties(consultation, command)) return Either.left(idTaken(command, consultation))
  if (!isPending(consultation)) return Either.left(ended(command, consultation))
  const unchanged = consultation.status === "Scheduled" && consultation.slot?.getTime() === command.slot.getTime()
  return Either.right(unchanged ? [] : [event])
}

const conclude = (
  command: RecordConsultationHeld | RecordNoShow | CancelConsultation,
  state: State,
  at: Date
): Decision => {
  const found = HashMap.get(state.consultations, command.consultationId)
  if (Option.isNone(found))
    return Either.left(new E.ConsultationNotFound({ forumId: command.forumId, consultationId: command.consultationId }))
  const consultation = found.value
  if (!isPending(consultation)) return Either.left(ended(command, consultation))
  const { forumId, consultationId, smeId, counterpartId } = { ...consultation, forumId: command.forumId }
  const ref = { forumId, consultationId, smeId, counterpartId, at }
  switch (command._tag) {
    case "RecordConsultationHeld":
      return Either.right([{ _tag: "ConsultationHeld", ...ref }])
    case "RecordNoShow":
      return Either.right([{ _tag: "ConsultationNoShow", ...ref, absent: command.absent }])
    case "CancelConsultation":
      return Either.right([{ _tag: "ConsultationCancelled", ...ref, reason: command.reason }])
  }
}

/**
 * When in the forum's life a command may come: bookings from the forum's scheduling until it
 * closes (SMEs book their slots before the day); outcomes (held, no-show) once it has opened, also
 * after it closed (they are entered from the sheets of the day); a cancellation once it is scheduled.
 */
const requireStatus = (command: ConsultationCommand, state: State): Either.Either<void, DecideError> => {
  const action = actions[command._tag]
  switch (command._tag) {
    case "RequestConsultation":
    case "ScheduleConsultation":
      return requireNotClosed(state, command.forumId, action)
    case "RecordConsultationHeld":
    case "RecordNoShow":
      return requireOpened(state, command.forumId, action)
    case "CancelConsultation":
      return requireScheduled(state, command.forumId, action)
  }
}

/** Decides a consultation command against its forum's state, at the instant `at`. */
export const decide = (command: ConsultationCommand, state: State, at: Date): Decision => {
  const allowed = requireStatus(command, state)
  if (Either.isLeft(allowed)) return Either.left(allowed.left)
  switch (command._tag) {
    case "RequestConsultation":
      return request(command, state, at)
    case "ScheduleConsultation":
      return schedule(command, state, at)
    default:
      return conclude(command, state, at)
  }
}
