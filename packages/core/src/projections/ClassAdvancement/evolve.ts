/**
 * How events change the class-advancement tables. A cohort row depends on the SME's years (and
 * whether each is whole), its founding year (which decides the basis of a comparison), its
 * formalisation, and the forum's year; an event about any of them recomputes, from the rows
 * themselves, every row that depends on it, so the events may come in any order. Each transition
 * count moves with the cohort row it counts.
 *
 * @since 0.2.0
 */
import { ReadModel, type RecordedEvent } from "@kemitraan/eventsourcing"
import * as BusinessClass from "../../BusinessClass.js"
import * as Kbli from "../../Kbli.js"
import type { KemitraanEvent } from "../../KemitraanEvent.js"
import * as Rupiah from "../../Rupiah.js"
import { yearOf } from "../internal/readModel.js"
import {
  type ClassYear,
  type ClassYearRow,
  ClassYears,
  type CohortRow,
  Cohorts,
  Contracts,
  Forums,
  type Outcome,
  type ParticipantRow,
  Participants,
  Transitions
} from "./tables.js"

/** The event types the read model reads; the runner skips the others without decoding them. */
export const eventTypes = [
  "SmeEnrolled",
  "BusinessFiguresReported",
  "BusinessFiguresCorrected",
  "ParticipantFormalised",
  "ForumScheduled",
  "SmeRegistered",
  "ContractAwarded",
  "ContractCorrected",
  "ContractVoided"
] as const satisfies ReadonlyArray<KemitraanEvent["_tag"]>

/** The outcome of comparing a baseline with a later year, on one basis (`BusinessClass.compare`). */
export const outcomeOf = (baseline: ClassYear | null, later: ClassYear | null, foundedYear: number | null): Outcome =>
  baseline === null || later === null || later.year <= baseline.year
    ? "Unmeasured"
    : BusinessClass.compare(baseline, later, foundedYear).outcome

/** The cells of a comparison of a baseline with a later year. */
const classCells = (baseline: ClassYear | null, later: ClassYear | null, foundedYear: number | null) => {
  if (baseline === null || later === null || later.year <= baseline.year) {
    const baselineYear = baseline?.year ?? null
    const baselineClass = baseline?.businessClass ?? null
    return {
      baselineYear,
      baselineClass,
      currentYear: null,
      currentClass: null,
      basis: null,
      outcome: "Unmeasured" as const
    }
  }
  const { basis, from, to, outcome } = BusinessClass.compare(baseline, later, foundedYear)
  return { baselineYear: baseline.year, baselineClass: from, currentYear: later.year, currentClass: to, basis, outcome }
}

/** The whole years, earliest first. */
const wholeYears = <Y extends ClassYear>(years: ReadonlyArray<Y>): Array<Y> =>
  years.filter((entry) => entry.complete).sort((a, b) => a.year - b.year)

/** The latest of `years` (earliest first) that `accepts`, or null. */
const latest = <Y extends ClassYear>(years: ReadonlyArray<Y>, accepts: (year: number) => boolean): Y | null => {
  let found: Y | null = null
  for (const entry of years) if (accepts(entry.year)) found = entry
  return found
}

const newParticipant = (participantId: string): ParticipantRow => ({
  participantId,
  foundedYear: null,
  province: null,
  kbli: null,
  ...classCells(null, null, null),
  informalAtEnrolment: null,
  formalisedIn: null
})

const participantOf = (rows: ReadModel.Rows, participantId: string): ParticipantRow =>
  rows.get(Participants, { participantId }) ?? newParticipant(participantId)

/** A year's figures as a row, classified with the SME's founding year. */
const classified = (
  figures: Omit<ClassYearRow, "basis" | "businessClass">,
  foundedYear: number | null
): ClassYearRow => {
  const { participantId, year, annualSales, businessCapital, workers, complete } = figures
  const { basis, businessClass } = BusinessClass.classify(year, figures, foundedYear)
  return { participantId, year, annualSales, businessCapital, workers, basis, businessClass, complete }
}

/**
 * A cohort row with its comparisons recomputed from the SME's years: the baseline is the latest whole
 * year no later than the forum's year, compared with the latest whole year after it and with each
 * horizon's year. Nothing is measured until the forum's year is known.
 */
