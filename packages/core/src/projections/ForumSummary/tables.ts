/**
 * The tables of the forum summary. `forum_summary`, `forum_potential` and `forum_province` are what
 * users query (see docs/sqlite-read-models.md); `forum_sme` and `forum_counterpart` remember who
 * registered, joined, met or was assessed, so that the distinct counts of `forum_summary` move by
 * one row per event.
 *
 * @since 0.2.0
 */
import { Table } from "@kemitraan/eventsourcing"
import * as Schema from "effect/Schema"
import { CalendarDate } from "../../CalendarDate.js"
import { ForumStatus } from "../../ForumState.js"
import { CounterpartKind } from "../../ParticipantEvent.js"
import { ProvinceCode } from "../../Province.js"
import { Rupiah, Total } from "../../Rupiah.js"
import { Count } from "../internal/readModel.js"

/** One row per forum (table `forum_summary`). */
export const ForumRow = Schema.Struct({
  forumId: Schema.String,
  title: Schema.NullOr(Schema.String),
  date: Schema.NullOr(CalendarDate),
  status: ForumStatus,
  smesRegistered: Count,
  /** Distinct provinces of the SMEs registered: the rows of `forum_province`. */
  provinces: Count,
  /** SMEs with at least one held consultation or assessment. */
  smesEngaged: Count,
  /** SMEs with at least one assessment. */
  smesAssessed: Count,
  counterpartsJoined: Count,
  /** Counterparts with at least one assessment. */
  counterpartsAssessed: Count,
  consultationsHeld: Count,
  assessments: Count,
  potentialValue: Total,
  /** The need category with the largest potential; ties go to the smallest category. */
  topCategory: Schema.NullOr(Schema.String),
  topCategoryPotentialValue: Schema.NullOr(Total),
  /** The counterpart with the largest potential in the top category; ties go to the smallest id. */
  topCategoryCounterpartId: Schema.NullOr(Schema.String),
  observers: Count,
  resultsDate: Schema.NullOr(CalendarDate),
  reportedPotentialValue: Schema.NullOr(Rupiah),
  reportedSmesRegistered: Schema.NullOr(Count),
  reportedSmesAssessed: Schema.NullOr(Count),
  reportedCounterparts: Schema.NullOr(Count),
  reportedProvinces: Schema.NullOr(Count)
})
/** One row per forum. */
export type ForumRow = typeof ForumRow.Type

/** One row per forum. */
export const Forums = Table.make({ name: "forum_summary", row: ForumRow, key: ["forumId"] })

/** Potential value per forum, need category and counterpart (table `forum_potential`). */
export const PotentialRow = Schema.Struct({
  forumId: Schema.String,
  category: Schema.String,
  counterpartId: Schema.String,
  potentialValue: Total
})
/** Potential value per forum, need category and counterpart. */
export type PotentialRow = typeof PotentialRow.Type

/**
 * Potential value per forum, need category and counterpart. Found by category when an assessment
 * may change the forum's top category; by counterpart for users.
 */
export const Potential = Table.make({
  name: "forum_potential",
  row: PotentialRow,
  key: ["forumId", "category", "counterpartId"],
  indexes: [["counterpartId"], ["forumId", "category"], ["forumId"]]
})

/** An assessment that stands at a forum (table `forum_assessment`): who it was between. */
export const AssessmentRow = Schema.Struct({
  forumId: Schema.String,
  consultationId: Schema.String,
  smeId: Schema.String,
  counterpartId: Schema.String,
  need: Schema.String
})
/** An assessment that stands at a forum. */
export type AssessmentRow = typeof AssessmentRow.Type

/**
 * The assessments that stand at each forum: a void removes its row, and the SMEs and counterparts
 * still assessed are read from those that remain.
 */
export const Assessments = Table.make({
  name: "forum_assessment",
  row: AssessmentRow,
  key: ["forumId", "consultationId"],
  indexes: [["forumId"]]
})

/** SMEs registered per forum and province (table `forum_province`). */
export const ProvinceRow = Schema.Struct({ forumId: Schema.String, province: ProvinceCode, smes: Count })
/** SMEs registered per forum and province. */
export type ProvinceRow = typeof ProvinceRow.Type

/** SMEs registered per forum and province; a province without SMEs has no row. */
export const Provinces = Table.make({ name: "forum_province", row: ProvinceRow, key: ["forumId", "province"] })

/** What the summary knows of an SME at a forum (table `forum_sme`). */
export const SmeRow = Schema.Struct({
  forumId: Schema.String,
  smeId: Schema.String,
  /** The province it registered from; null while its registration is not in the log. */
  province: Schema.NullOr(ProvinceCode),
  /** Whether it had a held consultation or an assessment at the forum. */
  engaged: Schema.Boolean,
  /** Whether it had an assessment at the forum. */
  assessed: Schema.Boolean
})
/** What the summary knows of an SME at a forum. */
export type SmeRow = typeof SmeRow.Type

/** SMEs registered at, or engaged at, a forum. */
export const Smes = Table.make({ name: "forum_sme", row: SmeRow, key: ["forumId", "smeId"] })

/** What the summary knows of a counterpart at a forum (table `forum_counterpart`). */
export const CounterpartRow = Schema.Struct({
  forumId: Schema.String,
  counterpartId: Schema.String,
  /** Null while its joining is not in the log. */
  legalName: Schema.NullOr(Schema.String),
  kind: Schema.NullOr(CounterpartKind),
  /** Whether it has at least one assessment at the forum. */
  assessed: Schema.Boolean
})
/** What the summary knows of a counterpart at a forum. */
export type CounterpartRow = typeof CounterpartRow.Type

/** Counterparts joined to, or assessed at, a forum. */
export const Counterparts = Table.make({
  name: "forum_counterpart",
  row: CounterpartRow,
  key: ["forumId", "counterpartId"]
})

/** Every table of the forum summary. */
export const tables = [Forums, Potential, Provinces, Smes, Counterparts, Assessments] as const
