/**
 * Supply-chain integration: how far each meeting at a forum went towards a supply relationship.
 *
 * An engagement is one held consultation: an SME and a counterpart at one forum (a pair meets at
 * most once per forum). Its stage is the furthest it reached:
 * Consulted (the consultation was held) → Assessed (a potential value was recorded) →
 * VendorRegistered (in the counterpart's procurement system, e.g. PaDi UMKM) → Contracted (a
 * contract or purchase order) → Delivered (a delivery accepted with a BAST, berita acara serah
 * terima). The funnel counts engagements that reached at least each stage, with conversion rates
 * between stages and the potential, contracted and delivered values side by side, per forum, per
 * counterpart, per product category (the need the assessment answers) and per province.
 *
 * An SME is integrated when at least one of its deliveries was accepted: the counterpart has then
 * received goods under a contract and signed for them, which a contract alone does not show.
 *
 * Stages only move forward and values only add up, so the read model does not depend on how the
 * forums' streams and the assessments' streams interleave.
 *
 * @since 0.1.0
 */
import { Projection, type RecordedEvent } from "@kemitraan/eventsourcing"
import { Schema } from "effect"
import { NoDealReason } from "../AssessmentEvent.js"
import { KemitraanEvents, type KemitraanEvent } from "../KemitraanEvent.js"
import { ProvinceCode } from "../Province.js"
import { Amount, compareStrings, Count, getOrInsert, newList, newMap, rate, sortedKeys } from "./internal/readModel.js"
import * as StateRows from "./internal/stateRows.js"

/** The stages of the path from a forum to a supply relationship, in order. */
export const stages = ["Consulted", "Assessed", "VendorRegistered", "Contracted", "Delivered"] as const

/** A stage of the path from a forum to a supply relationship. */
export const Stage = Schema.Literal(...stages)
/** A stage of the path from a forum to a supply relationship. */
export type Stage = typeof Stage.Type

/** A stage by its rank: 1 for Consulted up to 5 for Delivered. */
type StageRank = 1 | 2 | 3 | 4 | 5

/** The name of a stage rank. */
const stageName = (rank: StageRank): Stage => stages[rank - 1] ?? "Consulted"

/** What an engagement's table row holds besides its stage and province. */
const engagementFields = {
  forumId: Schema.String,
  consultationId: Schema.String,
  smeId: Schema.String,
  counterpartId: Schema.String,
  /** The SME's product category, from the assessment. */
  category: Schema.NullOr(Schema.String),
  /** The counterpart's need the assessment answers: the category reported on. */
  need: Schema.NullOr(Schema.String),
  potentialValue: Amount,
  contractedValue: Amount,
  deliveredValue: Amount,
  contracts: Count,
  deliveries: Count,
  closedWithoutDeal: Schema.NullOr(NoDealReason)
}

/** One held consultation and how far it went. */
export interface EngagementRecord {
  readonly forumId: string
  readonly consultationId: string
  readonly smeId: string
  readonly counterpartId: string
  stage: StageRank
  /** The SME's product category, from the assessment. */
  category: string | null
  /** The counterpart's need the assessment answers: the category reported on. */
  need: string | null
  potentialValue: number
  contractedValue: number
  deliveredValue: number
  contracts: number
  deliveries: number
  closedWithoutDeal: NoDealReason | null
}

/** An SME-counterpart pair over every forum where they met. */
export interface PairRecord {
  readonly counterpartId: string
  stage: StageRank
  engagements: number
  potentialValue: number
  contractedValue: number
  deliveredValue: number
}

const isStage = StateRows.oneOf(1, 2, 3, 4, 5)

/** An engagement's row, fields in the order of {@link EngagementRecord}. */
const savedEngagement = StateRows.tuple(
  StateRows.isString,
  StateRows.isString,
  StateRows.isString,
  StateRows.isString,
  isStage,
  StateRows.nullable(StateRows.isString),
  StateRows.nullable(StateRows.isString),
  StateRows.isCount,
  StateRows.isCount,
  StateRows.isCount,
  StateRows.isCount,
  StateRows.isCount,
  StateRows.nullable(StateRows.oneOf(...NoDealReason.literals))
)

