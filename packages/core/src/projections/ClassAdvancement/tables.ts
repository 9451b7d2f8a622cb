/**
 * The tables of the class-advancement read model: each SME's years with their class and whether they
 * are a whole year, each SME's first and latest whole year compared, each forum's cohort with its
 * baseline (the latest whole year no later than the forum's) compared with the latest whole year
 * after the forum and with each of the three years after it, the per-forum counts of measured SMEs
 * by class before and after, and the contracts each cohort member won at the forum.
 *
 * @since 0.2.0
 */
import { Table } from "@kemitraan/eventsourcing"
import * as Schema from "effect/Schema"
import * as BusinessClass from "../../BusinessClass.js"
import { Year } from "../../CalendarDate.js"
import * as Kbli from "../../Kbli.js"
import { ProvinceCode } from "../../Province.js"
import { Rupiah, Total } from "../../Rupiah.js"
import { Count } from "../internal/readModel.js"

/** Whether an SME moved up, stayed or moved down between a baseline year and a later year. */
export const Outcome = Schema.Literal("Advanced", "Stayed", "Declined", "Unmeasured")
/**
 * Advanced (naik kelas), Stayed, Declined; Unmeasured when there is no whole year to compare: no
 * baseline, or no later year.
 */
export type Outcome = typeof Outcome.Type

/** One row per SME and year reported, classified with the SME's founding year (table `class_year`). */
export const ClassYearRow = Schema.Struct({
  participantId: Schema.String,
  year: Year,
  annualSales: Rupiah,
  businessCapital: Rupiah,
  workers: Count,
  /** What the year's own class was measured by (PP 7/2021 art. 35, one year on its own). */
  basis: BusinessClass.Basis,
  businessClass: BusinessClass.BusinessClass,
  /** Reported or corrected after the year ended: a whole year, which comparisons may use. */
  complete: Schema.Boolean
})
/** One row per SME and year reported. */
export type ClassYearRow = typeof ClassYearRow.Type

/** One year of an SME's figures with its class. */
export type ClassYear = Omit<ClassYearRow, "participantId">

/**
 * A comparison of a baseline year with a later year. The classes are those of the comparison's one
 * basis (the baseline's own class while there is no later year); `basis` is null when unmeasured.
 */
const classColumns = {
  baselineYear: Schema.NullOr(Year),
  baselineClass: Schema.NullOr(BusinessClass.BusinessClass),
  currentYear: Schema.NullOr(Year),
  currentClass: Schema.NullOr(BusinessClass.BusinessClass),
  basis: Schema.NullOr(BusinessClass.Basis),
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
 * One row per forum and registered SME (table `class_cohort`): the baseline, the latest whole year no
 * later than the forum's year, compared with the latest whole year after the forum's year, and the
 * outcome at each horizon, comparing the baseline with the whole year t+1, t+2 and t+3 (Unmeasured
 * when that year is not reported whole).
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
  outcomeT1: Outcome,
  outcomeT2: Outcome,
  outcomeT3: Outcome,
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

/** Contracts (and purchase orders) an SME won from its assessments at a forum (table `class_contract`). */
export const ContractRow = Schema.Struct({
  forumId: Schema.String,
  smeId: Schema.String,
  contracts: Count,
  contractedValue: Total
})
/** Contracts an SME won at a forum. */
export type ContractRow = typeof ContractRow.Type

/** Contracts per forum and SME, found by forum to set beside advancement. */
export const Contracts = Table.make({
  name: "class_contract",
  row: ContractRow,
  key: ["forumId", "smeId"]
})

/** Every table of the read model. */
export const tables = [ClassYears, Participants, Cohorts, Transitions, Forums, Contracts] as const
