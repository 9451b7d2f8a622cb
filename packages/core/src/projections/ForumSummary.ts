/**
 * The forum summary: what the ministry reports after a forum. Per forum: SMEs registered and the
 * provinces they come from, SMEs that met a counterpart (a held consultation or an assessment),
 * counterparts joined and those with at least one assessment, consultations held, assessments, and
 * the potential value of cooperation: in total, by product category, by counterpart, and the top
 * category with the counterpart that asked for it.
 *
 * The product category of a potential is the need the assessment answers: a category the
 * counterpart declared when it joined (e.g. "machine components and spare parts" asked for by
 * PT INKA), the vocabulary the ministry reports in. The SME's own wording of its product stays in
 * the supply-chain read model.
 *
 * Every figure is a count, a set or a sum keyed by id, so the summary does not depend on how the
 * forum's stream and its assessments' streams interleave in the log.
 *
 * @since 0.1.0
 */
import { Projection, type RecordedEvent } from "@kemitraan/eventsourcing"
import { Schema } from "effect"
import { CalendarDate } from "../CalendarDate.js"
import { ReportedFigures } from "../ForumEvent.js"
import { ForumStatus } from "../ForumState.js"
import { KemitraanEvents, type KemitraanEvent } from "../KemitraanEvent.js"
import { CounterpartKind } from "../ParticipantEvent.js"
import { ProvinceCode } from "../Province.js"
import {
  addTo,
  Amount,
  compareStrings,
  Count,
  getOrInsert,
  newMap,
  sortedKeys,
  StringMap
} from "./internal/readModel.js"
import * as StateRows from "./internal/stateRows.js"

/** A counterpart joined to a forum. */
export const JoinedCounterpart = Schema.Struct({ legalName: Schema.String, kind: CounterpartKind })

/** What the summary keeps of one forum. */
export const ForumRecord = Schema.mutable(
  Schema.Struct({
    forumId: Schema.String,
    title: Schema.NullOr(Schema.String),
    date: Schema.NullOr(CalendarDate),
    status: ForumStatus,
    /** SMEs registered, with the province they registered from. */
    smes: StateRows.stringMap("ForumSummary.smes", StateRows.isProvince),
    counterparts: StringMap(JoinedCounterpart),
    /** SMEs with at least one held consultation or assessment. */
    engagedSmes: StateRows.stringSet("ForumSummary.engagedSmes"),
    /** Counterparts with at least one assessment. */
    assessedCounterparts: StateRows.stringSet("ForumSummary.assessedCounterparts"),
    consultationsHeld: Count,
    assessments: Count,
    potentialValue: Amount,
    /** Potential value by need category, then by the counterpart that declared the need. */
    potential: StringMap(StringMap(Amount)),
    observers: Count,
    resultsDate: Schema.NullOr(CalendarDate),
    reported: Schema.NullOr(ReportedFigures)
  })
)
/** What the summary keeps of one forum. */
export type ForumRecord = typeof ForumRecord.Type

/** The state of the forum summary: one record per forum. Its schema saves it beside the checkpoint. */
export const State = Schema.mutable(Schema.Struct({ forums: StringMap(ForumRecord) }))
/** The state of the forum summary. */
export type State = typeof State.Type

/** A fresh, empty state. */
export const initialState = (): State => ({ forums: new Map() })

const emptyForum = (forumId: string): ForumRecord => ({
  forumId,
  title: null,
  date: null,
  status: "Unscheduled",
  smes: new Map(),
  counterparts: new Map(),
  engagedSmes: new Set(),
  assessedCounterparts: new Set(),
  consultationsHeld: 0,
  assessments: 0,
  potentialValue: 0,
  potential: new Map(),
  observers: 0,
  resultsDate: null,
  reported: null
})

const forumOf = (state: State, forumId: string): ForumRecord => getOrInsert(state.forums, forumId, emptyForum)

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

