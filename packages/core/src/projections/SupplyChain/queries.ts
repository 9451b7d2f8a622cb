/**
 * The supply-chain queries: funnels, pairs, provinces and counterparts' names, read from the
 * read model's tables. A funnel of a forum, whole or by one dimension, is a `supply_funnel` row;
 * any other filter is counted from the `supply_engagement` rows it matches. Both give the same
 * answer, which the tests check.
 *
 * @since 0.2.0
 */
import { type EventStoreError, ReadModelStore } from "@kemitraan/eventsourcing"
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import type { ProvinceCode } from "../../Province.js"
import * as Rupiah from "../../Rupiah.js"
import { compareStrings, rate } from "../internal/readModel.js"
import * as Counts from "./counts.js"
import {
  Counterparts,
  type EngagementRow,
  Engagements,
  type FunnelDimension,
  type FunnelRow,
  Funnels,
  noKey,
  type PairRow,
  Pairs,
  Smes
} from "./tables.js"

/** What a query needs and how it may fail. */
type Query<A> = Effect.Effect<A, EventStoreError.StoreError, ReadModelStore.ReadModelStore>

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
  readonly potentialValue: Rupiah.Total
  readonly contractedValue: Rupiah.Total
  readonly deliveredValue: Rupiah.Total
  /** Distinct SMEs among the engagements. */
  readonly smes: number
  /** Distinct SMEs with at least one accepted delivery among the engagements. */
  readonly integratedSmes: number
  /** `integratedSmes / smes`; null when there is no SME. */
  readonly integrationRate: number | null
}

/** What a funnel can be broken down by. */
export type Dimension = "forum" | "counterpart" | "category" | "province" | "sector" | "counterpartKind"

/** One group of a broken-down funnel. `key` is null for engagements without one (a category before assessment). */
export interface FunnelGroup {
  readonly key: string | null
  readonly funnel: Funnel
}

/** How far an SME and a counterpart got over every forum where they met. */
export type Pair = PairRow

const funnelOf = (counts: Counts.Counts): Funnel => {
  const { consulted, assessed, vendorRegistered, contracted, delivered, smes, integratedSmes } = counts
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
    closedWithoutDeal: counts.closedWithoutDeal,
    potentialValue: Rupiah.total(counts.potentialValue),
    contractedValue: Rupiah.total(counts.contractedValue),
    deliveredValue: Rupiah.total(counts.deliveredValue),
    smes,
    integratedSmes,
    integrationRate: rate(integratedSmes, smes)
  }
}

const matches = (engagement: EngagementRow, filter: Filter): boolean =>
  (filter.forumId === undefined || engagement.forumId === filter.forumId) &&
  (filter.counterpartId === undefined || engagement.counterpartId === filter.counterpartId) &&
  (filter.smeId === undefined || engagement.smeId === filter.smeId) &&
  (filter.category === undefined || engagement.need === filter.category) &&
  (filter.province === undefined || engagement.province === filter.province)

/** The engagements that match a filter, by forum and consultation. */
export const engagements = (filter: Filter = {}): Query<ReadonlyArray<EngagementRow>> => {
  const { forumId, smeId, counterpartId } = filter
  // Read by the narrowest key or index the filter gives, then check every field.
  const read =
    smeId !== undefined
      ? ReadModelStore.list(Engagements, forumId === undefined ? { smeId } : { forumId, smeId })
      : counterpartId !== undefined
        ? ReadModelStore.list(Engagements, { counterpartId })
        : ReadModelStore.list(Engagements, forumId === undefined ? {} : { forumId })
  return Effect.map(read, (found) =>
    found
      .filter((engagement) => matches(engagement, filter))
      .sort((a, b) => compareStrings(a.forumId, b.forumId) || compareStrings(a.consultationId, b.consultationId))
  )
}

/** The `supply_funnel` row that answers a filter, when one does: a forum, whole or by one dimension. */
const rowFor = (filter: Filter): { readonly dimension: FunnelDimension; readonly key: string } | undefined => {
  const { forumId, smeId, ...rest } = filter
  const given = Object.entries(rest).filter(([, value]) => value !== undefined)
  if (forumId === undefined || smeId !== undefined || given.length > 1) return undefined
  if (filter.counterpartId !== undefined) return { dimension: "counterpart", key: filter.counterpartId }
  if (filter.category !== undefined) return { dimension: "category", key: filter.category }
  if (filter.province !== undefined) return { dimension: "province", key: filter.province }
  return { dimension: "all", key: noKey }
}

