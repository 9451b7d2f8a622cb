/**
 * The typed errors of participants. Each says what went wrong and for whom, in a message a caller
 * can show as it is.
 *
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"

/** The participant is already enrolled: a business is enrolled once and reused across forums. */
export class ParticipantAlreadyEnrolled extends Schema.TaggedError<ParticipantAlreadyEnrolled>(
  "@kemitraan/core/ParticipantAlreadyEnrolled"
)("ParticipantAlreadyEnrolled", { participantId: Schema.String }) {
  override get message(): string {
    return `participant "${this.participantId}" is already enrolled`
  }
}

/** No participant with this id has been enrolled. */
export class ParticipantNotEnrolled extends Schema.TaggedError<ParticipantNotEnrolled>(
  "@kemitraan/core/ParticipantNotEnrolled"
)("ParticipantNotEnrolled", { participantId: Schema.String }) {
  override get message(): string {
    return `participant "${this.participantId}" is not enrolled; enrol it first`
  }
}

/** A business cannot be founded in a year that has not come yet. */
export class FoundedInTheFuture extends Schema.TaggedError<FoundedInTheFuture>("@kemitraan/core/FoundedInTheFuture")(
  "FoundedInTheFuture",
  { participantId: Schema.String, foundedYear: Schema.Number, currentYear: Schema.Number }
) {
  override get message(): string {
    return `participant "${this.participantId}" cannot be founded in ${this.foundedYear}: the current year is ${this.currentYear}`
  }
}

/** Figures for this year were reported already: send a correction instead. */
export class FiguresAlreadyReported extends Schema.TaggedError<FiguresAlreadyReported>(
  "@kemitraan/core/FiguresAlreadyReported"
)("FiguresAlreadyReported", { participantId: Schema.String, year: Schema.Number }) {
  override get message(): string {
    return `participant "${this.participantId}" already reported its figures for ${this.year}; correct them with CorrectBusinessFigures`
  }
}

/** A correction names a year whose figures were never reported. */
export class FiguresNotReported extends Schema.TaggedError<FiguresNotReported>("@kemitraan/core/FiguresNotReported")(
  "FiguresNotReported",
  { participantId: Schema.String, year: Schema.Number }
) {
  override get message(): string {
    return `participant "${this.participantId}" has no figures for ${this.year} to correct; report them first`
  }
}

/** Figures describe a year outside the business's life: before its founding or not yet begun. */
export class FiguresOutsideBusinessLife extends Schema.TaggedError<FiguresOutsideBusinessLife>(
  "@kemitraan/core/FiguresOutsideBusinessLife"
)("FiguresOutsideBusinessLife", {
  participantId: Schema.String,
  year: Schema.Number,
  foundedYear: Schema.Number,
  currentYear: Schema.Number
}) {
  override get message(): string {
    return `participant "${this.participantId}" cannot report figures for ${this.year}: it was founded in ${this.foundedYear} and the current year is ${this.currentYear}`
  }
}

/** Only SMEs report business figures; a counterpart's are not the library's concern. */
export class NotAnSme extends Schema.TaggedError<NotAnSme>("@kemitraan/core/NotAnSme")("NotAnSme", {
  participantId: Schema.String,
  action: Schema.String
}) {
  override get message(): string {
    return `participant "${this.participantId}" is a counterpart, not an SME, and cannot ${this.action}`
  }
}

/** The business already has an NIB: it is formal already. */
export class AlreadyFormal extends Schema.TaggedError<AlreadyFormal>("@kemitraan/core/AlreadyFormal")("AlreadyFormal", {
  participantId: Schema.String,
  nib: Schema.String
}) {
  override get message(): string {
    return `participant "${this.participantId}" already has NIB ${this.nib}`
  }
}

/**
 * The participant's province did not exist yet on the day in question (the day it is enrolled, or
 * the day of the forum it registers at): Papua Barat Daya (96), for one, exists from 8 December 2022.
 */
export class ProvinceNotYetFormed extends Schema.TaggedError<ProvinceNotYetFormed>(
  "@kemitraan/core/ProvinceNotYetFormed"
)("ProvinceNotYetFormed", {
  participantId: Schema.String,
  province: Schema.String,
  date: Schema.String,
  formedOn: Schema.String
}) {
  override get message(): string {
    return `participant "${this.participantId}" cannot be in province ${this.province} on ${this.date}: it was formed on ${this.formedOn}`
  }
}

/** Every error a participant command may fail with, besides the stream clock. */
export type ParticipantError =
  | ParticipantAlreadyEnrolled
  | ParticipantNotEnrolled
  | FoundedInTheFuture
  | FiguresAlreadyReported
  | FiguresNotReported
  | FiguresOutsideBusinessLife
  | NotAnSme
  | AlreadyFormal
  | ProvinceNotYetFormed