const Engagements = StateRows.table({
  identifier: "SupplyChain.engagements",
  row: savedEngagement,
  is: (input: unknown): input is Map<string, Map<string, EngagementRecord>> => input instanceof Map,
  decode: (rows) => {
    const engagements = new Map<string, Map<string, EngagementRecord>>()
    for (const row of rows) {
      const [forumId, consultationId, smeId, counterpartId, stage, category, need] = row
      const [, , , , , , , potentialValue, contractedValue, deliveredValue, contracts, deliveries, closedWithoutDeal] =
        row
      getOrInsert(engagements, forumId, newMap<string, EngagementRecord>).set(consultationId, {
        forumId,
        consultationId,
        smeId,
        counterpartId,
        stage,
        category,
        need,
        potentialValue,
        contractedValue,
        deliveredValue,
        contracts,
        deliveries,
        closedWithoutDeal
      })
    }
    return engagements
  },
  encode: (engagements) =>
    [...engagements.values()].flatMap((byConsultation) =>
      Array.from(byConsultation.values(), (e) => {
        const values = [e.potentialValue, e.contractedValue, e.deliveredValue, e.contracts, e.deliveries] as const
        return [
          e.forumId,
          e.consultationId,
          e.smeId,
          e.counterpartId,
          e.stage,
          e.category,
          e.need,
          ...values,
          e.closedWithoutDeal
        ] as const
      })
    )
})

/** A pair's row: SME id, then the fields of {@link PairRecord} in order. */
const savedPair = StateRows.tuple(
  StateRows.isString,
  StateRows.isString,
  isStage,
  StateRows.isCount,
  StateRows.isCount,
  StateRows.isCount,
  StateRows.isCount
)

const Pairs = StateRows.table({
  identifier: "SupplyChain.pairs",
  row: savedPair,
  is: (input: unknown): input is Map<string, Array<PairRecord>> => input instanceof Map,
  decode: (rows) => {
    const pairs = new Map<string, Array<PairRecord>>()
    for (const [smeId, counterpartId, stage, engagements, potentialValue, contractedValue, deliveredValue] of rows) {
      const pair = { counterpartId, stage, engagements, potentialValue, contractedValue, deliveredValue }
      getOrInsert(pairs, smeId, newList<PairRecord>).push(pair)
    }
    return pairs
  },
  encode: (pairs) =>
    [...pairs].flatMap(([smeId, records]) =>
      records.map(
        (p) =>
          [
            smeId,
            p.counterpartId,
            p.stage,
            p.engagements,
            p.potentialValue,
            p.contractedValue,
            p.deliveredValue
          ] as const
      )
    )
})

/**
 * The state of the supply-chain read model. Its schema saves it beside the checkpoint, as rows
 * (see `internal/stateRows.ts`) so that a national state saves quickly.
 */
export const State = Schema.mutable(
  Schema.Struct({
    /** By forum, then by consultation. */
    engagements: Engagements,
    /** By SME: the few counterparts each SME met (a short list, not a map per SME). */
    pairs: Pairs,
    /**
     * Each SME's province, from its registrations or its assessments: an SME registers at a forum
     * (in the forum's stream) before it can meet anyone there.
     */
    provinces: StateRows.stringMap("SupplyChain.provinces", StateRows.isProvince),
    /** Each counterpart's legal name, from its enrolment or its joining a forum. */
    counterparts: StateRows.stringMap("SupplyChain.counterparts", StateRows.isString)
  })
)
/** The state of the supply-chain read model. */
export type State = typeof State.Type

