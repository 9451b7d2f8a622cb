/**
 * The read models' tables, one per row schema of the core's projections. Their columns follow the
 * row schemas field by field (see `readModelTable.ts`); `readModelSchema.ts` creates them.
 */
import { ClassAdvancement, ForumSummary, SupplyChain } from "@kemitraan/core"
import * as Table from "./readModelTable.js"

/** One row per forum: counts, totals, the top category, the figures reported with the results. */
export const forumSummary = Table.make({ name: "forum_summary", row: ForumSummary.ForumRow, key: ["forumId"] })

/** Potential value per forum, need category and counterpart. */
export const forumPotential = Table.make({
  name: "forum_potential",
  row: ForumSummary.PotentialRow,
  key: ["forumId", "category", "counterpartId"]
})

/** SMEs registered per forum and province. */
export const forumProvince = Table.make({
  name: "forum_province",
  row: ForumSummary.ProvinceRow,
  key: ["forumId", "province"]
})

/** One row per SME and year reported: the figures and the class they give. */
export const classYear = Table.make({
  name: "class_year",
  row: ClassAdvancement.ClassYearRow,
  key: ["participantId", "year"]
})

/** One row per SME: its first and latest class and the outcome between them. */
export const classParticipant = Table.make({
  name: "class_participant",
  row: ClassAdvancement.ParticipantRow,
  key: ["participantId"]
})

/** One row per forum and registered SME: the class in force at registration and now. */
export const classCohort = Table.make({
  name: "class_cohort",
  row: ClassAdvancement.CohortRow,
  key: ["forumId", "smeId"]
})

/** Measured SMEs per forum, baseline class and current class. `from` and `to` are SQL keywords. */
export const classTransition = Table.make({
  name: "class_transition",
  row: ClassAdvancement.TransitionRow,
  key: ["forumId", "from", "to"],
  rename: { from: "from_class", to: "to_class" }
})

/** One row per held consultation: how far it went towards a supply relationship. */
export const supplyEngagement = Table.make({
  name: "supply_engagement",
  row: SupplyChain.EngagementRow,
  key: ["forumId", "consultationId"]
})

/** One row per SME-counterpart pair over every forum: the furthest stage and the values. */
export const supplyPair = Table.make({
  name: "supply_pair",
  row: SupplyChain.PairRow,
  key: ["smeId", "counterpartId"]
})

/** The funnel per forum, as a whole (`dimension = 'all'`) and by counterpart, category and province. */
export const supplyFunnel = Table.make({
  name: "supply_funnel",
  row: SupplyChain.FunnelRow,
  key: ["forumId", "dimension", "key"]
})

/** Every table, in the order the migration creates them. */
export const all: ReadonlyArray<Table.Layout> = [
  forumSummary,
  forumPotential,
  forumProvince,
  classYear,
  classParticipant,
  classCohort,
  classTransition,
  supplyEngagement,
  supplyPair,
  supplyFunnel
]
