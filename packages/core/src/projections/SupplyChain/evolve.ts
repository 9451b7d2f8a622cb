/**
 * How supply-chain integration folds an event into its tables. Stages only move forward and values
 * only add up, and every distinct count is kept per group from the SME's own engagements there, so
 * the rows do not depend on how the forums' streams and the assessments' streams interleave.
 *
 * A consultation's events all name the same SME and counterpart (the forum's and the assessment's
 * deciders see to it), so an engagement is found among its SME's engagements at the forum: the
 * look-up that also gives the rows its funnel groups are counted from.
 *
 * @since 0.2.0
 */
import { ReadModel, type RecordedEvent } from "@kemitraan/eventsourcing"
import type { AssessmentRef } from "../../AssessmentEvent.js"
import * as Kbli from "../../Kbli.js"
import type { KemitraanEvent } from "../../KemitraanEvent.js"
import type { CounterpartKind } from "../../ParticipantEvent.js"
import type { ProvinceCode } from "../../Province.js"
import * as Rupiah from "../../Rupiah.js"
import { regroup } from "./funnelRows.js"
import {
  Counterparts,
  type EngagementRow,
  Engagements,
  Funnels,
  type PairRow,
  Pairs,
  Smes,
  type SmeRow,
  type Stage,
  stages
} from "./tables.js"

type Rows = ReadModel.Rows

/** The forum, consultation, SME and counterpart of an engagement. */
type Meeting = Omit<AssessmentRef, "category">

/** The event types the read model reads; the runner skips the others without decoding them. */
export const eventTypes = [
  "CounterpartEnrolled",
  "CounterpartJoined",
  "SmeRegistered",
  "ConsultationHeld",
  "AssessmentRecorded",
  "VendorRegistered",
  "ContractAwarded",
  "DeliveryAccepted",
  "AssessmentClosedWithoutDeal",
  "AssessmentCorrected",
  "AssessmentVoided",
  "ContractCorrected",
  "ContractVoided",
  "DeliveryCorrected",
  "DeliveryVoided"
] as const satisfies ReadonlyArray<KemitraanEvent["_tag"]>

const meetingLookups = (event: Meeting): ReadonlyArray<ReadModel.Lookup> => [
  ReadModel.lookup(Smes, { smeId: event.smeId }),
  ReadModel.lookup(Counterparts, { counterpartId: event.counterpartId }),
  ReadModel.lookup(Engagements, { forumId: event.forumId, smeId: event.smeId }),
  ReadModel.lookup(Pairs, { smeId: event.smeId, counterpartId: event.counterpartId }),
  ReadModel.lookup(Funnels, { forumId: event.forumId })
]

/**
 * The rows an event reads. Not declared, each a round trip when it happens: a funnel group new to
 * its forum, and the engagements of an SME whose province changes once it has some.
 */
export const lookups = ({ event }: RecordedEvent.RecordedEvent<KemitraanEvent>): ReadonlyArray<ReadModel.Lookup> => {
  switch (event._tag) {
    case "SmeRegistered":
      return [ReadModel.lookup(Smes, { smeId: event.smeId })]
    case "CounterpartEnrolled":
      return [
        ReadModel.lookup(Counterparts, { counterpartId: event.participantId }),
        ReadModel.lookup(Engagements, { counterpartId: event.participantId })
      ]
    case "CounterpartJoined":
      return [
        ReadModel.lookup(Counterparts, { counterpartId: event.counterpartId }),
        ReadModel.lookup(Engagements, { counterpartId: event.counterpartId })
      ]
    case "ConsultationHeld":
    case "AssessmentRecorded":
    case "VendorRegistered":
    case "ContractAwarded":
    case "DeliveryAccepted":
    case "AssessmentClosedWithoutDeal":
    case "AssessmentCorrected":
    case "AssessmentVoided":
    case "ContractCorrected":
    case "ContractVoided":
    case "DeliveryCorrected":
    case "DeliveryVoided":
      return meetingLookups(event)
    default:
      return []
  }
}

const later = (a: Stage, b: Stage): Stage => (stages.indexOf(b) > stages.indexOf(a) ? b : a)

const smeOf = (rows: Rows, smeId: string): SmeRow =>
  rows.get(Smes, { smeId }) ?? { smeId, province: null, sector: null, engagements: 0 }

/**
 * Records an SME's province and sector, and moves its engagements (and their funnel groups) there
 * when they changed. Its engagements at a forum are every engagement of its own there, so the
 * distinct SME counts of the groups move correctly.
 */
const locate = (rows: Rows, smeId: string, province: ProvinceCode, kbli: Kbli.Kbli): void => {
  const sme = smeOf(rows, smeId)
  const sector = Kbli.sectionOf(kbli) ?? kbli
  if (sme.province === province && sme.sector === sector) return
  rows.put(Smes, { ...sme, province, sector })
  if (sme.engagements === 0) return
  const byForum = new Map<string, Array<EngagementRow>>()
  for (const engagement of rows.find(Engagements, { smeId })) {
    byForum.set(engagement.forumId, [...(byForum.get(engagement.forumId) ?? []), engagement])
  }
  for (const [forumId, before] of byForum) {
    const after = before.map((engagement) => ({ ...engagement, province, sector }))
    for (const engagement of after) rows.put(Engagements, engagement)
    regroup(rows, forumId, before, after)
  }
}

