/**
 * Class advancement (naik kelas): the business class of every SME year by year, and, per forum
 * cohort, how many moved up a class (micro → small → medium → large), stayed or moved down, by
 * province and by sector, with formalisation (an informal business obtaining an NIB) counted apart.
 *
 * The class of a year follows PP 7/2021 art. 35 (see {@link classify}): annual sales for a business
 * that reports sales, business capital (excluding land and buildings) for a new one, that is in its
 * founding year or with no sales yet. Boundaries are inclusive at the top of each class.
 *
 * The read model keeps the figures as reported (corrections replace them) and classifies when asked,
 * so a participant's stream and the forums' streams may interleave in any order.
 *
 * @since 0.1.0
 */
import { Projection, type RecordedEvent } from "@kemitraan/eventsourcing"
import { Schema } from "effect"
import * as BusinessClass from "../BusinessClass.js"
import { Year } from "../CalendarDate.js"
import * as Kbli from "../Kbli.js"
import { KemitraanEvents, type KemitraanEvent } from "../KemitraanEvent.js"
import { type BusinessFigures } from "../ParticipantEvent.js"
import { ProvinceCode } from "../Province.js"
import {
  addTo,
  Amount,
  compareStrings,
  Count,
  getOrInsert,
  newList,
  rate,
  sortedKeys,
  StringMap,
  yearOf
} from "./internal/readModel.js"
import * as StateRows from "./internal/stateRows.js"
import * as YearTable from "./internal/yearTable.js"

/** What the read model keeps of one SME. */
export interface ParticipantRecord {
  readonly participantId: string
  foundedYear: number | null
  province: ProvinceCode | null
  kbli: Kbli.Kbli | null
  /** Whether the SME enrolled without an NIB; null until its enrolment is seen. */
  informalAtEnrolment: boolean | null
  /** The year (UTC) it obtained an NIB, if it was formalised. */
  formalisedIn: number | null
  /** Figures by year, flattened: `[year, annualSales, businessCapital, workers, …]`, earliest first. */
  readonly years: Array<number>
}

/** An SME as it registered at a forum. */
export interface CohortMember {
  readonly province: ProvinceCode
  readonly kbli: Kbli.Kbli
  /** Registered without an NIB. */
  readonly informal: boolean
}

const isMap = (input: unknown): input is Map<never, never> => input instanceof Map

/** A participant's row: id, founded, province, KBLI, informal at enrolment, formalised in, years. */
const participantRow = StateRows.tuple(
  StateRows.isString,
  StateRows.nullable(StateRows.isYear),
  StateRows.nullable(StateRows.isProvince),
  StateRows.nullable(StateRows.isKbli),
  StateRows.nullable(StateRows.isBoolean),
  StateRows.nullable(StateRows.isYear),
  YearTable.isYearTable
)

const Participants = StateRows.table({
  identifier: "ClassAdvancement.participants",
  row: participantRow,
  is: (input: unknown): input is Map<string, ParticipantRecord> => isMap(input),
  decode: (rows) =>
    new Map(
      rows.map(([participantId, foundedYear, province, kbli, informalAtEnrolment, formalisedIn, years]) => [
        participantId,
        { participantId, foundedYear, province, kbli, informalAtEnrolment, formalisedIn, years: [...years] }
      ])
    ),
  encode: (participants) =>
    Array.from(
      participants.values(),
      (p) =>
        [
          p.participantId,
          p.foundedYear,
          p.province,
          p.kbli,
          p.informalAtEnrolment,
          p.formalisedIn,
          [...p.years]
        ] as const
    )
})

/** A cohort member's row: SME id, province, KBLI, informal at registration. */
const memberRow = StateRows.tuple(StateRows.isString, StateRows.isProvince, StateRows.isKbli, StateRows.isBoolean)

const Members = StateRows.table({
  identifier: "ClassAdvancement.members",
  row: memberRow,
  is: (input: unknown): input is Map<string, CohortMember> => isMap(input),
  decode: (rows) => new Map(rows.map(([smeId, province, kbli, informal]) => [smeId, { province, kbli, informal }])),
  encode: (members) =>
    Array.from(members, ([smeId, { province, kbli, informal }]) => [smeId, province, kbli, informal] as const)
})

/** The SMEs registered at one forum: its cohort. */
export const CohortRecord = Schema.mutable(
  Schema.Struct({
    forumId: Schema.String,
    /** The year of the forum's date; null until the forum's scheduling is seen. */
    year: Schema.NullOr(Year),
    members: Members
  })
)
/** The SMEs registered at one forum. */
export type CohortRecord = typeof CohortRecord.Type

