/**
 * Questions to the class-advancement tables: an SME's class history, and a forum cohort's outcomes
 * and report (counts, at each horizon, transitions, by province, by sector, by class, beside
 * contracts, formalisation), and every cohort at each horizon.
 *
 * @since 0.2.0
 */
import { type EventStoreError, ReadModelStore } from "@kemitraan/eventsourcing"
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import * as BusinessClass from "../../BusinessClass.js"
import type * as Kbli from "../../Kbli.js"
import type { ProvinceCode } from "../../Province.js"
import * as Rupiah from "../../Rupiah.js"
import { compareStrings, rate } from "../internal/readModel.js"
import {
  type ClassYear,
  type ClassYearRow,
  ClassYears,
  type CohortRow,
  Cohorts,
  type ContractRow,
  Contracts,
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
  /** Every year reported, earliest first; `complete` marks the whole years. */
  readonly years: ReadonlyArray<ClassYear>
  /** The first whole year. */
  readonly baseline: ClassYear | null
  /** The latest whole year. */
  readonly current: ClassYear | null
  /** What the baseline and the current year were compared on; null when unmeasured. */
  readonly basis: BusinessClass.Basis | null
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
  /** The latest whole year no later than the forum's year. */
  readonly baseline: ClassYear | null
  /** The latest whole year after the forum's year. */
  readonly current: ClassYear | null
  /** What the baseline and the current year were compared on; null when unmeasured. */
  readonly basis: BusinessClass.Basis | null
  /** The class of the baseline and of the current year on that basis; null when unmeasured. */
  readonly classes: { readonly from: BusinessClass.BusinessClass; readonly to: BusinessClass.BusinessClass } | null
  /** The baseline against the current year. */
  readonly outcome: Outcome
  /** The baseline against the whole years t+1, t+2 and t+3 after the forum's year. */
  readonly horizons: { readonly t1: Outcome; readonly t2: Outcome; readonly t3: Outcome }
  /** Contracts won from its assessments at the forum, and their value. */
  readonly contracts: number
  readonly contractedValue: Rupiah.Total
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

/** Advancement at one horizon: the baseline against the whole year `horizon` years after the forum's. */
export interface HorizonAdvancement extends Advancement {
  readonly horizon: BusinessClass.Horizon
  /** The year compared: the forum's year plus the horizon. */
  readonly year: number | null
}

/** A cohort's advancement at t+1, t+2 and t+3. */
export interface CohortHorizons {
  readonly forumId: string
  readonly year: number | null
  readonly smes: number
  readonly horizons: ReadonlyArray<HorizonAdvancement>
}

/** The class advancement of a forum's cohort. */
export interface CohortReport extends Advancement {
  readonly forumId: string
  /** The forum's year: a baseline is the latest whole year no later than it. */
  readonly year: number | null
  /** Advancement at t+1, t+2 and t+3. */
  readonly horizons: ReadonlyArray<HorizonAdvancement>
  /** By the class of the baseline (the comparison's class; the year's own class when unmeasured). */
  readonly byClass: ReadonlyArray<Advancement & { readonly businessClass: BusinessClass.BusinessClass | null }>
  /** SMEs that won at least one contract at the forum beside those that won none. */
  readonly byContract: {
    readonly withContract: Advancement & { readonly contractedValue: Rupiah.Total }
    readonly withoutContract: Advancement
  }
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
      baseline: yearIn(years, participant.baselineYear),
      current: yearIn(years, participant.currentYear),
      basis: participant.basis,
      outcome: participant.outcome,
      informalAtEnrolment: participant.informalAtEnrolment,
      formalisedIn: participant.formalisedIn
    }
  })

const yearIn = (years: ReadonlyArray<ClassYear>, year: number | null): ClassYear | null =>
  year === null ? null : (years.find((entry) => entry.year === year) ?? null)