/** A fresh, empty state. */
export const initialState = (): State => ({
  engagements: new Map(),
  pairs: new Map(),
  provinces: new Map(),
  counterparts: new Map()
})

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
  "AssessmentClosedWithoutDeal"
] as const satisfies ReadonlyArray<KemitraanEvent["_tag"]>

interface Meeting {
  readonly forumId: string
  readonly consultationId: string
  readonly smeId: string
  readonly counterpartId: string
}

const newPair = (counterpartId: string): PairRecord => ({
  counterpartId,
  stage: 1,
  engagements: 0,
  potentialValue: 0,
  contractedValue: 0,
  deliveredValue: 0
})

const pairOf = (state: State, smeId: string, counterpartId: string): PairRecord => {
  const pairs = getOrInsert(state.pairs, smeId, newList<PairRecord>)
  for (const pair of pairs) if (pair.counterpartId === counterpartId) return pair
  const pair = newPair(counterpartId)
  pairs.push(pair)
  return pair
}

const newEngagement = (meeting: Meeting): EngagementRecord => ({
  forumId: meeting.forumId,
  consultationId: meeting.consultationId,
  smeId: meeting.smeId,
  counterpartId: meeting.counterpartId,
  stage: 1,
  category: null,
  need: null,
  potentialValue: 0,
  contractedValue: 0,
  deliveredValue: 0,
  contracts: 0,
  deliveries: 0,
  closedWithoutDeal: null
})

/** What an event adds to its engagement and pair. */
interface Step {
  readonly stage: StageRank
  readonly potentialValue: number
  readonly contractedValue: number
  readonly deliveredValue: number
}

const step = (stage: StageRank, values: Partial<Omit<Step, "stage">> = {}): Step => ({
  stage,
  potentialValue: values.potentialValue ?? 0,
  contractedValue: values.contractedValue ?? 0,
  deliveredValue: values.deliveredValue ?? 0
})

/** Moves a meeting's engagement and pair forward to a stage (never back) and adds the values. */
const advance = (state: State, meeting: Meeting, by: Step): EngagementRecord => {
  const byConsultation = getOrInsert(state.engagements, meeting.forumId, newMap<string, EngagementRecord>)
  const pair = pairOf(state, meeting.smeId, meeting.counterpartId)
  let engagement = byConsultation.get(meeting.consultationId)
  if (engagement === undefined) {
    engagement = newEngagement(meeting)
    byConsultation.set(meeting.consultationId, engagement)
    pair.engagements += 1
  }
  if (by.stage > engagement.stage) engagement.stage = by.stage
  if (by.stage > pair.stage) pair.stage = by.stage
  engagement.potentialValue += by.potentialValue
  engagement.contractedValue += by.contractedValue
  engagement.deliveredValue += by.deliveredValue
  pair.potentialValue += by.potentialValue
  pair.contractedValue += by.contractedValue
  pair.deliveredValue += by.deliveredValue
  return engagement
}

const consulted = step(1)
const assessed = step(2)
const vendorRegistered = step(3)

/** Folds one event into the read model, in place. */
export const evolve = (state: State, recorded: RecordedEvent.RecordedEvent<KemitraanEvent>): State => {
  const event = recorded.event
  switch (event._tag) {
    case "SmeRegistered":
      state.provinces.set(event.smeId, event.province)
      break
    case "CounterpartEnrolled":
      state.counterparts.set(event.participantId, event.legalName)
      break
    case "CounterpartJoined":
      state.counterparts.set(event.counterpartId, event.legalName)
      break
    case "ConsultationHeld":
      advance(state, event, consulted)
      break
    case "AssessmentRecorded": {
      const engagement = advance(state, event, step(2, { potentialValue: event.potentialValue }))
      engagement.category = event.category
      engagement.need = event.need
      state.provinces.set(event.smeId, event.province)
      break
    }
    case "VendorRegistered":
      advance(state, event, vendorRegistered)
      break
    case "ContractAwarded":
      advance(state, event, step(4, { contractedValue: event.value })).contracts += 1
      break
    case "DeliveryAccepted":
      advance(state, event, step(5, { deliveredValue: event.value })).deliveries += 1
      break
    case "AssessmentClosedWithoutDeal":
      advance(state, event, assessed).closedWithoutDeal = event.reason
      break
  }
  return state
}