/**
 * The state of the class-advancement read model. Its schema saves it beside the checkpoint; the
 * participants are saved as rows (see `internal/rows.ts`) so that a national state saves quickly.
 */
export const State = Schema.mutable(Schema.Struct({ participants: Participants, cohorts: StringMap(CohortRecord) }))
/** The state of the class-advancement read model. */
export type State = typeof State.Type

/** A fresh, empty state. */
export const initialState = (): State => ({ participants: new Map(), cohorts: new Map() })

const newParticipant = (participantId: string): ParticipantRecord => ({
  participantId,
  foundedYear: null,
  province: null,
  kbli: null,
  informalAtEnrolment: null,
  formalisedIn: null,
  years: []
})

const participantOf = (state: State, participantId: string): ParticipantRecord =>
  getOrInsert(state.participants, participantId, newParticipant)

const newCohort = (forumId: string): CohortRecord => ({ forumId, year: null, members: new Map() })

const cohortOf = (state: State, forumId: string): CohortRecord => getOrInsert(state.cohorts, forumId, newCohort)

/** The event types the read model reads; the runner skips the others without decoding them. */
export const eventTypes = [
  "SmeEnrolled",
  "BusinessFiguresReported",
  "BusinessFiguresCorrected",
  "ParticipantFormalised",
  "ForumScheduled",
  "SmeRegistered"
] as const satisfies ReadonlyArray<KemitraanEvent["_tag"]>

/** Folds one event into the read model, in place. */
export const evolve = (state: State, recorded: RecordedEvent.RecordedEvent<KemitraanEvent>): State => {
  const event = recorded.event
  switch (event._tag) {
    case "SmeEnrolled": {
      const participant = participantOf(state, event.participantId)
      participant.foundedYear = event.foundedYear
      participant.province = event.province
      participant.kbli = event.kbli
      participant.informalAtEnrolment = event.nib === undefined
      break
    }
    case "BusinessFiguresReported":
    case "BusinessFiguresCorrected":
      YearTable.put(participantOf(state, event.participantId).years, event)
      break
    case "ParticipantFormalised":
      participantOf(state, event.participantId).formalisedIn = yearOf(event.at)
      break
    case "ForumScheduled":
      cohortOf(state, event.forumId).year = Number(event.date.slice(0, 4))
      break
    case "SmeRegistered":
      cohortOf(state, event.forumId).members.set(event.smeId, {
        province: event.province,
        kbli: event.kbli,
        informal: event.nib === undefined
      })
      break
  }
  return state
}

/** Class advancement as a projection over the domain's catalogue. */
export const projection = Projection.make({
  name: "ClassAdvancement",
  version: 1,
  catalog: KemitraanEvents,
  eventTypes,
  initialState,
  evolve,
  stateSchema: State
})

// ---------------------------------------------------------------------------------------------
// The classification rule

/** What a year's class was measured by. */
export const Basis = Schema.Literal("AnnualSales", "BusinessCapital")
/** What a year's class was measured by. */
export type Basis = typeof Basis.Type

/** The class of one year and what it was measured by. */
export interface Classification {
  readonly basis: Basis
  readonly businessClass: BusinessClass.BusinessClass
}

/**
 * The class of a business in `year` (PP 7/2021 art. 35). Annual sales classify an existing
 * business; business capital classifies a new one: in its founding year (a part year of sales) or
 * when it reports no sales at all. Each class's ceiling is inclusive.
 */
export const classify = (year: number, figures: BusinessFigures, foundedYear: number | null): Classification => {
  const isNew = figures.annualSales === 0 || (foundedYear !== null && year <= foundedYear)
  return isNew
    ? { basis: "BusinessCapital", businessClass: BusinessClass.byCapital(figures.businessCapital) }
    : { basis: "AnnualSales", businessClass: BusinessClass.bySales(figures.annualSales) }
}

/** One year of an SME's figures with its class. */
export interface ClassYear extends BusinessFigures, Classification {
  readonly year: number
}

/** Whether an SME moved up, stayed or moved down between a baseline year and a later year. */
export const Outcome = Schema.Literal("Advanced", "Stayed", "Declined", "Unmeasured")
/**
 * Advanced (naik kelas), Stayed, Declined; Unmeasured when there is no year after the baseline
 * (or no figures at all).
 */