/**
 * Records a counterpart's name and kind. Engagements met before its kind was known (a log read in
 * another order) move to their kind's group; the whole forum is regrouped, since an SME may meet
 * several counterparts of one kind.
 */
const counterpart = (rows: Rows, counterpartId: string, legalName: string, kind: CounterpartKind): void => {
  const before = rows.get(Counterparts, { counterpartId })
  rows.put(Counterparts, { counterpartId, legalName, kind })
  if (before?.kind === kind) return
  const stale = rows.find(Engagements, { counterpartId }).filter((engagement) => engagement.counterpartKind !== kind)
  for (const forumId of new Set(stale.map((engagement) => engagement.forumId))) {
    const atForum = rows.find(Engagements, { forumId })
    const after = atForum.map((engagement) =>
      engagement.counterpartId === counterpartId ? { ...engagement, counterpartKind: kind } : engagement
    )
    for (const engagement of after) if (engagement.counterpartId === counterpartId) rows.put(Engagements, engagement)
    regroup(rows, forumId, atForum, after)
  }
}

const newEngagement = (meeting: Meeting, sme: SmeRow, counterpartKind: CounterpartKind | null): EngagementRow => ({
  forumId: meeting.forumId,
  consultationId: meeting.consultationId,
  smeId: meeting.smeId,
  counterpartId: meeting.counterpartId,
  category: null,
  need: null,
  potentialValue: Rupiah.zeroTotal,
  contractedValue: Rupiah.zeroTotal,
  deliveredValue: Rupiah.zeroTotal,
  contracts: 0,
  deliveries: 0,
  closedWithoutDeal: null,
  province: sme.province,
  sector: sme.sector,
  counterpartKind,
  stage: "Consulted"
})

/** `total + after - before`: a value grows, or is corrected or voided. */
const grown = (total: Rupiah.Total, before: Rupiah.Total | undefined, after: Rupiah.Total): Rupiah.Total =>
  Rupiah.replace(total, before ?? Rupiah.zeroTotal, after)

const newPair = (smeId: string, counterpartId: string): PairRow => ({
  smeId,
  counterpartId,
  stage: "Consulted",
  engagements: 0,
  potentialValue: Rupiah.zeroTotal,
  contractedValue: Rupiah.zeroTotal,
  deliveredValue: Rupiah.zeroTotal
})

/**
 * The pair's stage once an engagement changed: the furthest stage of its engagements. A step that
 * moves an engagement back (a void) makes the pair's stage the furthest of its engagements as they
 * now stand, read among the SME's engagements (a round trip, for a void only).
 */
const pairStage = (rows: Rows, pair: PairRow, before: EngagementRow | undefined, after: EngagementRow): Stage => {
  if (before === undefined || stages.indexOf(after.stage) >= stages.indexOf(before.stage)) {
    return later(pair.stage, after.stage)
  }
  let stage: Stage = "Consulted"
  for (const engagement of rows.find(Engagements, { smeId: after.smeId })) {
    if (engagement.counterpartId === after.counterpartId) stage = later(stage, engagement.stage)
  }
  return stage
}

/** Carries an engagement's step over to its pair: the furthest stage, one more engagement if new, the values changed. */
const pairStep = (rows: Rows, before: EngagementRow | undefined, after: EngagementRow): void => {
  const { smeId, counterpartId } = after
  const pair = rows.get(Pairs, { smeId, counterpartId }) ?? newPair(smeId, counterpartId)
  rows.put(Pairs, {
    smeId,
    counterpartId,
    stage: pairStage(rows, pair, before, after),
    engagements: pair.engagements + (before === undefined ? 1 : 0),
    potentialValue: grown(pair.potentialValue, before?.potentialValue, after.potentialValue),
    contractedValue: grown(pair.contractedValue, before?.contractedValue, after.contractedValue),
    deliveredValue: grown(pair.deliveredValue, before?.deliveredValue, after.deliveredValue)
  })
}

/** Applies a step to a meeting's engagement (made when it is the first), its pair and its forum's funnel. */
const advance = (rows: Rows, meeting: Meeting, step: (engagement: EngagementRow) => EngagementRow): void => {
  const sme = smeOf(rows, meeting.smeId)
  const atForum = rows.find(Engagements, { forumId: meeting.forumId, smeId: meeting.smeId })
  const before = atForum.find((engagement) => engagement.consultationId === meeting.consultationId)
  const kind = rows.get(Counterparts, { counterpartId: meeting.counterpartId })?.kind ?? null
  const after = step(before ?? newEngagement(meeting, sme, kind))
  rows.put(Engagements, after)
  if (before === undefined) rows.put(Smes, { ...sme, engagements: sme.engagements + 1 })
  pairStep(rows, before, after)
  const others = atForum.filter((engagement) => engagement !== before)
  regroup(rows, meeting.forumId, atForum, [...others, after])
}