const measured = (
  row: CohortRow,
  years: ReadonlyArray<ClassYear>,
  foundedYear: number | null,
  formalised: boolean
): CohortRow => {
  const forumYear = row.forumYear
  const whole = wholeYears(years)
  const baseline = forumYear === null ? null : latest(whole, (year) => year <= forumYear)
  const after = forumYear === null ? null : latest(whole, (year) => year > forumYear)
  const at = (horizon: BusinessClass.Horizon) =>
    outcomeOf(baseline, forumYear === null ? null : latest(whole, (year) => year === forumYear + horizon), foundedYear)
  return {
    ...row,
    ...classCells(baseline, after, foundedYear),
    outcomeT1: at(1),
    outcomeT2: at(2),
    outcomeT3: at(3),
    formalised
  }
}

/** The transition a cohort row counts in, if it is measured. */
const cellOf = (row: CohortRow | undefined) =>
  row === undefined || row.outcome === "Unmeasured" || row.baselineClass === null || row.currentClass === null
    ? undefined
    : { from: row.baselineClass, to: row.currentClass }

const addToCell = (
  rows: ReadModel.Rows,
  forumId: string,
  cell: { readonly from: BusinessClass.BusinessClass; readonly to: BusinessClass.BusinessClass },
  delta: number
): void => {
  const found = rows.find(Transitions, { forumId }).find((row) => row.from === cell.from && row.to === cell.to)
  const smes = (found?.smes ?? 0) + delta
  if (smes === 0) rows.remove(Transitions, { forumId, ...cell })
  else rows.put(Transitions, { forumId, ...cell, smes })
}

/** Writes a cohort row and moves its count from the transition it left to the one it entered. */
const putCohort = (rows: ReadModel.Rows, old: CohortRow | undefined, next: CohortRow): void => {
  rows.put(Cohorts, next)
  const from = cellOf(old)
  const to = cellOf(next)
  if (from?.from === to?.from && from?.to === to?.to) return
  if (from !== undefined) addToCell(rows, next.forumId, from, -1)
  if (to !== undefined) addToCell(rows, next.forumId, to, 1)
}

/**
 * Recomputes what depends on an SME's figures, founding year and formalisation: the class of each
 * of its years, its own first and latest class, and its rows in every cohort.
 */
const refreshSme = (rows: ReadModel.Rows, participant: ParticipantRow): void => {
  const { participantId, foundedYear, formalisedIn } = participant
  const years = rows.find(ClassYears, { participantId }).map((row) => classified(row, foundedYear))
  for (const year of years) rows.put(ClassYears, year)
  const whole = wholeYears(years)
  const first = whole[0] ?? null
  rows.put(Participants, { ...participant, ...classCells(first, whole[whole.length - 1] ?? null, foundedYear) })
  for (const member of rows.find(Cohorts, { smeId: participantId })) {
    const formalised = member.informalAtRegistration && formalisedIn !== null
    putCohort(rows, member, measured(member, years, foundedYear, formalised))
  }
}

type Event<Tag extends KemitraanEvent["_tag"]> = Extract<KemitraanEvent, { readonly _tag: Tag }>

const figuresReported = (
  rows: ReadModel.Rows,
  event: Event<"BusinessFiguresReported" | "BusinessFiguresCorrected">
): void => {
  const participant = participantOf(rows, event.participantId)
  const complete = BusinessClass.isComplete(event.year, event.at)
  rows.put(ClassYears, classified({ ...event, complete }, participant.foundedYear))
  refreshSme(rows, participant)
}

/** The forum's year reaches the rows of its cohort (registered before the scheduling was seen). */
const forumScheduled = (rows: ReadModel.Rows, event: Event<"ForumScheduled">): void => {
  const { forumId } = event
  const year = Number(event.date.slice(0, 4))
  rows.put(Forums, { forumId, year })
  for (const member of rows.find(Cohorts, { forumId })) {
    if (member.forumYear === year) continue
    const years = rows.find(ClassYears, { participantId: member.smeId })
    const foundedYear = rows.get(Participants, { participantId: member.smeId })?.foundedYear ?? null
    putCohort(rows, member, measured({ ...member, forumYear: year }, years, foundedYear, member.formalised))
  }
}

const smeRegistered = (rows: ReadModel.Rows, event: Event<"SmeRegistered">): void => {
  const { forumId, smeId, province, kbli } = event
  const forum = rows.get(Forums, { forumId }) ?? { forumId, year: null }
  rows.put(Forums, forum)
  const participant = rows.get(Participants, { participantId: smeId })
  const formalisedIn = participant?.formalisedIn ?? null
  const informal = event.nib === undefined
  const registration: CohortRow = {
    forumId,
    smeId,
    province,
    sector: Kbli.sectionOf(kbli) ?? kbli,
    ...classCells(null, null, null),
    outcomeT1: "Unmeasured",
    outcomeT2: "Unmeasured",
    outcomeT3: "Unmeasured",
    informalAtRegistration: informal,
    formalised: false,
    kbli,
    forumYear: forum.year
  }
  const years = rows.find(ClassYears, { participantId: smeId })
  const old = rows.get(Cohorts, { forumId, smeId })
  const foundedYear = participant?.foundedYear ?? null
  putCohort(rows, old, measured(registration, years, foundedYear, informal && formalisedIn !== null))
}