export type Outcome = typeof Outcome.Type

/** The outcome between a baseline and the current year. */
export const outcomeOf = (baseline: ClassYear | null, current: ClassYear | null): Outcome => {
  if (baseline === null || current === null || current.year <= baseline.year) return "Unmeasured"
  const step = BusinessClass.rank(current.businessClass) - BusinessClass.rank(baseline.businessClass)
  return step > 0 ? "Advanced" : step < 0 ? "Declined" : "Stayed"
}

const classYear = (figures: YearTable.YearFigures, foundedYear: number | null): ClassYear => {
  const { basis, businessClass } = classify(figures.year, figures, foundedYear)
  const { year, annualSales, businessCapital, workers } = figures
  return { year, annualSales, businessCapital, workers, basis, businessClass }
}

const classYears = (participant: ParticipantRecord | undefined): Array<ClassYear> =>
  participant === undefined
    ? []
    : YearTable.entries(participant.years).map((figures) => classYear(figures, participant.foundedYear))

/** The latest year before `year`, or else the first year reported. */
const inForceBefore = (years: ReadonlyArray<ClassYear>, year: number): ClassYear | null => {
  let found: ClassYear | null = null
  for (const entry of years) if (entry.year < year) found = entry
  return found ?? years[0] ?? null
}

// ---------------------------------------------------------------------------------------------
// Queries: one participant

/** The class history of one SME. */
export interface ClassHistory {
  readonly participantId: string
  readonly foundedYear: number | null
  readonly province: ProvinceCode | null
  readonly kbli: Kbli.Kbli | null
  /** Every year reported, earliest first. */
  readonly years: ReadonlyArray<ClassYear>
  /** The first year reported. */
  readonly baseline: ClassYear | null
  /** The latest year reported. */
  readonly current: ClassYear | null
  readonly outcome: Outcome
  readonly informalAtEnrolment: boolean | null
  readonly formalisedIn: number | null
}

const historyOf = (participant: ParticipantRecord): ClassHistory => {
  const years = classYears(participant)
  const baseline = years[0] ?? null
  const current = years[years.length - 1] ?? null
  return {
    participantId: participant.participantId,
    foundedYear: participant.foundedYear,
    province: participant.province,
    kbli: participant.kbli,
    years,
    baseline,
    current,
    outcome: outcomeOf(baseline, current),
    informalAtEnrolment: participant.informalAtEnrolment,
    formalisedIn: participant.formalisedIn
  }
}

/** The class history of one SME, or undefined when the log holds nothing of it. */
export const history = (state: State, participantId: string): ClassHistory | undefined => {
  const participant = state.participants.get(participantId)
  return participant === undefined ? undefined : historyOf(participant)
}

// ---------------------------------------------------------------------------------------------
// Queries: a forum's cohort

/** One SME of a forum's cohort: its class in force at registration, its current class, the outcome. */
export interface CohortOutcome {
  readonly smeId: string
  readonly province: ProvinceCode
  readonly kbli: Kbli.Kbli
  /** The KBLI 2020 section of its registered sector (A to U). */
  readonly sector: string
  /** The latest year before the forum's year, or else the first year reported. */
  readonly baseline: ClassYear | null
  /** The latest year reported. */
  readonly current: ClassYear | null
  readonly outcome: Outcome
  readonly informalAtRegistration: boolean
  /** Registered without an NIB and obtained one since. */
  readonly formalised: boolean
}

/** Counts of outcomes over a group of SMEs. */
export interface Advancement {
  readonly smes: number
  /** SMEs with a year reported after their baseline. */
  readonly measured: number
  readonly advanced: number
  readonly stayed: number
  readonly declined: number
  readonly unmeasured: number
  /** `advanced / measured`; null when nobody was measured. */
  readonly advancementRate: number | null
}

/** How many measured SMEs went from one class to another (including to the same class). */
export interface Transition {
  readonly from: BusinessClass.BusinessClass
  readonly to: BusinessClass.BusinessClass
  readonly smes: number
}

/** Formalisation within a cohort: informal at registration, and of those, formalised since. */
export interface Formalisation {
  readonly informalAtRegistration: number
  readonly formalised: number
  /** `formalised / informalAtRegistration`; null when every SME registered with an NIB. */
  readonly formalisationRate: number | null
}