/** Folds one event into the summary, in place. */
export const evolve = (state: State, recorded: RecordedEvent.RecordedEvent<KemitraanEvent>): State => {
  const event = recorded.event
  switch (event._tag) {
    case "ForumScheduled": {
      const forum = forumOf(state, event.forumId)
      forum.title = event.title
      forum.date = event.date
      forum.status = "Scheduled"
      break
    }
    case "CounterpartJoined":
      forumOf(state, event.forumId).counterparts.set(event.counterpartId, {
        legalName: event.legalName,
        kind: event.kind
      })
      break
    case "SmeRegistered":
      forumOf(state, event.forumId).smes.set(event.smeId, event.province)
      break
    case "ObserverAttended":
      forumOf(state, event.forumId).observers += 1
      break
    case "ForumOpened":
      forumOf(state, event.forumId).status = "Open"
      break
    case "ForumClosed":
      forumOf(state, event.forumId).status = "Closed"
      break
    case "ForumResultsAnnounced": {
      const forum = forumOf(state, event.forumId)
      forum.status = "ResultsAnnounced"
      forum.resultsDate = event.date
      forum.reported = event.reported
      break
    }
    case "ConsultationHeld": {
      const forum = forumOf(state, event.forumId)
      forum.consultationsHeld += 1
      forum.engagedSmes.add(event.smeId)
      break
    }
    case "AssessmentRecorded": {
      const forum = forumOf(state, event.forumId)
      forum.assessments += 1
      forum.engagedSmes.add(event.smeId)
      forum.assessedCounterparts.add(event.counterpartId)
      forum.potentialValue += event.potentialValue
      addTo(getOrInsert(forum.potential, event.need, newMap<string, number>), event.counterpartId, event.potentialValue)
      break
    }
  }
  return state
}

/** The forum summary as a projection over the domain's catalogue. */
export const projection = Projection.make({
  name: "ForumSummary",
  version: 1,
  catalog: KemitraanEvents,
  eventTypes,
  initialState,
  evolve,
  stateSchema: State
})

// ---------------------------------------------------------------------------------------------
// Queries

/** Potential value in one product category. */
export interface CategoryPotential {
  readonly category: string
  readonly potentialValue: number
}

/** Potential value with one counterpart. `legalName` is null when the counterpart's joining is not in the log. */
export interface CounterpartPotential {
  readonly counterpartId: string
  readonly legalName: string | null
  readonly potentialValue: number
}

/** SMEs registered from one province. */
export interface ProvinceCount {
  readonly province: ProvinceCode
  readonly smes: number
}

/** The category with the largest potential, and the counterpart with the largest potential in it. */
export interface TopCategory extends CategoryPotential {
  readonly counterpart: CounterpartPotential
}

/** The summary of one forum. */
export interface Summary {
  readonly forumId: string
  readonly title: string | null
  readonly date: CalendarDate | null
  readonly status: ForumStatus
  readonly smesRegistered: number
  /** Distinct provinces of the SMEs registered. */
  readonly provinces: number
  /** SMEs with at least one held consultation or assessment. */
  readonly smesEngaged: number
  readonly counterpartsJoined: number
  /** Counterparts with at least one assessment. */
  readonly counterpartsAssessed: number
  readonly consultationsHeld: number
  readonly assessments: number
  readonly potentialValue: number
  /** Largest first; ties by category. */
  readonly potentialByCategory: ReadonlyArray<CategoryPotential>
  /** Largest first; ties by counterpart id. */
  readonly potentialByCounterpart: ReadonlyArray<CounterpartPotential>
  /** Most SMEs first; ties by province code. */
  readonly smesByProvince: ReadonlyArray<ProvinceCount>
  /** Null when the forum has no assessment. */
  readonly topCategory: TopCategory | null
  readonly observers: number
  readonly resultsDate: CalendarDate | null
  /** The figures announced with the results, as reported: they may disagree with the recorded ones. */
  readonly reported: ReportedFigures | null
}

/** Orders entries by a number, largest first, and ties by a string key, so any input order gives one answer. */
const largestFirst =
  <K extends string, V extends string>(key: K, value: V) =>
  (a: Record<K, string> & Record<V, number>, b: Record<K, string> & Record<V, number>): number =>
    b[value] - a[value] || compareStrings(a[key], b[key])