const reach =
  (stage: Stage) =>
  (engagement: EngagementRow): EngagementRow => ({ ...engagement, stage: later(engagement.stage, stage) })

const consulted = reach("Consulted")
const assessed = reach("Assessed")
const vendorRegistered = reach("VendorRegistered")
const contracted = reach("Contracted")
const delivered = reach("Delivered")

/** An engagement whose assessment was voided: consulted, as if never assessed (what followed is void too). */
const unassessed = (engagement: EngagementRow): EngagementRow => ({
  ...engagement,
  stage: "Consulted",
  category: null,
  need: null,
  potentialValue: Rupiah.zeroTotal,
  closedWithoutDeal: null
})

/** An engagement with one contract voided: without contracts it is back to a registered vendor. */
const uncontracted = (engagement: EngagementRow, value: Rupiah.Rupiah): EngagementRow => {
  const contracts = engagement.contracts - 1
  return {
    ...engagement,
    contracts,
    contractedValue: Rupiah.replace(engagement.contractedValue, value, Rupiah.zero),
    stage: contracts > 0 ? engagement.stage : "VendorRegistered"
  }
}

/** An engagement with one delivery voided: without deliveries it is back to contracted. */
const undelivered = (engagement: EngagementRow, value: Rupiah.Rupiah): EngagementRow => {
  const deliveries = engagement.deliveries - 1
  return {
    ...engagement,
    deliveries,
    deliveredValue: Rupiah.replace(engagement.deliveredValue, value, Rupiah.zero),
    stage: deliveries > 0 ? engagement.stage : "Contracted"
  }
}

/** Folds a correction or a void: the values it replaces or withdraws, and the stage it moves back. */
const amend = (rows: Rows, event: Amendment): void => {
  switch (event._tag) {
    case "AssessmentCorrected":
      return advance(rows, event, (engagement) => ({
        ...engagement,
        potentialValue: Rupiah.replace(engagement.potentialValue, event.previousPotentialValue, event.potentialValue)
      }))
    case "AssessmentVoided":
      return advance(rows, event, unassessed)
    case "ContractCorrected":
      return advance(rows, event, (engagement) => ({
        ...engagement,
        contractedValue: Rupiah.replace(engagement.contractedValue, event.previousValue, event.value)
      }))
    case "ContractVoided":
      return advance(rows, event, (engagement) => uncontracted(engagement, event.value))
    case "DeliveryCorrected":
      return advance(rows, event, (engagement) => ({
        ...engagement,
        deliveredValue: Rupiah.replace(engagement.deliveredValue, event.previousValue, event.value)
      }))
    case "DeliveryVoided":
      return advance(rows, event, (engagement) => undelivered(engagement, event.value))
  }
}

type Amendment = Extract<
  KemitraanEvent,
  {
    readonly _tag:
      | "AssessmentCorrected"
      | "AssessmentVoided"
      | "ContractCorrected"
      | "ContractVoided"
      | "DeliveryCorrected"
      | "DeliveryVoided"
  }
>

/** Folds one event into the read model's tables. */
export const evolve = (rows: Rows, { event }: RecordedEvent.RecordedEvent<KemitraanEvent>): void => {
  switch (event._tag) {
    case "SmeRegistered":
      return locate(rows, event.smeId, event.province, event.kbli)
    case "CounterpartEnrolled":
      return counterpart(rows, event.participantId, event.legalName, event.kind)
    case "CounterpartJoined":
      return counterpart(rows, event.counterpartId, event.legalName, event.kind)
    case "ConsultationHeld":
      return advance(rows, event, consulted)
    case "AssessmentRecorded":
      locate(rows, event.smeId, event.province, event.kbli)
      return advance(rows, event, (engagement) => ({
        ...assessed(engagement),
        category: event.category,
        need: event.need,
        potentialValue: Rupiah.add(engagement.potentialValue, event.potentialValue)
      }))
    case "VendorRegistered":
      return advance(rows, event, vendorRegistered)
    case "ContractAwarded":
      return advance(rows, event, (engagement) => ({
        ...contracted(engagement),
        contractedValue: Rupiah.add(engagement.contractedValue, event.value),
        contracts: engagement.contracts + 1
      }))
    case "DeliveryAccepted":
      return advance(rows, event, (engagement) => ({
        ...delivered(engagement),
        deliveredValue: Rupiah.add(engagement.deliveredValue, event.value),
        deliveries: engagement.deliveries + 1
      }))
    case "AssessmentClosedWithoutDeal":
      return advance(rows, event, (engagement) => ({ ...assessed(engagement), closedWithoutDeal: event.reason }))
    case "AssessmentCorrected":
    case "AssessmentVoided":
    case "ContractCorrected":
    case "ContractVoided":
    case "DeliveryCorrected":
    case "DeliveryVoided":
      return amend(rows, event)
    default:
      return
  }
}