/** Supply-chain integration as a projection over the domain's catalogue. */
export const projection = Projection.make({
  name: "SupplyChain",
  version: 1,
  catalog: KemitraanEvents,
  eventTypes,
  initialState,
  evolve,
  stateSchema: State
})

// ---------------------------------------------------------------------------------------------
// Queries

/** Which engagements to count; every given field must match. */
export interface Filter {
  readonly forumId?: string | undefined
  readonly counterpartId?: string | undefined
  readonly smeId?: string | undefined
  /** The need category the assessment answers. */
  readonly category?: string | undefined
  readonly province?: ProvinceCode | undefined
}

/** Conversion from each stage to the next, and from consulted to delivered; null when a stage is empty. */
export interface Conversion {
  readonly consultedToAssessed: number | null
  readonly assessedToVendorRegistered: number | null
  readonly vendorRegisteredToContracted: number | null
  readonly contractedToDelivered: number | null
  readonly consultedToDelivered: number | null
}

/** Engagements that reached at least each stage, conversions, values and SMEs integrated. */
export interface Funnel {
  readonly consulted: number
  readonly assessed: number
  readonly vendorRegistered: number
  readonly contracted: number
  readonly delivered: number
  readonly conversion: Conversion
  /** Assessed engagements closed without a deal. */
  readonly closedWithoutDeal: number
  readonly potentialValue: number
  readonly contractedValue: number
  readonly deliveredValue: number
  /** Distinct SMEs among the engagements. */
  readonly smes: number
  /** Distinct SMEs with at least one accepted delivery among the engagements. */
  readonly integratedSmes: number
  /** `integratedSmes / smes`; null when there is no SME. */
  readonly integrationRate: number | null
}

class Tally {
  readonly reached = [0, 0, 0, 0, 0]
  closedWithoutDeal = 0
  potentialValue = 0
  contractedValue = 0
  deliveredValue = 0
  readonly smes = new Set<string>()
  readonly integrated = new Set<string>()

  add(engagement: EngagementRecord): void {
    for (let stage = 0; stage < engagement.stage; stage++) this.reached[stage] = (this.reached[stage] ?? 0) + 1
    if (engagement.closedWithoutDeal !== null) this.closedWithoutDeal += 1
    this.potentialValue += engagement.potentialValue
    this.contractedValue += engagement.contractedValue
    this.deliveredValue += engagement.deliveredValue
    this.smes.add(engagement.smeId)
    if (engagement.stage === 5) this.integrated.add(engagement.smeId)
  }

  funnel(): Funnel {
    const [consulted = 0, assessed = 0, vendorRegistered = 0, contracted = 0, delivered = 0] = this.reached
    return {
      consulted,
      assessed,
      vendorRegistered,
      contracted,
      delivered,
      conversion: {
        consultedToAssessed: rate(assessed, consulted),
        assessedToVendorRegistered: rate(vendorRegistered, assessed),
        vendorRegisteredToContracted: rate(contracted, vendorRegistered),
        contractedToDelivered: rate(delivered, contracted),
        consultedToDelivered: rate(delivered, consulted)
      },
      closedWithoutDeal: this.closedWithoutDeal,
      potentialValue: this.potentialValue,
      contractedValue: this.contractedValue,
      deliveredValue: this.deliveredValue,
      smes: this.smes.size,
      integratedSmes: this.integrated.size,
      integrationRate: rate(this.integrated.size, this.smes.size)
    }
  }
}

/** The province of an SME, or null when neither its registration nor an assessment is in the log. */
export const provinceOf = (state: State, smeId: string): ProvinceCode | null => state.provinces.get(smeId) ?? null