const sumValues = (map: ReadonlyMap<string, number>): number => {
  let total = 0
  for (const value of map.values()) total += value
  return total
}

const counterpartPotential = (forum: ForumRecord, counterpartId: string, potentialValue: number) => ({
  counterpartId,
  legalName: forum.counterparts.get(counterpartId)?.legalName ?? null,
  potentialValue
})

const byCategory = (forum: ForumRecord): Array<CategoryPotential> =>
  sortedKeys(forum.potential)
    .map((category) => ({ category, potentialValue: sumValues(forum.potential.get(category) ?? new Map()) }))
    .sort(largestFirst("category", "potentialValue"))

const byCounterpart = (forum: ForumRecord): Array<CounterpartPotential> => {
  const totals = new Map<string, number>()
  for (const counterparts of forum.potential.values()) {
    for (const [counterpartId, value] of counterparts) addTo(totals, counterpartId, value)
  }
  return [...totals]
    .map(([counterpartId, value]) => counterpartPotential(forum, counterpartId, value))
    .sort(largestFirst("counterpartId", "potentialValue"))
}

const byProvince = (forum: ForumRecord): Array<ProvinceCount> => {
  const counts = new Map<ProvinceCode, number>()
  for (const province of forum.smes.values()) addTo(counts, province, 1)
  return [...counts].map(([province, smes]) => ({ province, smes })).sort(largestFirst("province", "smes"))
}

/** The entry with the largest value; ties go to the smallest key, so the answer is the same in any order. */
const largestEntry = (map: ReadonlyMap<string, number>): readonly [string, number] | undefined => {
  let best: readonly [string, number] | undefined
  for (const entry of map) {
    if (best === undefined || entry[1] > best[1] || (entry[1] === best[1] && entry[0] < best[0])) best = entry
  }
  return best
}

const topOf = (forum: ForumRecord, categories: ReadonlyArray<CategoryPotential>): TopCategory | null => {
  const top = categories[0]
  const counterparts = top === undefined ? undefined : forum.potential.get(top.category)
  const asker = counterparts === undefined ? undefined : largestEntry(counterparts)
  if (top === undefined || asker === undefined) return null
  return { ...top, counterpart: counterpartPotential(forum, asker[0], asker[1]) }
}

const summarise = (forum: ForumRecord): Summary => {
  const potentialByCategory = byCategory(forum)
  const smesByProvince = byProvince(forum)
  return {
    forumId: forum.forumId,
    title: forum.title,
    date: forum.date,
    status: forum.status,
    smesRegistered: forum.smes.size,
    provinces: smesByProvince.length,
    smesEngaged: forum.engagedSmes.size,
    counterpartsJoined: forum.counterparts.size,
    counterpartsAssessed: forum.assessedCounterparts.size,
    consultationsHeld: forum.consultationsHeld,
    assessments: forum.assessments,
    potentialValue: forum.potentialValue,
    potentialByCategory,
    potentialByCounterpart: byCounterpart(forum),
    smesByProvince,
    topCategory: topOf(forum, potentialByCategory),
    observers: forum.observers,
    resultsDate: forum.resultsDate,
    reported: forum.reported
  }
}

/** The summary of one forum, or undefined when the log holds nothing of it. */
export const summary = (state: State, forumId: string): Summary | undefined => {
  const forum = state.forums.get(forumId)
  return forum === undefined ? undefined : summarise(forum)
}

/** The summaries of every forum, by date (undated last), then by id. */
export const summaries = (state: State): ReadonlyArray<Summary> =>
  [...state.forums.values()]
    .map(summarise)
    .sort((a, b) => compareStrings(a.date ?? "~", b.date ?? "~") || compareStrings(a.forumId, b.forumId))

// ---------------------------------------------------------------------------------------------
// Rows, for read-model tables

