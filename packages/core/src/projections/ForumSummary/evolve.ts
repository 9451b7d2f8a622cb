/**
 * How the forum summary folds an event into its tables. Every figure is a count, a distinct count
 * kept with one membership row per SME or counterpart, or a sum, so the rows do not depend on how the
 * forum's stream and its assessments' streams interleave in the log. Potentials only grow, so the
 * top category is either the one it was or the category an assessment just added to.
 *
 * @since 0.2.0
 */
import { ReadModel, type RecordedEvent } from "@kemitraan/eventsourcing"
import type { AssessmentRecorded } from "../../AssessmentEvent.js"
import type { ConsultationHeld } from "../../ConsultationEvent.js"
import type { CounterpartJoined, ForumResultsAnnounced, SmeRegistered } from "../../ForumEvent.js"
import type { KemitraanEvent } from "../../KemitraanEvent.js"
import * as Rupiah from "../../Rupiah.js"
import { type CounterpartRow, Counterparts, type ForumRow, Forums, Potential, Provinces, Smes } from "./tables.js"

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
  "AssessmentRecorded"
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

const assessed = (rows: Rows, forum: ForumRow, event: AssessmentRecorded): ForumRow =>
  potential(
    rows,
    assessedCounterpart(rows, engaged(rows, { ...forum, assessments: forum.assessments + 1 }, event), event),
    event
  )

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