/** The class advancement of a forum's cohort. */
export interface CohortReport extends Advancement {
  readonly forumId: string
  /** The forum's year: baselines are the figures of the years before it. */
  readonly year: number | null
  /** Measured SMEs by baseline class and current class, smallest classes first; only non-empty cells. */
  readonly transitions: ReadonlyArray<Transition>
  /** By province code. */
  readonly byProvince: ReadonlyArray<Advancement & { readonly province: ProvinceCode }>
  /** By KBLI section. */
  readonly bySector: ReadonlyArray<Advancement & { readonly sector: string }>
  readonly formalisation: Formalisation
}

const memberOutcome = (state: State, cohort: CohortRecord, smeId: string, member: CohortMember): CohortOutcome => {
  const participant = state.participants.get(smeId)
  const years = classYears(participant)
  const baseline = cohort.year === null ? (years[0] ?? null) : inForceBefore(years, cohort.year)
  const current = years[years.length - 1] ?? null
  return {
    smeId,
    province: member.province,
    kbli: member.kbli,
    sector: Kbli.sectionOf(member.kbli) ?? member.kbli,
    baseline,
    current,
    outcome: outcomeOf(baseline, current),
    informalAtRegistration: member.informal,
    formalised: member.informal && (participant?.formalisedIn ?? null) !== null
  }
}

/** The outcome of every SME of a forum's cohort, by SME id; empty when the forum is unknown. */
export const cohortOutcomes = (state: State, forumId: string): ReadonlyArray<CohortOutcome> => {
  const cohort = state.cohorts.get(forumId)
  if (cohort === undefined) return []
  return sortedKeys(cohort.members).flatMap((smeId) => {
    const member = cohort.members.get(smeId)
    return member === undefined ? [] : [memberOutcome(state, cohort, smeId, member)]
  })
}

/** Counts the outcomes of a group of SMEs. */
export const advancementOf = (outcomes: Iterable<{ readonly outcome: Outcome }>): Advancement => {
  const counts = { Advanced: 0, Stayed: 0, Declined: 0, Unmeasured: 0 }
  for (const { outcome } of outcomes) counts[outcome] += 1
  const measured = counts.Advanced + counts.Stayed + counts.Declined
  return {
    smes: measured + counts.Unmeasured,
    measured,
    advanced: counts.Advanced,
    stayed: counts.Stayed,
    declined: counts.Declined,
    unmeasured: counts.Unmeasured,
    advancementRate: rate(counts.Advanced, measured)
  }
}

const groupBy = <K extends string>(
  outcomes: ReadonlyArray<CohortOutcome>,
  key: (outcome: CohortOutcome) => K
): Array<[K, Advancement]> => {
  const groups = new Map<K, Array<CohortOutcome>>()
  for (const outcome of outcomes) getOrInsert(groups, key(outcome), newList<CohortOutcome>).push(outcome)
  return [...groups].sort(([a], [b]) => compareStrings(a, b)).map(([group, members]) => [group, advancementOf(members)])
}

/** Counts measured SMEs by baseline class and current class. */
export const transitionsOf = (outcomes: ReadonlyArray<CohortOutcome>): ReadonlyArray<Transition> => {
  const counts = new Map<string, number>()
  for (const { baseline, current, outcome } of outcomes) {
    if (outcome === "Unmeasured" || baseline === null || current === null) continue
    addTo(counts, `${baseline.businessClass}>${current.businessClass}`, 1)
  }
  return BusinessClass.all.flatMap((from) =>
    BusinessClass.all.flatMap((to) => {
      const smes = counts.get(`${from}>${to}`) ?? 0
      return smes === 0 ? [] : [{ from, to, smes }]
    })
  )
}

const formalisationOf = (outcomes: ReadonlyArray<CohortOutcome>): Formalisation => {
  const informal = outcomes.filter((outcome) => outcome.informalAtRegistration).length
  const formalised = outcomes.filter((outcome) => outcome.formalised).length
  return { informalAtRegistration: informal, formalised, formalisationRate: rate(formalised, informal) }
}

/** The class advancement of a forum's cohort, or undefined when the log holds nothing of the forum. */
export const cohort = (state: State, forumId: string): CohortReport | undefined => {
  const record = state.cohorts.get(forumId)
  if (record === undefined) return undefined
  const outcomes = cohortOutcomes(state, forumId)
  return {
    forumId,
    year: record.year,
    ...advancementOf(outcomes),
    transitions: transitionsOf(outcomes),
    byProvince: groupBy(outcomes, (outcome) => outcome.province).map(([province, counts]) => ({
      province,
      ...counts
    })),
    bySector: groupBy(outcomes, (outcome) => outcome.sector).map(([sector, counts]) => ({ sector, ...counts })),
    formalisation: formalisationOf(outcomes)
  }
}