const outcomeOfRow = (row: CohortRow, contract: ContractRow | undefined): Query<CohortOutcome> =>
  Effect.map(yearsOf(row.smeId), (years) => ({
    smeId: row.smeId,
    province: row.province,
    kbli: row.kbli,
    sector: row.sector,
    baseline: yearIn(years, row.baselineYear),
    current: yearIn(years, row.currentYear),
    basis: row.basis,
    classes:
      row.outcome === "Unmeasured" || row.baselineClass === null || row.currentClass === null
        ? null
        : { from: row.baselineClass, to: row.currentClass },
    outcome: row.outcome,
    horizons: { t1: row.outcomeT1, t2: row.outcomeT2, t3: row.outcomeT3 },
    contracts: contract?.contracts ?? 0,
    contractedValue: contract?.contractedValue ?? Rupiah.zeroTotal,
    informalAtRegistration: row.informalAtRegistration,
    formalised: row.formalised
  }))

/** The outcome of every SME of a forum's cohort, by SME id; empty when the forum is unknown. */
export const cohortOutcomes = (forumId: string): Query<ReadonlyArray<CohortOutcome>> =>
  Effect.gen(function* () {
    const rows = yield* ReadModelStore.list(Cohorts, { forumId })
    const contracts = yield* contractsOf(forumId)
    return yield* Effect.forEach(rows, (row) => outcomeOfRow(row, contracts.get(row.smeId)))
  })

const contractsOf = (forumId: string): Query<Map<string, ContractRow>> =>
  Effect.map(ReadModelStore.list(Contracts, { forumId }), (rows) => new Map(rows.map((row) => [row.smeId, row])))

const horizonsOf = (rows: ReadonlyArray<CohortRow>, year: number | null): Array<HorizonAdvancement> =>
  BusinessClass.horizons.map((horizon) => ({
    horizon,
    year: year === null ? null : year + horizon,
    ...advancementOf(rows.map((row) => ({ outcome: horizonOutcome(row, horizon) })))
  }))

const horizonOutcome = (row: CohortRow, horizon: BusinessClass.Horizon): Outcome =>
  horizon === 1 ? row.outcomeT1 : horizon === 2 ? row.outcomeT2 : row.outcomeT3

const byContractOf = (
  rows: ReadonlyArray<CohortRow>,
  contracts: Map<string, ContractRow>
): CohortReport["byContract"] => {
  const won = rows.filter((row) => (contracts.get(row.smeId)?.contracts ?? 0) > 0)
  const none = rows.filter((row) => (contracts.get(row.smeId)?.contracts ?? 0) === 0)
  const contractedValue = Rupiah.sum(won.map((row) => contracts.get(row.smeId)?.contractedValue ?? Rupiah.zeroTotal))
  return { withContract: { ...advancementOf(won), contractedValue }, withoutContract: advancementOf(none) }
}

/** Every forum's cohort at t+1, t+2 and t+3, by forum id. */
export const cohorts: Query<ReadonlyArray<CohortHorizons>> = Effect.gen(function* () {
  const forums = yield* ReadModelStore.list(Forums)
  return yield* Effect.forEach(forums, ({ forumId, year }) =>
    Effect.map(ReadModelStore.list(Cohorts, { forumId }), (rows) => ({
      forumId,
      year,
      smes: rows.length,
      horizons: horizonsOf(rows, year)
    }))
  )
})

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

/** Counts measured SMEs by baseline class and current class (on each comparison's basis), smallest classes first. */
export const transitionsOf = (outcomes: ReadonlyArray<Pick<CohortOutcome, "classes">>): ReadonlyArray<Transition> => {
  const cells = new Map<string, Transition>()
  for (const { classes } of outcomes) {
    if (classes === null) continue
    const id = `${classes.from}>${classes.to}`
    const smes = (cells.get(id)?.smes ?? 0) + 1
    cells.set(id, { ...classes, smes })
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
      horizons: horizonsOf(rows, forum.value.year),
      byClass: [...BusinessClass.all, null].flatMap((businessClass) => {
        const members = rows.filter((row) => row.baselineClass === businessClass)
        return members.length === 0 ? [] : [{ businessClass, ...advancementOf(members) }]
      }),
      byContract: byContractOf(rows, yield* contractsOf(forumId)),
      transitions: transitions.map(({ from, to, smes }) => ({ from, to, smes })).sort(byTransition),
      byProvince: groupBy(rows, (row) => row.province).map(([province, counts]) => ({ province, ...counts })),
      bySector: groupBy(rows, (row) => row.sector).map(([sector, counts]) => ({ sector, ...counts })),
      formalisation: formalisationOf(rows)
    }
  })