const matches = (state: State, engagement: EngagementRecord, filter: Filter): boolean =>
  (filter.counterpartId === undefined || engagement.counterpartId === filter.counterpartId) &&
  (filter.smeId === undefined || engagement.smeId === filter.smeId) &&
  (filter.category === undefined || engagement.need === filter.category) &&
  (filter.province === undefined || provinceOf(state, engagement.smeId) === filter.province)

/** Every engagement that matches a filter, by forum and consultation. */
const eachEngagement = (state: State, filter: Filter, visit: (engagement: EngagementRecord) => void): void => {
  const forumIds = filter.forumId === undefined ? sortedKeys(state.engagements) : [filter.forumId]
  for (const forumId of forumIds) {
    const byConsultation = state.engagements.get(forumId)
    if (byConsultation === undefined) continue
    for (const engagement of byConsultation.values()) if (matches(state, engagement, filter)) visit(engagement)
  }
}

/** The funnel of the engagements that match a filter (all of them by default). */
export const funnel = (state: State, filter: Filter = {}): Funnel => {
  const tally = new Tally()
  eachEngagement(state, filter, (engagement) => tally.add(engagement))
  return tally.funnel()
}

/** What a funnel can be broken down by. */
export type Dimension = "forum" | "counterpart" | "category" | "province"

const keyOf = (state: State, engagement: EngagementRecord, dimension: Dimension): string | null => {
  switch (dimension) {
    case "forum":
      return engagement.forumId
    case "counterpart":
      return engagement.counterpartId
    case "category":
      return engagement.need
    case "province":
      return provinceOf(state, engagement.smeId)
  }
}

/** One group of a broken-down funnel. `key` is null for engagements without one (a category before assessment). */
export interface FunnelGroup {
  readonly key: string | null
  readonly funnel: Funnel
}

/** The funnel of the engagements that match a filter, broken down by a dimension; ordered by key, null last. */
export const funnelBy = (state: State, dimension: Dimension, filter: Filter = {}): ReadonlyArray<FunnelGroup> => {
  const tallies = new Map<string | null, Tally>()
  eachEngagement(state, filter, (engagement) =>
    getOrInsert(tallies, keyOf(state, engagement, dimension), () => new Tally()).add(engagement)
  )
  return [...tallies]
    .sort(([a], [b]) => (a === null ? 1 : b === null ? -1 : compareStrings(a, b)))
    .map(([key, tally]) => ({ key, funnel: tally.funnel() }))
}

/** How far an SME and a counterpart got over every forum where they met. */
export interface Pair {
  readonly smeId: string
  readonly counterpartId: string
  readonly stage: Stage
  /** Held consultations between them, over all forums. */
  readonly engagements: number
  readonly potentialValue: number
  readonly contractedValue: number
  readonly deliveredValue: number
}

const pairView = (smeId: string, record: PairRecord): Pair => ({
  smeId,
  counterpartId: record.counterpartId,
  stage: stageName(record.stage),
  engagements: record.engagements,
  potentialValue: record.potentialValue,
  contractedValue: record.contractedValue,
  deliveredValue: record.deliveredValue
})

/** The furthest stage an SME reached with a counterpart, or undefined when they never met. */
export const pair = (state: State, smeId: string, counterpartId: string): Pair | undefined => {
  const record = state.pairs.get(smeId)?.find((entry) => entry.counterpartId === counterpartId)
  return record === undefined ? undefined : pairView(smeId, record)
}

/** Every counterpart an SME met, by counterpart id. */
export const pairsOf = (state: State, smeId: string): ReadonlyArray<Pair> =>
  (state.pairs.get(smeId) ?? [])
    .map((record) => pairView(smeId, record))
    .sort((a, b) => compareStrings(a.counterpartId, b.counterpartId))

/** Whether an SME is integrated: at least one of its deliveries to a counterpart was accepted. */
export const isIntegrated = (state: State, smeId: string): boolean => {
  return (state.pairs.get(smeId) ?? []).some((record) => record.stage === 5)
}