/** One row per forum (table `forum_summary`). */
export const ForumRow = Schema.Struct({
  forumId: Schema.String,
  title: Schema.NullOr(Schema.String),
  date: Schema.NullOr(CalendarDate),
  status: ForumStatus,
  smesRegistered: Count,
  provinces: Count,
  smesEngaged: Count,
  counterpartsJoined: Count,
  counterpartsAssessed: Count,
  consultationsHeld: Count,
  assessments: Count,
  potentialValue: Amount,
  topCategory: Schema.NullOr(Schema.String),
  topCategoryPotentialValue: Schema.NullOr(Amount),
  topCategoryCounterpartId: Schema.NullOr(Schema.String),
  observers: Count,
  resultsDate: Schema.NullOr(CalendarDate),
  reportedPotentialValue: Schema.NullOr(Amount),
  reportedSmesRegistered: Schema.NullOr(Count),
  reportedSmesAssessed: Schema.NullOr(Count),
  reportedCounterparts: Schema.NullOr(Count),
  reportedProvinces: Schema.NullOr(Count)
})
/** One row per forum. */
export type ForumRow = typeof ForumRow.Type

/** Potential value per forum, need category and counterpart (table `forum_potential`). */
export const PotentialRow = Schema.Struct({
  forumId: Schema.String,
  category: Schema.String,
  counterpartId: Schema.String,
  potentialValue: Amount
})
/** Potential value per forum, need category and counterpart. */
export type PotentialRow = typeof PotentialRow.Type

/** SMEs registered per forum and province (table `forum_province`). */
export const ProvinceRow = Schema.Struct({ forumId: Schema.String, province: ProvinceCode, smes: Count })
/** SMEs registered per forum and province. */
export type ProvinceRow = typeof ProvinceRow.Type

/** The summary as table rows, ordered by their keys: what a table sink writes. */
export interface Rows {
  readonly forums: ReadonlyArray<ForumRow>
  readonly potential: ReadonlyArray<PotentialRow>
  readonly provinces: ReadonlyArray<ProvinceRow>
}

const forumRow = (summary: Summary): ForumRow => ({
  forumId: summary.forumId,
  title: summary.title,
  date: summary.date,
  status: summary.status,
  smesRegistered: summary.smesRegistered,
  provinces: summary.provinces,
  smesEngaged: summary.smesEngaged,
  counterpartsJoined: summary.counterpartsJoined,
  counterpartsAssessed: summary.counterpartsAssessed,
  consultationsHeld: summary.consultationsHeld,
  assessments: summary.assessments,
  potentialValue: summary.potentialValue,
  topCategory: summary.topCategory?.category ?? null,
  topCategoryPotentialValue: summary.topCategory?.potentialValue ?? null,
  topCategoryCounterpartId: summary.topCategory?.counterpart.counterpartId ?? null,
  observers: summary.observers,
  resultsDate: summary.resultsDate,
  reportedPotentialValue: summary.reported?.potentialValue ?? null,
  reportedSmesRegistered: summary.reported?.smesRegistered ?? null,
  reportedSmesAssessed: summary.reported?.smesAssessed ?? null,
  reportedCounterparts: summary.reported?.counterparts ?? null,
  reportedProvinces: summary.reported?.provinces ?? null
})

/** The whole summary as rows, each table ordered by its key. */
export const rows = (state: State): Rows => {
  const forums: Array<ForumRow> = []
  const potential: Array<PotentialRow> = []
  const provinces: Array<ProvinceRow> = []
  for (const forumId of sortedKeys(state.forums)) {
    const forum = state.forums.get(forumId)
    if (forum === undefined) continue
    const summary = summarise(forum)
    forums.push(forumRow(summary))
    for (const category of sortedKeys(forum.potential)) {
      const counterparts = forum.potential.get(category) ?? new Map<string, number>()
      for (const counterpartId of sortedKeys(counterparts)) {
        potential.push({ forumId, category, counterpartId, potentialValue: counterparts.get(counterpartId) ?? 0 })
      }
    }
    const byCode = [...summary.smesByProvince].sort((a, b) => compareStrings(a.province, b.province))
    for (const { province, smes } of byCode) provinces.push({ forumId, province, smes })
  }
  return { forums, potential, provinces }
}
