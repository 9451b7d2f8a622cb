/**
 * The state of a forum's stream: its lifecycle, the counterparts joined with their needs, the SMEs
 * registered with their profiles, and every consultation. The forum decider and the assessment
 * decider read it; `evolve` folds both forum and consultation events.
 *
 * Collections are persistent `HashMap`s: a forum of a thousand SMEs is folded on every command, so
 * `evolve` must stay cheap without mutating a state it does not own.
 *
 * @since 0.1.0
 */
import * as HashMap from "effect/HashMap"
import * as Option from "effect/Option"
import * as Schema from "effect/Schema"
import type { CalendarDate } from "./CalendarDate.js"
import type { ConsultationEvent } from "./ConsultationEvent.js"
import type { CounterpartJoined, ForumEvent, ForumScheduled, SmeRegistered } from "./ForumEvent.js"
import type { ConsultationId, ParticipantId } from "./Id.js"
import * as StreamTime from "./StreamTime.js"

/** Where a forum is in its lifecycle: the forum's decider and the forum summary share it. */
export const ForumStatus = Schema.Literal("Unscheduled", "Scheduled", "Open", "Closed", "ResultsAnnounced")
/** Where a forum is in its lifecycle. */
export type ForumStatus = typeof ForumStatus.Type

/** The details a forum was scheduled with. */
export type ForumDetails = Omit<ForumScheduled, "_tag" | "at">

/** A counterpart joined to the forum, with its needs. */
export type JoinedCounterpart = Omit<CounterpartJoined, "_tag" | "at" | "forumId">

/** An SME registered at the forum, with its profile at registration. */
export type RegisteredSme = Omit<SmeRegistered, "_tag" | "at" | "forumId">

/** Where a consultation is in its lifecycle. */
export type ConsultationStatus = "Requested" | "Scheduled" | "Held" | "NoShow" | "Cancelled"

/** A consultation at the forum. */
export interface Consultation {
  readonly consultationId: ConsultationId
  readonly smeId: ParticipantId
  readonly counterpartId: ParticipantId
  readonly status: ConsultationStatus
  readonly slot: Date | undefined
}

/** The state of a forum's stream. */
export interface State {
  readonly status: ForumStatus
  readonly details: ForumDetails | undefined
  readonly counterparts: HashMap.HashMap<ParticipantId, JoinedCounterpart>
  readonly smes: HashMap.HashMap<ParticipantId, RegisteredSme>
  readonly consultations: HashMap.HashMap<ConsultationId, Consultation>
  /** The consultation that books each SME-counterpart pair: requested, scheduled or held. */
  readonly bookings: HashMap.HashMap<string, ConsultationId>
  readonly observers: number
  readonly resultsDate: CalendarDate | undefined
  /** Epoch milliseconds of the latest event. */
  readonly lastAt: number
}

/** The state of a stream with no events. */
export const initialState: State = {
  status: "Unscheduled",
  details: undefined,
  counterparts: HashMap.empty(),
  smes: HashMap.empty(),
  consultations: HashMap.empty(),
  bookings: HashMap.empty(),
  observers: 0,
  resultsDate: undefined,
  lastAt: StreamTime.beginning
}

/** The key of an SME-counterpart pair in {@link State.bookings}. */
export const pairKey = (smeId: string, counterpartId: string): string => JSON.stringify([smeId, counterpartId])

/** Whether a consultation in this status still books its pair: it is pending or took place. */
export const books = (status: ConsultationStatus): boolean => status !== "NoShow" && status !== "Cancelled"

const setConsultation = (state: State, consultation: Consultation): State => {
  const key = pairKey(consultation.smeId, consultation.counterpartId)
  const bookings = books(consultation.status)
    ? HashMap.set(state.bookings, key, consultation.consultationId)
    : HashMap.remove(state.bookings, key)
  return {
    ...state,
    consultations: HashMap.set(state.consultations, consultation.consultationId, consultation),
    bookings
  }
}

const evolveConsultation = (state: State, event: ConsultationEvent): State => {
  const { consultationId, smeId, counterpartId } = event
  const slot = Option.getOrUndefined(HashMap.get(state.consultations, consultationId))?.slot
  switch (event._tag) {
    case "ConsultationRequested":
      return setConsultation(state, { consultationId, smeId, counterpartId, status: "Requested", slot: undefined })
    case "ConsultationScheduled":
      return setConsultation(state, { consultationId, smeId, counterpartId, status: "Scheduled", slot: event.slot })
    case "ConsultationHeld":
      return setConsultation(state, { consultationId, smeId, counterpartId, status: "Held", slot })
    case "ConsultationNoShow":
      return setConsultation(state, { consultationId, smeId, counterpartId, status: "NoShow", slot })
    case "ConsultationCancelled":
      return setConsultation(state, { consultationId, smeId, counterpartId, status: "Cancelled", slot })
  }
}

const evolveForum = (state: State, event: ForumEvent): State => {
  switch (event._tag) {
    case "ForumScheduled": {
      const { _tag, at: _at, ...details } = event
      return { ...state, status: "Scheduled", details }
    }
    case "CounterpartJoined": {
      const { _tag, at: _at, forumId: _forumId, ...counterpart } = event
      return { ...state, counterparts: HashMap.set(state.counterparts, counterpart.counterpartId, counterpart) }
    }
    case "SmeRegistered": {
      const { _tag, at: _at, forumId: _forumId, ...sme } = event
      return { ...state, smes: HashMap.set(state.smes, sme.smeId, sme) }
    }
    case "ObserverAttended":
      return { ...state, observers: state.observers + 1 }
    case "ForumOpened":
      return { ...state, status: "Open" }
    case "ForumClosed":
      return { ...state, status: "Closed" }
    case "ForumResultsAnnounced":
      return { ...state, status: "ResultsAnnounced", resultsDate: event.date }
  }
}

const isConsultationEvent = (event: ForumEvent | ConsultationEvent): event is ConsultationEvent =>
  event._tag.startsWith("Consultation")

/** Folds one event of a forum's stream into its state. Pure and total. */
export const evolve = (state: State, event: ForumEvent | ConsultationEvent): State => {
  const next = isConsultationEvent(event) ? evolveConsultation(state, event) : evolveForum(state, event)
  return { ...next, lastAt: StreamTime.latest(state.lastAt, event.at) }
}
