/**
 * How events change the class-advancement tables. A cohort row depends on the SME's years, its
 * founding year (which decides the basis of each year), its formalisation, and the forum's year; an
 * event about any of them recomputes, from the rows themselves, every row that depends on it, so the
 * events may come in any order. Each transition count moves with the cohort row it counts.
 *
 * @since 0.2.0
 */
import { ReadModel, type RecordedEvent } from "@kemitraan/eventsourcing"
import * as BusinessClass from "../../BusinessClass.js"
import * as Kbli from "../../Kbli.js"
import type { KemitraanEvent } from "../../KemitraanEvent.js"
import { yearOf } from "../internal/readModel.js"
import {
  type ClassYear,
  type ClassYearRow,
  ClassYears,
  type CohortRow,
  Cohorts,
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
  "SmeRegistered"
] as const satisfies ReadonlyArray<KemitraanEvent["_tag"]>

/** The outcome between a baseline and the current year. */
export const outcomeOf = (baseline: ClassYear | null, current: ClassYear | null): Outcome => {
  if (baseline === null || current === null || current.year <= baseline.year) return "Unmeasured"
  const step = BusinessClass.rank(current.businessClass) - BusinessClass.rank(baseline.businessClass)
  return step > 0 ? "Advanced" : step < 0 ? "Declined" : "Stayed"
}

/** The latest year before `year`, or else the first year reported. */
const inForceBefore = <Y extends ClassYear>(years: ReadonlyArray<Y>, year: number): Y | null => {
  let found: Y | null = null
  for (const entry of years) if (entry.year < year) found = entry
  return found ?? years[0] ?? null
}

const classCells = (baseline: ClassYear | null, current: ClassYear | null) => ({
  baselineYear: baseline?.year ?? null,
  baselineClass: baseline?.businessClass ?? null,
  currentYear: current?.year ?? null,
  currentClass: current?.businessClass ?? null,
  outcome: outcomeOf(baseline, current)
})

const newParticipant = (participantId: string): ParticipantRow => ({
  participantId,
  foundedYear: null,
  province: null,
  kbli: null,
  ...classCells(null, null),
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
  const { participantId, year, annualSales, businessCapital, workers } = figures
  const { basis, businessClass } = BusinessClass.classify(year, figures, foundedYear)
  return { participantId, year, annualSales, businessCapital, workers, basis, businessClass }
}

/** A cohort row with its classes recomputed from the SME's years, earliest first. */
const measured = (row: CohortRow, years: ReadonlyArray<ClassYear>, formalised: boolean): CohortRow => {
  const baseline = row.forumYear === null ? (years[0] ?? null) : inForceBefore(years, row.forumYear)
  return { ...row, ...classCells(baseline, years[years.length - 1] ?? null), formalised }
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
  rows.put(Participants, { ...participant, ...classCells(years[0] ?? null, years[years.length - 1] ?? null) })
  for (const member of rows.find(Cohorts, { smeId: participantId })) {
    putCohort(rows, member, measured(member, years, member.informalAtRegistration && formalisedIn !== null))
  }
}

type Event<Tag extends KemitraanEvent["_tag"]> = Extract<KemitraanEvent, { readonly _tag: Tag }>

const figuresReported = (
  rows: ReadModel.Rows,
  event: Event<"BusinessFiguresReported" | "BusinessFiguresCorrected">
): void => {
  const participant = participantOf(rows, event.participantId)
  rows.put(ClassYears, classified(event, participant.foundedYear))
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
    putCohort(rows, member, measured({ ...member, forumYear: year }, years, member.formalised))
  }
}

const smeRegistered = (rows: ReadModel.Rows, event: Event<"SmeRegistered">): void => {
  const { forumId, smeId, province, kbli } = event
  const forum = rows.get(Forums, { forumId }) ?? { forumId, year: null }
  rows.put(Forums, forum)
  const formalisedIn = rows.get(Participants, { participantId: smeId })?.formalisedIn ?? null
  const informal = event.nib === undefined
  const registration: CohortRow = {
    forumId,
    smeId,
    province,
    sector: Kbli.sectionOf(kbli) ?? kbli,
    ...classCells(null, null),
    informalAtRegistration: informal,
    formalised: false,
    kbli,
    forumYear: forum.year
  }
  const years = rows.find(ClassYears, { participantId: smeId })
  const old = rows.get(Cohorts, { forumId, smeId })
  putCohort(rows, old, measured(registration, years, informal && formalisedIn !== null))
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
    default:
      return []
  }
}
