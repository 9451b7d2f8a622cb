/**
 * The participant aggregate: a business enrolled once and reused across forums. An SME (UKM or IKM)
 * reports its business figures once per year, corrects a year explicitly, and may be formalised
 * (obtain an NIB). A counterpart (BUMN, Usaha Besar or BUMD) is enrolled with its own role.
 * Stream: `Participant-<participantId>`.
 *
 * @since 0.1.0
 */
import { CommandHandler, type CommandTime, Decider } from "@kemitraan/eventsourcing"
import * as Either from "effect/Either"
import * as Schema from "effect/Schema"
import * as CalendarDate from "./CalendarDate.js"
import { Year } from "./CalendarDate.js"
import { ParticipantId } from "./Id.js"
import { participantStream, ParticipantEvents } from "./KemitraanEvent.js"
import { Nib } from "./Nib.js"
import * as E from "./ParticipantError.js"
import {
  BusinessFigures,
  type CounterpartEnrolled,
  CounterpartProfile,
  type ParticipantEvent,
  type SmeEnrolled,
  SmeProfile
} from "./ParticipantEvent.js"
import * as Province from "./Province.js"
import * as StreamTime from "./StreamTime.js"
import { Text } from "./Text.js"

/** Enrol an SME. Leave `nib` out for an informal business. */
export const EnrolSme = Schema.TaggedStruct("EnrolSme", SmeProfile.fields).annotations({
  identifier: "EnrolSme",
  description: "Enrol an SME. Leave `nib` out for an informal business."
})
/** Enrol an SME. */
export type EnrolSme = typeof EnrolSme.Type

/** Enrol a counterpart: a BUMN, Usaha Besar or BUMD. */
export const EnrolCounterpart = Schema.TaggedStruct("EnrolCounterpart", CounterpartProfile.fields).annotations({
  identifier: "EnrolCounterpart",
  description: "Enrol a counterpart: a BUMN, Usaha Besar or BUMD."
})
/** Enrol a counterpart. */
export type EnrolCounterpart = typeof EnrolCounterpart.Type

/** Report an SME's business figures for a year, once. */
export const ReportBusinessFigures = Schema.TaggedStruct("ReportBusinessFigures", {
  participantId: ParticipantId,
  year: Year,
  ...BusinessFigures.fields
}).annotations({
  identifier: "ReportBusinessFigures",
  description: "Report an SME's business figures for a year, once."
})
/** Report a year's figures. */
export type ReportBusinessFigures = typeof ReportBusinessFigures.Type

/** Correct the figures an SME reported for a year, saying why. */
export const CorrectBusinessFigures = Schema.TaggedStruct("CorrectBusinessFigures", {
  participantId: ParticipantId,
  year: Year,
  ...BusinessFigures.fields,
  reason: Text
}).annotations({
  identifier: "CorrectBusinessFigures",
  description: "Correct the figures an SME reported for a year, saying why."
})
/** Correct a year's figures. */
export type CorrectBusinessFigures = typeof CorrectBusinessFigures.Type

/** Record that an informal SME obtained an NIB. */
export const Formalise = Schema.TaggedStruct("Formalise", { participantId: ParticipantId, nib: Nib }).annotations({
  identifier: "Formalise",
  description: "Record that an informal SME obtained an NIB."
})
/** Record that an informal SME obtained an NIB. */
export type Formalise = typeof Formalise.Type

/** Every participant command, decodable from JSON by its `_tag`. */
export const ParticipantCommand = Schema.Union(
  EnrolSme,
  EnrolCounterpart,
  ReportBusinessFigures,
  CorrectBusinessFigures,
  Formalise
)
/** A participant command. */
export type ParticipantCommand = typeof ParticipantCommand.Type

/** An enrolled SME, as its stream tells it. */
export interface Sme {
  readonly _tag: "Sme"
  readonly profile: Omit<SmeEnrolled, "_tag" | "at" | "nib">
  readonly nib: Nib | undefined
  /** Figures by year, corrections applied. */
  readonly figures: ReadonlyMap<number, BusinessFigures>
  readonly lastAt: number
}

/** An enrolled counterpart. */
export interface Counterpart {
  readonly _tag: "Counterpart"
  readonly profile: Omit<CounterpartEnrolled, "_tag" | "at">
  readonly lastAt: number
}

/** A participant's state: not enrolled, an SME or a counterpart. */
export type State = { readonly _tag: "NotEnrolled"; readonly lastAt: number } | Sme | Counterpart

/** The state of a stream with no events. */
export const initialState: State = { _tag: "NotEnrolled", lastAt: StreamTime.beginning }

const withFigures = (state: State, year: number, figures: BusinessFigures, at: number): State => {
  if (state._tag !== "Sme") return state
  const next = new Map(state.figures)
  next.set(year, figures)
  return { ...state, figures: next, lastAt: at }
}

const figuresOf = (event: BusinessFigures): BusinessFigures => ({
  annualSales: event.annualSales,
  businessCapital: event.businessCapital,
  workers: event.workers
})

/** The error for a province that did not exist yet on `date`, or `undefined` when it did. */
export const provinceNotYetFormed = (
  participantId: string,
  province: Province.ProvinceCode,
  date: string
): E.ProvinceNotYetFormed | undefined => {
  const formedOn = Province.formedOn(province)
  return formedOn === undefined || formedOn <= date
    ? undefined
    : new E.ProvinceNotYetFormed({ participantId, province, date, formedOn })
}

