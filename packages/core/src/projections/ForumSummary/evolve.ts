/**
 * How the forum summary folds an event into its tables. Every figure is a count, a distinct count
 * kept with one membership row per SME or counterpart, or a sum, so the rows do not depend on how the
 * forum's stream and its assessments' streams interleave in the log. A recorded assessment only adds
 * potential, so the top category is either the one it was or the category it added to; a correction
 * or a void, rare, reads every category of the forum to find it again, and a void reads the
 * assessments that still stand to tell which SMEs and counterparts are still assessed.
 *
 * @since 0.2.0
 */
import { ReadModel, type RecordedEvent } from "@kemitraan/eventsourcing"
import type { AssessmentCorrected, AssessmentRecorded, AssessmentVoided } from "../../AssessmentEvent.js"
import type { ConsultationHeld } from "../../ConsultationEvent.js"
import type { CounterpartJoined, ForumResultsAnnounced, SmeRegistered } from "../../ForumEvent.js"
import type { KemitraanEvent } from "../../KemitraanEvent.js"
import * as Rupiah from "../../Rupiah.js"
import {
  Assessments,
  type CounterpartRow,
  Counterparts,
  type ForumRow,
  Forums,
  Potential,
  type PotentialRow,
  Provinces,
  Smes
} from "./tables.js"

type Rows = ReadModel.Rows

/** The event types the summary reads; the runner skips the others without decoding them. */
export const eventTypes = [
  "ForumScheduled",
  "CounterpartJoined",
  "SmeRegistered",
  "ObserverAttended",
  "ForumOpened",
  "ForumClosed",
  "ForumResultsAnnounced",
  "ConsultationHeld",
  "AssessmentRecorded",
  "AssessmentCorrected",
  "AssessmentVoided"
] as const satisfies ReadonlyArray<KemitraanEvent["_tag"]>

const read = new Set<string>(eventTypes)

/** The rows an event reads, but for the old province of an SME registered again from another one. */
export const lookups = ({ event }: RecordedEvent.RecordedEvent<KemitraanEvent>): ReadonlyArray<ReadModel.Lookup> => {
  if (!read.has(event._tag) || !("forumId" in event)) return []
  const { forumId } = event
  const forum = ReadModel.lookup(Forums, { forumId })
  switch (event._tag) {
    case "SmeRegistered":
      return [
        forum,
        ReadModel.lookup(Smes, { forumId, smeId: event.smeId }),
        ReadModel.lookup(Provinces, { forumId, province: event.province })
      ]
    case "CounterpartJoined":
      return [forum, ReadModel.lookup(Counterparts, { forumId, counterpartId: event.counterpartId })]
    case "ConsultationHeld":
      return [forum, ReadModel.lookup(Smes, { forumId, smeId: event.smeId })]
    case "AssessmentRecorded":
      return [
        forum,
        ReadModel.lookup(Smes, { forumId, smeId: event.smeId }),
        ReadModel.lookup(Counterparts, { forumId, counterpartId: event.counterpartId }),
        ReadModel.lookup(Potential, { forumId, category: event.need })
      ]
    case "AssessmentCorrected":
      return [forum, ReadModel.lookup(Potential, { forumId })]
    case "AssessmentVoided":
      return [
        forum,
        ReadModel.lookup(Potential, { forumId }),
        ReadModel.lookup(Assessments, { forumId }),
        ReadModel.lookup(Smes, { forumId, smeId: event.smeId }),
        ReadModel.lookup(Counterparts, { forumId, counterpartId: event.counterpartId })
      ]
    default:
      return [forum]
  }
}

const emptyForum = (forumId: string): ForumRow => ({
  forumId,
  title: null,
  date: null,
  status: "Unscheduled",
  smesRegistered: 0,
  provinces: 0,
  smesEngaged: 0,
  smesAssessed: 0,
  counterpartsJoined: 0,
  counterpartsAssessed: 0,
  consultationsHeld: 0,
  assessments: 0,
  potentialValue: Rupiah.zeroTotal,
  topCategory: null,
  topCategoryPotentialValue: null,
  topCategoryCounterpartId: null,
  observers: 0,
  resultsDate: null,
  reportedPotentialValue: null,
  reportedSmesRegistered: null,
  reportedSmesAssessed: null,
  reportedCounterparts: null,
  reportedProvinces: null
})

/** Adds `by` SMEs to a forum's province; returns how the count of the forum's provinces changes. */
const addToProvince = (rows: Rows, forumId: string, province: SmeRegistered["province"], by: 1 | -1): number => {
  const smes = (rows.get(Provinces, { forumId, province })?.smes ?? 0) + by
  if (smes === 0) rows.remove(Provinces, { forumId, province })
  else rows.put(Provinces, { forumId, province, smes })
  return smes === 0 ? -1 : smes === 1 && by === 1 ? 1 : 0
}