/** A contract counts for the SME at the forum its assessment came from. */
const contractAwarded = (rows: ReadModel.Rows, event: Event<"ContractAwarded">): void => {
  const { forumId, smeId } = event
  const row = rows.get(Contracts, { forumId, smeId })
  rows.put(Contracts, {
    forumId,
    smeId,
    contracts: (row?.contracts ?? 0) + 1,
    contractedValue: Rupiah.add(row?.contractedValue ?? Rupiah.zeroTotal, event.value)
  })
}

/** A contract corrected or voided: its value replaced or withdrawn, and one contract fewer for a void. */
const contractAmended = (rows: ReadModel.Rows, event: Event<"ContractCorrected" | "ContractVoided">): void => {
  const { forumId, smeId } = event
  const row = rows.get(Contracts, { forumId, smeId })
  if (row === undefined) return
  const voided = event._tag === "ContractVoided"
  const [before, after] = voided ? [event.value, Rupiah.zero] : [event.previousValue, event.value]
  rows.put(Contracts, {
    ...row,
    contracts: row.contracts - (voided ? 1 : 0),
    contractedValue: Rupiah.replace(row.contractedValue, before, after)
  })
}

/** Folds one event into row changes. */
export const evolve = (rows: ReadModel.Rows, { event }: RecordedEvent.RecordedEvent<KemitraanEvent>): void => {
  switch (event._tag) {
    case "SmeEnrolled":
      return refreshSme(rows, {
        ...participantOf(rows, event.participantId),
        foundedYear: event.foundedYear,
        province: event.province,
        kbli: event.kbli,
        informalAtEnrolment: event.nib === undefined
      })
    case "BusinessFiguresReported":
    case "BusinessFiguresCorrected":
      return figuresReported(rows, event)
    case "ParticipantFormalised":
      return refreshSme(rows, { ...participantOf(rows, event.participantId), formalisedIn: yearOf(event.at) })
    case "ForumScheduled":
      return forumScheduled(rows, event)
    case "SmeRegistered":
      return smeRegistered(rows, event)
    case "ContractAwarded":
      return contractAwarded(rows, event)
    case "ContractCorrected":
    case "ContractVoided":
      return contractAmended(rows, event)
  }
}

/** What an event about an SME reads: its row, its years and its cohort rows. */
const smeLookups = (participantId: string): ReadonlyArray<ReadModel.Lookup> => [
  ReadModel.lookup(Participants, { participantId }),
  ReadModel.lookup(ClassYears, { participantId }),
  ReadModel.lookup(Cohorts, { smeId: participantId })
]

/**
 * The rows an event reads, known from the event alone. Not among them: the transition counts of the
 * forums an SME registered at (its cohort rows name them) and, when a forum is scheduled after SMEs
 * registered, those SMEs' rows; a run loads them when it meets them, in one more round trip.
 */
export const lookups = ({ event }: RecordedEvent.RecordedEvent<KemitraanEvent>): ReadonlyArray<ReadModel.Lookup> => {
  switch (event._tag) {
    case "SmeEnrolled":
    case "BusinessFiguresReported":
    case "BusinessFiguresCorrected":
    case "ParticipantFormalised":
      return smeLookups(event.participantId)
    case "ForumScheduled":
      return [
        ReadModel.lookup(Forums, { forumId: event.forumId }),
        ReadModel.lookup(Cohorts, { forumId: event.forumId }),
        ReadModel.lookup(Transitions, { forumId: event.forumId })
      ]
    case "SmeRegistered":
      return [
        ReadModel.lookup(Participants, { participantId: event.smeId }),
        ReadModel.lookup(ClassYears, { participantId: event.smeId }),
        ReadModel.lookup(Forums, { forumId: event.forumId }),
        ReadModel.lookup(Cohorts, { forumId: event.forumId, smeId: event.smeId }),
        ReadModel.lookup(Transitions, { forumId: event.forumId })
      ]
    case "ContractAwarded":
    case "ContractCorrected":
    case "ContractVoided":
      return [ReadModel.lookup(Contracts, { forumId: event.forumId, smeId: event.smeId })]
    default:
      return []
  }
}