// ---------------------------------------------------------------------------------------------
// Rows, for read-model tables

/** One row per SME and year reported (table `class_year`). */
export const ClassYearRow = Schema.Struct({
  participantId: Schema.String,
  year: Year,
  annualSales: Amount,
  businessCapital: Amount,
  workers: Count,
  basis: Basis,
  businessClass: BusinessClass.BusinessClass
})
/** One row per SME and year reported. */
export type ClassYearRow = typeof ClassYearRow.Type

const classColumns = {
  baselineYear: Schema.NullOr(Year),
  baselineClass: Schema.NullOr(BusinessClass.BusinessClass),
  currentYear: Schema.NullOr(Year),
  currentClass: Schema.NullOr(BusinessClass.BusinessClass),
  outcome: Outcome
}

/** One row per SME: first and latest class (table `class_participant`). */
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

/** One row per forum and registered SME: class in force at registration and now (table `class_cohort`). */
export const CohortRow = Schema.Struct({
  forumId: Schema.String,
  smeId: Schema.String,
  province: ProvinceCode,
  sector: Schema.String,
  ...classColumns,
  informalAtRegistration: Schema.Boolean,
  formalised: Schema.Boolean
})
/** One row per forum and registered SME. */
export type CohortRow = typeof CohortRow.Type

/** Measured SMEs per forum, baseline class and current class (table `class_transition`). */
export const TransitionRow = Schema.Struct({
  forumId: Schema.String,
  from: BusinessClass.BusinessClass,
  to: BusinessClass.BusinessClass,
  smes: Count
})
/** Measured SMEs per forum and transition. */
export type TransitionRow = typeof TransitionRow.Type

/** The read model as table rows, ordered by their keys: what a table sink writes. */
export interface Rows {
  readonly years: ReadonlyArray<ClassYearRow>
  readonly participants: ReadonlyArray<ParticipantRow>
  readonly cohorts: ReadonlyArray<CohortRow>
  readonly transitions: ReadonlyArray<TransitionRow>
}

const classCells = (baseline: ClassYear | null, current: ClassYear | null, outcome: Outcome) => ({
  baselineYear: baseline?.year ?? null,
  baselineClass: baseline?.businessClass ?? null,
  currentYear: current?.year ?? null,
  currentClass: current?.businessClass ?? null,
  outcome
})

const participantRows = (state: State, years: Array<ClassYearRow>, participants: Array<ParticipantRow>): void => {
  for (const participantId of sortedKeys(state.participants)) {
    const found = history(state, participantId)
    if (found === undefined) continue
    for (const { year, annualSales, businessCapital, workers, basis, businessClass } of found.years) {
      years.push({ participantId, year, annualSales, businessCapital, workers, basis, businessClass })
    }
    participants.push({
      participantId,
      foundedYear: found.foundedYear,
      province: found.province,
      kbli: found.kbli,
      ...classCells(found.baseline, found.current, found.outcome),
      informalAtEnrolment: found.informalAtEnrolment,
      formalisedIn: found.formalisedIn
    })
  }
}

const cohortRows = (state: State, cohorts: Array<CohortRow>, transitions: Array<TransitionRow>): void => {
  for (const forumId of sortedKeys(state.cohorts)) {
    const outcomes = cohortOutcomes(state, forumId)
    for (const outcome of outcomes) {
      cohorts.push({
        forumId,
        smeId: outcome.smeId,
        province: outcome.province,
        sector: outcome.sector,
        ...classCells(outcome.baseline, outcome.current, outcome.outcome),
        informalAtRegistration: outcome.informalAtRegistration,
        formalised: outcome.formalised
      })
    }
    for (const transition of transitionsOf(outcomes)) transitions.push({ forumId, ...transition })
  }
}

/** The whole read model as rows, each table ordered by its key. */
export const rows = (state: State): Rows => {
  const years: Array<ClassYearRow> = []
  const participants: Array<ParticipantRow> = []
  const cohorts: Array<CohortRow> = []
  const transitions: Array<TransitionRow> = []
  participantRows(state, years, participants)
  cohortRows(state, cohorts, transitions)
  return { years, participants, cohorts, transitions }
}