const registered = (rows: Rows, forum: ForumRow, event: SmeRegistered): ForumRow => {
  const { forumId, smeId, province } = event
  const sme = rows.get(Smes, { forumId, smeId })
  if (sme?.province === province) return forum
  rows.put(Smes, { forumId, smeId, province, engaged: sme?.engaged ?? false, assessed: sme?.assessed ?? false })
  const moved = sme?.province == null ? 0 : addToProvince(rows, forumId, sme.province, -1)
  return {
    ...forum,
    smesRegistered: forum.smesRegistered + (sme?.province == null ? 1 : 0),
    provinces: forum.provinces + moved + addToProvince(rows, forumId, province, 1)
  }
}

const joined = (rows: Rows, forum: ForumRow, event: CounterpartJoined): ForumRow => {
  const { forumId, counterpartId } = event
  const counterpart = rows.get(Counterparts, { forumId, counterpartId })
  const row = { forumId, counterpartId, legalName: event.legalName, kind: event.kind }
  rows.put(Counterparts, { ...row, assessed: counterpart?.assessed ?? false })
  return counterpart?.legalName == null ? { ...forum, counterpartsJoined: forum.counterpartsJoined + 1 } : forum
}

/** Marks the SME of a held consultation or an assessment as engaged at the forum, and assessed for an assessment. */
const engaged = (rows: Rows, forum: ForumRow, event: ConsultationHeld | AssessmentRecorded): ForumRow => {
  const { forumId, smeId } = event
  const sme = rows.get(Smes, { forumId, smeId })
  const assessed = event._tag === "AssessmentRecorded"
  if (sme?.engaged === true && (sme.assessed || !assessed)) return forum
  rows.put(Smes, {
    forumId,
    smeId,
    province: sme?.province ?? null,
    engaged: true,
    assessed: assessed || sme?.assessed === true
  })
  return {
    ...forum,
    smesEngaged: forum.smesEngaged + (sme?.engaged === true ? 0 : 1),
    smesAssessed: forum.smesAssessed + (assessed && sme?.assessed !== true ? 1 : 0)
  }
}

const assessedCounterpart = (rows: Rows, forum: ForumRow, event: AssessmentRecorded): ForumRow => {
  const { forumId, counterpartId } = event
  const counterpart = rows.get(Counterparts, { forumId, counterpartId })
  if (counterpart?.assessed === true) return forum
  const unjoined: CounterpartRow = { forumId, counterpartId, legalName: null, kind: null, assessed: true }
  rows.put(Counterparts, counterpart === undefined ? unjoined : { ...counterpart, assessed: true })
  return { ...forum, counterpartsAssessed: forum.counterpartsAssessed + 1 }
}

/** Adds an assessment's potential to its category and counterpart, and moves the top category if it now leads. */
const potential = (rows: Rows, forum: ForumRow, event: AssessmentRecorded): ForumRow => {
  const { forumId, need: category, counterpartId } = event
  const old = rows.find(Potential, { forumId, category }).find((row) => row.counterpartId === counterpartId)
  const potentialValue = Rupiah.add(old?.potentialValue ?? Rupiah.zeroTotal, event.potentialValue)
  rows.put(Potential, { forumId, category, counterpartId, potentialValue })
  const inCategory = rows.find(Potential, { forumId, category })
  const total = Rupiah.sum(inCategory.map((row) => row.potentialValue))
  const leads =
    forum.topCategory === null ||
    forum.topCategory === category ||
    total > (forum.topCategoryPotentialValue ?? 0n) ||
    (total === forum.topCategoryPotentialValue && category < forum.topCategory)
  // Rows come in counterpart order, so the first of the largest is the smallest id among equals.
  const asker = inCategory.reduce((best, row) => (row.potentialValue > best.potentialValue ? row : best))
  const added = { ...forum, potentialValue: Rupiah.add(forum.potentialValue, event.potentialValue) }
  return leads
    ? {
        ...added,
        topCategory: category,
        topCategoryPotentialValue: total,
        topCategoryCounterpartId: asker.counterpartId
      }
    : added
}

/** The top category among all of the forum's potential rows: after a correction or a void. */
const topOf = (forum: ForumRow, all: ReadonlyArray<PotentialRow>): ForumRow => {
  const byCategory = new Map<string, Array<PotentialRow>>()
  for (const row of all) byCategory.set(row.category, [...(byCategory.get(row.category) ?? []), row])
  let top: { category: string; total: Rupiah.Total; counterpartId: string } | undefined
  // Categories in order, so that the first of the largest is the smallest category among equals.
  for (const [category, inCategory] of [...byCategory].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    const total = Rupiah.sum(inCategory.map((row) => row.potentialValue))
    if (top !== undefined && total <= top.total) continue
    const asker = inCategory.reduce((best, row) => (row.potentialValue > best.potentialValue ? row : best))
    top = { category, total, counterpartId: asker.counterpartId }
  }
  return {
    ...forum,
    topCategory: top?.category ?? null,
    topCategoryPotentialValue: top?.total ?? null,
    topCategoryCounterpartId: top?.counterpartId ?? null
  }
}