/** Folds one event into a participant's state. Pure and total. */
export const evolve = (state: State, event: ParticipantEvent): State => {
  const at = StreamTime.latest(state.lastAt, event.at)
  switch (event._tag) {
    case "SmeEnrolled": {
      const { _tag, at: _at, nib, ...profile } = event
      return { _tag: "Sme", profile, nib, figures: new Map(), lastAt: at }
    }
    case "CounterpartEnrolled": {
      const { _tag, at: _at, ...profile } = event
      return { _tag: "Counterpart", profile, lastAt: at }
    }
    case "BusinessFiguresReported":
    case "BusinessFiguresCorrected":
      return withFigures(state, event.year, figuresOf(event), at)
    case "ParticipantFormalised":
      return state._tag === "Sme" ? { ...state, nib: event.nib, lastAt: at } : state
  }
}

type Decision = Either.Either<ReadonlyArray<ParticipantEvent>, E.ParticipantError | StreamTime.TimeError>

const enrolSme = (command: EnrolSme, at: Date): Decision => {
  const currentYear = at.getUTCFullYear()
  if (command.foundedYear > currentYear) {
    return Either.left(
      new E.FoundedInTheFuture({ participantId: command.participantId, foundedYear: command.foundedYear, currentYear })
    )
  }
  const notFormed = provinceNotYetFormed(command.participantId, command.province, CalendarDate.fromMillis(at.getTime()))
  if (notFormed !== undefined) return Either.left(notFormed)
  const { _tag, ...fields } = command
  return Either.right([{ _tag: "SmeEnrolled", ...fields, at }])
}

/** The error for figures of a year outside the SME's business life, or `undefined` when it is inside. */
const outsideBusinessLife = (
  sme: Sme,
  participantId: string,
  year: number,
  at: Date
): E.FiguresOutsideBusinessLife | undefined => {
  const currentYear = at.getUTCFullYear()
  const foundedYear = sme.profile.foundedYear
  return year < foundedYear || year > currentYear
    ? new E.FiguresOutsideBusinessLife({ participantId, year, foundedYear, currentYear })
    : undefined
}

const asSme = (state: State, participantId: string, action: string): Either.Either<Sme, E.ParticipantError> => {
  switch (state._tag) {
    case "NotEnrolled":
      return Either.left(new E.ParticipantNotEnrolled({ participantId }))
    case "Counterpart":
      return Either.left(new E.NotAnSme({ participantId, action }))
    case "Sme":
      return Either.right(state)
  }
}

const report = (command: ReportBusinessFigures, state: State, at: Date): Decision => {
  const { participantId, year } = command
  const sme = asSme(state, participantId, "report business figures")
  if (Either.isLeft(sme)) return Either.left(sme.left)
  const outside = outsideBusinessLife(sme.right, participantId, year, at)
  if (outside !== undefined) return Either.left(outside)
  if (sme.right.figures.has(year)) return Either.left(new E.FiguresAlreadyReported({ participantId, year }))
  const { _tag, ...fields } = command
  return Either.right([{ _tag: "BusinessFiguresReported", ...fields, at }])
}

const correct = (command: CorrectBusinessFigures, state: State, at: Date): Decision => {
  const { participantId, year } = command
  const sme = asSme(state, participantId, "correct business figures")
  if (Either.isLeft(sme)) return Either.left(sme.left)
  if (!sme.right.figures.has(year)) return Either.left(new E.FiguresNotReported({ participantId, year }))
  const { _tag, ...fields } = command
  return Either.right([{ _tag: "BusinessFiguresCorrected", ...fields, at }])
}

const formalise = (command: Formalise, state: State, at: Date): Decision => {
  const { participantId } = command
  const sme = asSme(state, participantId, "be formalised")
  if (Either.isLeft(sme)) return Either.left(sme.left)
  if (sme.right.nib !== undefined) return Either.left(new E.AlreadyFormal({ participantId, nib: sme.right.nib }))
  return Either.right([{ _tag: "ParticipantFormalised", participantId, nib: command.nib, at }])
}

/**
 * Decides a participant command against the participant's state, at the command's instants. It
 * looks nothing up, so it answers with an `Either`: the command handler takes it without a step.
 */
export const decide = (command: ParticipantCommand, state: State, time: CommandTime.Instants): Decision => {
  const now = StreamTime.now(participantStream(command.participantId), state.lastAt, time)
  if (Either.isLeft(now)) return Either.left(now.left)
  const at = now.right
  switch (command._tag) {
    case "EnrolSme":
    case "EnrolCounterpart": {
      if (state._tag !== "NotEnrolled") {
        return Either.left(new E.ParticipantAlreadyEnrolled({ participantId: command.participantId }))
      }
      if (command._tag === "EnrolSme") return enrolSme(command, at)
      const { _tag, ...fields } = command
      return Either.right([{ _tag: "CounterpartEnrolled", ...fields, at }])
    }
    case "ReportBusinessFigures":
      return report(command, state, at)
    case "CorrectBusinessFigures":
      return correct(command, state, at)
    case "Formalise":
      return formalise(command, state, at)
  }
}

/** The participant decider. */
export const decider = Decider.make({ initialState, evolve, decide })

/** The command handler of participants: `handler(command)` needs only an `EventStore`. */
export const handler = CommandHandler.make({
  decider,
  catalog: ParticipantEvents,
  streamId: (command: ParticipantCommand) => participantStream(command.participantId)
})