/** The legal name of a counterpart, or null when neither its enrolment nor a joining is in the log. */
export const counterpartName = (state: State, counterpartId: string): string | null =>
  state.counterparts.get(counterpartId) ?? null

// ---------------------------------------------------------------------------------------------
// Rows, for read-model tables

/** One row per engagement (table `supply_engagement`). */
export const EngagementRow = Schema.Struct({
  ...engagementFields,
  province: Schema.NullOr(ProvinceCode),
  stage: Stage
})
/** One row per engagement. */
export type EngagementRow = typeof EngagementRow.Type

/** One row per SME-counterpart pair (table `supply_pair`). */
export const PairRow = Schema.Struct({
  smeId: Schema.String,
  counterpartId: Schema.String,
  stage: Stage,
  engagements: Count,
  potentialValue: Amount,
  contractedValue: Amount,
  deliveredValue: Amount
})
/** One row per SME-counterpart pair. */
export type PairRow = typeof PairRow.Type

/** What a funnel row is broken down by: the forum as a whole, or one dimension. */
export const FunnelDimension = Schema.Literal("all", "counterpart", "category", "province")

/** One row per forum, dimension and key (table `supply_funnel`); `key` is null for the forum as a whole. */
export const FunnelRow = Schema.Struct({
  forumId: Schema.String,
  dimension: FunnelDimension,
  key: Schema.NullOr(Schema.String),
  consulted: Count,
  assessed: Count,
  vendorRegistered: Count,
  contracted: Count,
  delivered: Count,
  closedWithoutDeal: Count,
  potentialValue: Amount,
  contractedValue: Amount,
  deliveredValue: Amount,
  smes: Count,
  integratedSmes: Count
})
/** One row per forum, dimension and key. */
export type FunnelRow = typeof FunnelRow.Type

/** The read model as table rows, ordered by their keys: what a table sink writes. */
export interface Rows {
  readonly engagements: ReadonlyArray<EngagementRow>
  readonly pairs: ReadonlyArray<PairRow>
  readonly funnels: ReadonlyArray<FunnelRow>
}

const funnelRow = (
  forumId: string,
  dimension: typeof FunnelDimension.Type,
  key: string | null,
  funnel: Funnel
): FunnelRow => {
  const { conversion: _conversion, integrationRate: _integrationRate, ...counts } = funnel
  return { forumId, dimension, key, ...counts }
}

const engagementRow = (state: State, engagement: EngagementRecord): EngagementRow => ({
  ...engagement,
  province: provinceOf(state, engagement.smeId),
  stage: stageName(engagement.stage)
})

const forumRows = (state: State, forumId: string, engagements: Array<EngagementRow>, funnels: Array<FunnelRow>) => {
  const byConsultation = state.engagements.get(forumId) ?? new Map<string, EngagementRecord>()
  for (const consultationId of sortedKeys(byConsultation)) {
    const engagement = byConsultation.get(consultationId)
    if (engagement !== undefined) engagements.push(engagementRow(state, engagement))
  }
  funnels.push(funnelRow(forumId, "all", null, funnel(state, { forumId })))
  for (const dimension of ["counterpart", "category", "province"] as const) {
    for (const group of funnelBy(state, dimension, { forumId })) {
      funnels.push(funnelRow(forumId, dimension, group.key, group.funnel))
    }
  }
}

/** The whole read model as rows, each table ordered by its key. */
export const rows = (state: State): Rows => {
  const engagements: Array<EngagementRow> = []
  const pairs: Array<PairRow> = []
  const funnels: Array<FunnelRow> = []
  for (const forumId of sortedKeys(state.engagements)) forumRows(state, forumId, engagements, funnels)
  for (const smeId of sortedKeys(state.pairs)) pairs.push(...pairsOf(state, smeId))
  return { engagements, pairs, funnels }
}
