/**
 * The tables of the class-advancement read model: each SME's years with their class, each SME's
 * first and latest class, each forum's cohort with the class in force before the forum and now, and
 * the per-forum counts of measured SMEs by class before and after.
 *
 * @since 0.2.0
 */
import { Table } from "@kemitraan/eventsourcing"
import { Schema } from "effect"
import * as BusinessClass from "../../BusinessClass.js"
import { Year } from "../../CalendarDate.js"
import * as Kbli from "../../Kbli.js"
import { ProvinceCode } from "../../Province.js"
import { Rupiah } from "../../Rupiah.js"
import { Count } from "../internal/readModel.js"

/** Whether an SME moved up, stayed or moved down between a baseline year and a later year. */
export const Outcome = Schema.Literal("Advanced", "Stayed", "Declined", "Unmeasured")
/**
 * Advanced (naik kelas), Stayed, Declined; Unmeasured when there is no year after the baseline
 * (or no figures at all).
 */
export type Outcome = typeof Outcome.Type

/** One row per SME and year reported, classified with the SME's founding year (table `class_year`). */
export const ClassYearRow = Schema.Struct({
  participantId: Schema.String,
  year: Year,
  annualSales: Rupiah,
  businessCapital: Rupiah,
  workers: Count,
  basis: BusinessClass.Basis,
  businessClass: BusinessClass.BusinessClass
})
/** One row per SME and year reported. */
export type ClassYearRow = typeof ClassYearRow.Type

/** One year of an SME's figures with its class. */
export type ClassYear = Omit<ClassYearRow, "participantId">

const classColumns = {
  baselineYear: Schema.NullOr(Year),
  baselineClass: Schema.NullOr(BusinessClass.BusinessClass),
  currentYear: Schema.NullOr(Year),
  currentClass: Schema.NullOr(BusinessClass.BusinessClass),
  outcome: Outcome
}

/**
 * One row per SME seen in the log (enrolled, reporting figures or formalised): its profile, its
 * first and latest class, and the outcome between them (table `class_participant`).
 */
export const ParticipantRow = Schema.Struct({
  participantId: Schema.String,
  foundedYear: Schema.NullOr(Year),
  province: Schema.NullOr(ProvinceCode),
  kbli: Schema.NullOr(Kbli.Kbli),
  ...classColumns,
  informalAtEnrolment: Schema.NullOr(Schema.Boolean),
  formalisedIn: Schema.NullOr(Year)
})
/** One row per SME. */
export type ParticipantRow = typeof ParticipantRow.Type

/**
 * One row per forum and registered SME: the class in force before the forum (the latest year before
 * the forum's year, or else the first year reported) and the latest class (table `class_cohort`).
 * It carries the registered KBLI code and the forum's year, so that a change of the SME's figures
 * or of the forum's date updates the row from the row itself.
 */
export const CohortRow = Schema.Struct({
  forumId: Schema.String,
  smeId: Schema.String,
  province: ProvinceCode,
  /** The KBLI 2020 section of the registered sector (A to U). */
  sector: Schema.String,
  ...classColumns,
  informalAtRegistration: Schema.Boolean,
  /** Registered without an NIB and obtained one since. */
  formalised: Schema.Boolean,
  kbli: Kbli.Kbli,
  /** The year of the forum's date; null until the forum's scheduling is seen. */
  forumYear: Schema.NullOr(Year)
})
/** One row per forum and registered SME. */
export type CohortRow = typeof CohortRow.Type

/** Measured SMEs per forum, baseline class and current class; only non-empty cells (table `class_transition`). */
export const TransitionRow = Schema.Struct({
  forumId: Schema.String,
  from: BusinessClass.BusinessClass,
  to: BusinessClass.BusinessClass,
  smes: Count
})
/** Measured SMEs per forum and transition. */
export type TransitionRow = typeof TransitionRow.Type

/** One row per forum with a cohort: the year of its date, null until scheduled (table `class_forum`). */
export const ForumYearRow = Schema.Struct({
  forumId: Schema.String,
  year: Schema.NullOr(Year)
})
/** One row per forum with a cohort. */
export type ForumYearRow = typeof ForumYearRow.Type

/** SMEs' years, found by SME (to classify and measure them) and by year and class (for users). */
export const ClassYears = Table.make({
  name: "class_year",
  row: ClassYearRow,
  key: ["participantId", "year"],
  indexes: [["participantId"], ["year", "businessClass"]]
})

/** SMEs' first and latest class. */
export const Participants = Table.make({
  name: "class_participant",
  row: ParticipantRow,
  key: ["participantId"],
  indexes: [["province"]]
})

/** Cohort members, found by SME (when its figures change) and by forum (when the forum's date is known). */
export const Cohorts = Table.make({
  name: "class_cohort",
  row: CohortRow,
  key: ["forumId", "smeId"],
  indexes: [["smeId"], ["forumId"]]
})

/** Transition counts, found by forum. */
export const Transitions = Table.make({
  name: "class_transition",
  row: TransitionRow,
  key: ["forumId", "from", "to"],
  indexes: [["forumId"]],
  columns: { from: "from_class", to: "to_class" }
})

/** Forums with a cohort, and their year. */
export const Forums = Table.make({
  name: "class_forum",
  row: ForumYearRow,
  key: ["forumId"]
})

/** Every table of the read model. */
export const tables = [ClassYears, Participants, Cohorts, Transitions, Forums] as const
