/**
 * Questions to the class-advancement tables: an SME's class history, and a forum cohort's outcomes
 * and report (counts, transitions, by province, by sector, formalisation).
 *
 * @since 0.2.0
 */
import { type EventStoreError, ReadModelStore } from "@kemitraan/eventsourcing"
import { Effect, Option } from "effect"
import * as BusinessClass from "../../BusinessClass.js"
import type * as Kbli from "../../Kbli.js"
import type { ProvinceCode } from "../../Province.js"
import { compareStrings, rate } from "../internal/readModel.js"
import {
  type ClassYear,
  type ClassYearRow,
  ClassYears,
  type CohortRow,
  Cohorts,
  Forums,
  type Outcome,
  Participants,
  Transitions
} from "./tables.js"

/** What a query needs: the store of the read model's tables. */
type Query<A> = Effect.Effect<A, EventStoreError.StoreError, ReadModelStore.ReadModelStore>

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

const classYearOf = ({ participantId: _participantId, ...year }: ClassYearRow): ClassYear => year

const yearsOf = (participantId: string): Query<Array<ClassYear>> =>
  Effect.map(ReadModelStore.list(ClassYears, { participantId }), (rows) => rows.map(classYearOf))

/** The class history of one SME, or undefined when the log holds nothing of it. */
export const history = (participantId: string): Query<ClassHistory | undefined> =>
  Effect.gen(function* () {
    const found = yield* ReadModelStore.get(Participants, { participantId })
    if (Option.isNone(found)) return undefined
    const participant = found.value
    const years = yield* yearsOf(participantId)
    return {
      participantId,
      foundedYear: participant.foundedYear,
      province: participant.province,
      kbli: participant.kbli,
      years,
      baseline: years[0] ?? null,
      current: years[years.length - 1] ?? null,
      outcome: participant.outcome,
      informalAtEnrolment: participant.informalAtEnrolment,
      formalisedIn: participant.formalisedIn
    }
  })

const yearIn = (years: ReadonlyArray<ClassYear>, year: number | null): ClassYear | null =>
  year === null ? null : (years.find((entry) => entry.year === year) ?? null)

const outcomeOfRow = (row: CohortRow): Query<CohortOutcome> =>
  Effect.map(yearsOf(row.smeId), (years) => ({
    smeId: row.smeId,
    province: row.province,
    kbli: row.kbli,
    sector: row.sector,
    baseline: yearIn(years, row.baselineYear),
    current: yearIn(years, row.currentYear),
    outcome: row.outcome,
    informalAtRegistration: row.informalAtRegistration,
    formalised: row.formalised
  }))

/** The outcome of every SME of a forum's cohort, by SME id; empty when the forum is unknown. */
export const cohortOutcomes = (forumId: string): Query<ReadonlyArray<CohortOutcome>> =>
  Effect.flatMap(ReadModelStore.list(Cohorts, { forumId }), (rows) => Effect.forEach(rows, outcomeOfRow))

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

const byTransition = (a: Transition, b: Transition): number =>
  BusinessClass.rank(a.from) - BusinessClass.rank(b.from) || BusinessClass.rank(a.to) - BusinessClass.rank(b.to)

/** Counts measured SMEs by baseline class and current class, smallest classes first. */
export const transitionsOf = (
  outcomes: ReadonlyArray<Pick<CohortOutcome, "baseline" | "current" | "outcome">>
): ReadonlyArray<Transition> => {
  const cells = new Map<string, Transition>()
  for (const { baseline, current, outcome } of outcomes) {
    if (outcome === "Unmeasured" || baseline === null || current === null) continue
    const id = `${baseline.businessClass}>${current.businessClass}`
    const smes = (cells.get(id)?.smes ?? 0) + 1
    cells.set(id, { from: baseline.businessClass, to: current.businessClass, smes })
  }
  return [...cells.values()].sort(byTransition)
}

const groupBy = <K extends string>(
  rows: ReadonlyArray<CohortRow>,
  key: (row: CohortRow) => K
): Array<[K, Advancement]> => {
  const groups = new Map<K, Array<CohortRow>>()
  for (const row of rows) {
    const group = groups.get(key(row))
    if (group === undefined) groups.set(key(row), [row])
    else group.push(row)
  }
  return [...groups].sort(([a], [b]) => compareStrings(a, b)).map(([group, members]) => [group, advancementOf(members)])
}

const formalisationOf = (rows: ReadonlyArray<CohortRow>): Formalisation => {
  const informal = rows.filter((row) => row.informalAtRegistration).length
  const formalised = rows.filter((row) => row.formalised).length
  return { informalAtRegistration: informal, formalised, formalisationRate: rate(formalised, informal) }
}

/** The class advancement of a forum's cohort, or undefined when the log holds nothing of the forum. */
export const cohort = (forumId: string): Query<CohortReport | undefined> =>
  Effect.gen(function* () {
    const forum = yield* ReadModelStore.get(Forums, { forumId })
    if (Option.isNone(forum)) return undefined
    const rows = yield* ReadModelStore.list(Cohorts, { forumId })
    const transitions = yield* ReadModelStore.list(Transitions, { forumId })
    return {
      forumId,
      year: forum.value.year,
      ...advancementOf(rows),
      transitions: transitions.map(({ from, to, smes }) => ({ from, to, smes })).sort(byTransition),
      byProvince: groupBy(rows, (row) => row.province).map(([province, counts]) => ({ province, ...counts })),
      bySector: groupBy(rows, (row) => row.sector).map(([sector, counts]) => ({ sector, ...counts })),
      formalisation: formalisationOf(rows)
    }
  })