/** Replaces an assessment's potential in its category and counterpart and in the forum's total. */
const repotential = (
  rows: Rows,
  forum: ForumRow,
  event: AssessmentCorrected | AssessmentVoided,
  before: Rupiah.Rupiah,
  after: Rupiah.Rupiah,
  stands = true
): ForumRow => {
  const { forumId, need: category, counterpartId } = event
  const old = rows.find(Potential, { forumId, category }).find((row) => row.counterpartId === counterpartId)
  if (old !== undefined && !stands) rows.remove(Potential, { forumId, category, counterpartId })
  else if (old !== undefined) {
    rows.put(Potential, { ...old, potentialValue: Rupiah.replace(old.potentialValue, before, after) })
  }
  const replaced = { ...forum, potentialValue: Rupiah.replace(forum.potentialValue, before, after) }
  return topOf(replaced, rows.find(Potential, { forumId }))
}

/** A void: one assessment fewer, its potential withdrawn, its SME and counterpart assessed while others stand. */
const voided = (rows: Rows, forum: ForumRow, event: AssessmentVoided): ForumRow => {
  const { forumId, consultationId, smeId, counterpartId } = event
  rows.remove(Assessments, { forumId, consultationId })
  const standing = rows.find(Assessments, { forumId })
  // The potential row of the need and counterpart goes with the last assessment that stood in it.
  const stands = standing.some((row) => row.need === event.need && row.counterpartId === counterpartId)
  const fewer = { ...forum, assessments: forum.assessments - 1 }
  const next = repotential(rows, fewer, event, event.potentialValue, Rupiah.zero, stands)
  const sme = rows.get(Smes, { forumId, smeId })
  const smeStill = standing.some((row) => row.smeId === smeId)
  if (sme !== undefined && sme.assessed && !smeStill) rows.put(Smes, { ...sme, assessed: false })
  const counterpart = rows.get(Counterparts, { forumId, counterpartId })
  const counterpartStill = standing.some((row) => row.counterpartId === counterpartId)
  if (counterpart !== undefined && counterpart.assessed && !counterpartStill) {
    rows.put(Counterparts, { ...counterpart, assessed: false })
  }
  return {
    ...next,
    smesAssessed: next.smesAssessed - (sme?.assessed === true && !smeStill ? 1 : 0),
    counterpartsAssessed: next.counterpartsAssessed - (counterpart?.assessed === true && !counterpartStill ? 1 : 0)
  }
}

const assessed = (rows: Rows, forum: ForumRow, event: AssessmentRecorded): ForumRow => {
  const { forumId, consultationId, smeId, counterpartId, need } = event
  rows.put(Assessments, { forumId, consultationId, smeId, counterpartId, need })
  return potential(
    rows,
    assessedCounterpart(rows, engaged(rows, { ...forum, assessments: forum.assessments + 1 }, event), event),
    event
  )
}

const announced = (forum: ForumRow, event: ForumResultsAnnounced): ForumRow => ({
  ...forum,
  status: "ResultsAnnounced",
  resultsDate: event.date,
  reportedPotentialValue: event.reported.potentialValue ?? null,
  reportedSmesRegistered: event.reported.smesRegistered ?? null,
  reportedSmesAssessed: event.reported.smesAssessed ?? null,
  reportedCounterparts: event.reported.counterparts ?? null,
  reportedProvinces: event.reported.provinces ?? null
})

/** The forum's row after an event of the forum, with the other rows the event changes written. */
const next = (rows: Rows, forum: ForumRow, event: KemitraanEvent): ForumRow => {
  switch (event._tag) {
    case "ForumScheduled":
      return { ...forum, title: event.title, date: event.date, status: "Scheduled" }
    case "CounterpartJoined":
      return joined(rows, forum, event)
    case "SmeRegistered":
      return registered(rows, forum, event)
    case "ObserverAttended":
      return { ...forum, observers: forum.observers + 1 }
    case "ForumOpened":
      return { ...forum, status: "Open" }
    case "ForumClosed":
      return { ...forum, status: "Closed" }
    case "ForumResultsAnnounced":
      return announced(forum, event)
    case "ConsultationHeld":
      return engaged(rows, { ...forum, consultationsHeld: forum.consultationsHeld + 1 }, event)
    case "AssessmentRecorded":
      return assessed(rows, forum, event)
    case "AssessmentCorrected":
      return repotential(rows, forum, event, event.previousPotentialValue, event.potentialValue)
    case "AssessmentVoided":
      return voided(rows, forum, event)
    default:
      return forum
  }
}

/** Folds one event into the summary's tables. */
export const evolve = (rows: Rows, { event }: RecordedEvent.RecordedEvent<KemitraanEvent>): void => {
  if (!read.has(event._tag) || !("forumId" in event)) return
  const forum = rows.get(Forums, { forumId: event.forumId }) ?? emptyForum(event.forumId)
  rows.put(Forums, next(rows, forum, event))
}
