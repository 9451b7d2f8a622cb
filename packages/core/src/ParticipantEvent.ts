/**
 * The events of a participant's stream (`Participant-<participantId>`). A participant is a business
 * enrolled once and reused across forums: an SME (UKM or IKM) or a counterpart (BUMN, Usaha Besar or
 * BUMD). Every event carries `at`, the instant it was decided, taken from the `Clock`.
 *
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"
import { Year } from "./CalendarDate.js"
import { ParticipantId } from "./Id.js"
import { Kbli } from "./Kbli.js"
import { Nib } from "./Nib.js"
import { ProvinceCode } from "./Province.js"
import { Rupiah } from "./Rupiah.js"
import { Text } from "./Text.js"

/** UKM: a small or medium enterprise; IKM: a small or medium industry (manufacturing). */
export const SmeKind = Schema.Literal("UKM", "IKM")
/** UKM or IKM. */
export type SmeKind = typeof SmeKind.Type

/** BUMN: a state-owned enterprise; UsahaBesar: a large private enterprise; BUMD: a regionally owned one. */
export const CounterpartKind = Schema.Literal("BUMN", "UsahaBesar", "BUMD")
/** BUMN, Usaha Besar or BUMD. */
export type CounterpartKind = typeof CounterpartKind.Type

/** A business's figures for one year: annual sales, business capital (excluding land and buildings), workers. */
export const BusinessFigures = Schema.Struct({
  annualSales: Rupiah,
  businessCapital: Rupiah,
  workers: Schema.NonNegativeInt
})
/** A business's figures for one year. */
export type BusinessFigures = typeof BusinessFigures.Type

/** What an SME is enrolled with. `nib` is absent for an informal business. */
export const SmeProfile = Schema.Struct({
  participantId: ParticipantId,
  legalName: Text,
  nib: Schema.optionalWith(Nib, { exact: true }),
  province: ProvinceCode,
  kbli: Kbli,
  kind: SmeKind,
  foundedYear: Year
})

/** An SME was enrolled. `nib` is absent for an informal business. */
export const SmeEnrolled = Schema.TaggedStruct("SmeEnrolled", { ...SmeProfile.fields, at: Schema.Date })
/** An SME was enrolled. */
export type SmeEnrolled = typeof SmeEnrolled.Type

/** What a counterpart is enrolled with. */
export const CounterpartProfile = Schema.Struct({
  participantId: ParticipantId,
  legalName: Text,
  kind: CounterpartKind,
  nib: Schema.optionalWith(Nib, { exact: true })
})

/** A counterpart (BUMN, Usaha Besar or BUMD) was enrolled. */
export const CounterpartEnrolled = Schema.TaggedStruct("CounterpartEnrolled", {
  ...CounterpartProfile.fields,
  at: Schema.Date
})
/** A counterpart was enrolled. */
export type CounterpartEnrolled = typeof CounterpartEnrolled.Type

/** A participant reported its business figures for a year, the first time for that year. */
export const BusinessFiguresReported = Schema.TaggedStruct("BusinessFiguresReported", {
  participantId: ParticipantId,
  year: Year,
  ...BusinessFigures.fields,
  at: Schema.Date
})
/** A participant reported its business figures for a year. */
export type BusinessFiguresReported = typeof BusinessFiguresReported.Type

/** A participant corrected the figures it had reported for a year; these replace them. */
export const BusinessFiguresCorrected = Schema.TaggedStruct("BusinessFiguresCorrected", {
  participantId: ParticipantId,
  year: Year,
  ...BusinessFigures.fields,
  reason: Text,
  at: Schema.Date
})
/** A participant corrected a year's figures. */
export type BusinessFiguresCorrected = typeof BusinessFiguresCorrected.Type

/** An informal business obtained an NIB (formalisation, a step of naik kelas). */
export const ParticipantFormalised = Schema.TaggedStruct("ParticipantFormalised", {
  participantId: ParticipantId,
  nib: Nib,
  at: Schema.Date
})
/** An informal business obtained an NIB. */
export type ParticipantFormalised = typeof ParticipantFormalised.Type

/** The event schemas of a participant's stream, in catalogue order. */
export const schemas = [
  SmeEnrolled,
  CounterpartEnrolled,
  BusinessFiguresReported,
  BusinessFiguresCorrected,
  ParticipantFormalised
] as const

/** An event of a participant's stream. */
export type ParticipantEvent = Schema.Schema.Type<(typeof schemas)[number]>