/** The funnel of the engagements that match a filter (all of them by default). */
export const funnel = (filter: Filter = {}): Query<Funnel> => {
  const row = rowFor(filter)
  if (row === undefined || filter.forumId === undefined) {
    return Effect.map(engagements(filter), (found) => funnelOf(Counts.ofEngagements(found)))
  }
  return Effect.map(ReadModelStore.get(Funnels, { forumId: filter.forumId, ...row }), (found) =>
    funnelOf(Option.match(found, { onNone: () => Counts.zero, onSome: Counts.of }))
  )
}

/** Groups ordered by key, null last. */
const byKey = (groups: ReadonlyArray<FunnelGroup>): ReadonlyArray<FunnelGroup> =>
  [...groups].sort(({ key: a }, { key: b }) => (a === null ? 1 : b === null ? -1 : compareStrings(a, b)))

const groupOf = (key: string, row: FunnelRow): FunnelGroup => ({
  key: key === noKey ? null : key,
  funnel: funnelOf(Counts.of(row))
})

const keyOf = (dimension: Dimension, engagement: EngagementRow): string =>
  dimension === "forum" ? engagement.forumId : Counts.keyOf(dimension, engagement)

const counted = (dimension: Dimension, filter: Filter): Query<ReadonlyArray<FunnelGroup>> =>
  Effect.map(engagements(filter), (found) => {
    const groups = new Map<string, Array<EngagementRow>>()
    for (const engagement of found) {
      const key = keyOf(dimension, engagement)
      groups.set(key, [...(groups.get(key) ?? []), engagement])
    }
    return byKey(
      [...groups].map(([key, group]) => ({
        key: key === noKey ? null : key,
        funnel: funnelOf(Counts.ofEngagements(group))
      }))
    )
  })

/** The funnel of the engagements that match a filter, broken down by a dimension; ordered by key, null last. */
export const funnelBy = (dimension: Dimension, filter: Filter = {}): Query<ReadonlyArray<FunnelGroup>> => {
  const given = Object.entries(filter).filter(([, value]) => value !== undefined)
  const forumOnly = given.length === 1 && filter.forumId !== undefined
  if (dimension === "forum" && given.length === 0) {
    return Effect.map(ReadModelStore.list(Funnels, { dimension: "all" }), (rows) =>
      byKey(rows.map((row) => groupOf(row.forumId, row)))
    )
  }
  if (dimension !== "forum" && forumOnly) {
    return Effect.map(ReadModelStore.list(Funnels, { forumId: filter.forumId, dimension }), (rows) =>
      byKey(rows.map((row) => groupOf(row.key, row)))
    )
  }
  return counted(dimension, filter)
}

/** The furthest stage an SME reached with a counterpart, or undefined when they never met. */
export const pair = (smeId: string, counterpartId: string): Query<Pair | undefined> =>
  Effect.map(ReadModelStore.get(Pairs, { smeId, counterpartId }), Option.getOrUndefined)

/** Every counterpart an SME met, by counterpart id. */
export const pairsOf = (smeId: string): Query<ReadonlyArray<Pair>> => ReadModelStore.list(Pairs, { smeId })

/** Whether an SME is integrated: at least one of its deliveries to a counterpart was accepted. */
export const isIntegrated = (smeId: string): Query<boolean> =>
  Effect.map(pairsOf(smeId), (pairs) => pairs.some((entry) => entry.stage === "Delivered"))

/** The legal name of a counterpart, or null when neither its enrolment nor a joining is in the log. */
export const counterpartName = (counterpartId: string): Query<string | null> =>
  Effect.map(ReadModelStore.get(Counterparts, { counterpartId }), (found) =>
    Option.match(found, { onNone: () => null, onSome: (row) => row.legalName })
  )

/** The province of an SME, or null when neither its registration nor an assessment is in the log. */
export const provinceOf = (smeId: string): Query<ProvinceCode | null> =>
  Effect.map(ReadModelStore.get(Smes, { smeId }), (found) =>
    Option.match(found, { onNone: () => null, onSome: (row) => row.province })
  )
