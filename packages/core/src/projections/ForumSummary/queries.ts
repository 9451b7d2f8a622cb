/**
 * The forum summary's queries: what the ministry reports after a forum, read from the summary's
 * tables. They answer the same on every store.
 *
 * @since 0.2.0
 */
import { type EventStoreError, ReadModelStore } from "@kemitraan/eventsourcing"
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import type { CalendarDate } from "../../CalendarDate.js"
import type { ReportedFigures } from "../../ForumEvent.js"
import type { ForumStatus } from "../../ForumState.js"
import type { ProvinceCode } from "../../Province.js"
import * as Rupiah from "../../Rupiah.js"
import { compareStrings } from "../internal/readModel.js"
import { Counterparts, type ForumRow, Forums, Potential, type PotentialRow, Provinces } from "./tables.js"

/** What a query needs and how it may fail. */
type Query<A> = Effect.Effect<A, EventStoreError.StoreError, ReadModelStore.ReadModelStore>

/** Potential value in one product category. */
export interface CategoryPotential {
  readonly category: string
  readonly potentialValue: Rupiah.Total
}

/** Potential value with one counterpart. `legalName` is null when the counterpart's joining is not in the log. */
export interface CounterpartPotential {
  readonly counterpartId: string
  readonly legalName: string | null
  readonly potentialValue: Rupiah.Total
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
  /** SMEs with at least one assessment. */
  readonly smesAssessed: number
  readonly counterpartsJoined: number
  /** Counterparts with at least one assessment. */
  readonly counterpartsAssessed: number
  readonly consultationsHeld: number
  readonly assessments: number
  readonly potentialValue: Rupiah.Total
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

/** Orders entries by a number or an amount, largest first, and ties by a string key, so any input order gives one answer. */
const largestFirst =
  <K extends string, V extends string>(key: K, value: V) =>
  (a: Record<K, string> & Record<V, number | bigint>, b: Record<K, string> & Record<V, number | bigint>): number =>
    (b[value] > a[value] ? 1 : b[value] < a[value] ? -1 : 0) || compareStrings(a[key], b[key])

/** Sums potential rows by one of their fields. */
const totalsBy = (rows: ReadonlyArray<PotentialRow>, field: "category" | "counterpartId") => {
  const totals = new Map<string, Rupiah.Total>()
  for (const row of rows)
    totals.set(row[field], Rupiah.add(totals.get(row[field]) ?? Rupiah.zeroTotal, row.potentialValue))
  return totals
}

/** A reported figure, present only when the announcement gave it (its column is not null). */
const figure = <K extends keyof ReportedFigures>(key: K, value: ReportedFigures[K] | null) =>
  value === null ? {} : { [key]: value }

/** The figures announced with the results, as the announcement gave them. */
const reportedOf = (forum: ForumRow): ReportedFigures | null =>
  forum.resultsDate === null
    ? null
    : {
        ...figure("potentialValue", forum.reportedPotentialValue),
        ...figure("smesRegistered", forum.reportedSmesRegistered),
        ...figure("smesAssessed", forum.reportedSmesAssessed),
        ...figure("counterparts", forum.reportedCounterparts),
        ...figure("provinces", forum.reportedProvinces)
      }

const summarise = (forum: ForumRow): Query<Summary> =>
  Effect.gen(function* () {
    const { forumId } = forum
    const potential = yield* ReadModelStore.list(Potential, { forumId })
    const provinces = yield* ReadModelStore.list(Provinces, { forumId })
    const names = new Map(
      (yield* ReadModelStore.list(Counterparts, { forumId })).map((row) => [row.counterpartId, row.legalName])
    )
    const counterpart = (counterpartId: string, potentialValue: Rupiah.Total): CounterpartPotential => ({
      counterpartId,
      legalName: names.get(counterpartId) ?? null,
      potentialValue
    })
    const top = potential.find(
      (row) => row.category === forum.topCategory && row.counterpartId === forum.topCategoryCounterpartId
    )
    return {
      forumId,
      title: forum.title,
      date: forum.date,
      status: forum.status,
      smesRegistered: forum.smesRegistered,
      provinces: forum.provinces,
      smesEngaged: forum.smesEngaged,
      smesAssessed: forum.smesAssessed,
      counterpartsJoined: forum.counterpartsJoined,
      counterpartsAssessed: forum.counterpartsAssessed,
      consultationsHeld: forum.consultationsHeld,
      assessments: forum.assessments,
      potentialValue: forum.potentialValue,
      potentialByCategory: [...totalsBy(potential, "category")]
        .map(([category, potentialValue]) => ({ category, potentialValue }))
        .sort(largestFirst("category", "potentialValue")),
      potentialByCounterpart: [...totalsBy(potential, "counterpartId")]
        .map(([counterpartId, value]) => counterpart(counterpartId, value))
        .sort(largestFirst("counterpartId", "potentialValue")),
      smesByProvince: provinces
        .map(({ province, smes }) => ({ province, smes }))
        .sort(largestFirst("province", "smes")),
      topCategory:
        forum.topCategory === null || forum.topCategoryPotentialValue === null || top === undefined
          ? null
          : {
              category: forum.topCategory,
              potentialValue: forum.topCategoryPotentialValue,
              counterpart: counterpart(top.counterpartId, top.potentialValue)
            },
      observers: forum.observers,
      resultsDate: forum.resultsDate,
      reported: reportedOf(forum)
    }
  })

/** The summary of one forum, or undefined when the log holds nothing of it. */
export const summary = (forumId: string): Query<Summary | undefined> =>
  Effect.flatMap(
    ReadModelStore.get(Forums, { forumId }),
    Option.match({ onNone: () => Effect.succeed(undefined), onSome: summarise })
  )

/** The summaries of every forum, by date (undated last), then by id. */
export const summaries: Query<ReadonlyArray<Summary>> = Effect.map(
  Effect.flatMap(ReadModelStore.list(Forums), (forums) => Effect.forEach(forums, summarise)),
  (all) => [...all].sort((a, b) => compareStrings(a.date ?? "~", b.date ?? "~") || compareStrings(a.forumId, b.forumId))
)
