/**
 * What engagements add up to in a funnel: engagements that reached at least each stage, deals
 * closed, values, and distinct SMEs. The fold keeps them in `supply_funnel` rows; the queries count
 * them from `supply_engagement` rows for filters no row answers.
 *
 * @since 0.2.0
 */
import { type EngagementRow, type FunnelDimension, noKey, stages } from "./tables.js"

/** The figures of a funnel row, as plain numbers so that differences may be negative. */
export interface Counts {
  readonly consulted: number
  readonly assessed: number
  readonly vendorRegistered: number
  readonly contracted: number
  readonly delivered: number
  readonly closedWithoutDeal: number
  /** Sums of rupiah, exact; a difference of counts may be negative. */
  readonly potentialValue: bigint
  readonly contractedValue: bigint
  readonly deliveredValue: bigint
  readonly smes: number
  readonly integratedSmes: number
}

/** The names of the figures, in order. */
const figures = [
  "consulted",
  "assessed",
  "vendorRegistered",
  "contracted",
  "delivered",
  "closedWithoutDeal",
  "potentialValue",
  "contractedValue",
  "deliveredValue",
  "smes",
  "integratedSmes"
] as const satisfies ReadonlyArray<keyof Counts>

/** No engagement. */
export const zero: Counts = {
  consulted: 0,
  assessed: 0,
  vendorRegistered: 0,
  contracted: 0,
  delivered: 0,
  closedWithoutDeal: 0,
  potentialValue: 0n,
  contractedValue: 0n,
  deliveredValue: 0n,
  smes: 0,
  integratedSmes: 0
}

/**
 * `a + sign * b`, figure by figure. Written out, not built from a function per figure: the funnel
 * combines counts several times per event of the supply chain.
 */
export const combine = (a: Counts, b: Counts, sign: 1 | -1): Counts => ({
  consulted: a.consulted + sign * b.consulted,
  assessed: a.assessed + sign * b.assessed,
  vendorRegistered: a.vendorRegistered + sign * b.vendorRegistered,
  contracted: a.contracted + sign * b.contracted,
  delivered: a.delivered + sign * b.delivered,
  closedWithoutDeal: a.closedWithoutDeal + sign * b.closedWithoutDeal,
  potentialValue: a.potentialValue + BigInt(sign) * b.potentialValue,
  contractedValue: a.contractedValue + BigInt(sign) * b.contractedValue,
  deliveredValue: a.deliveredValue + BigInt(sign) * b.deliveredValue,
  smes: a.smes + sign * b.smes,
  integratedSmes: a.integratedSmes + sign * b.integratedSmes
})

/** The figures of a funnel row: its fields that are `Counts`. */
export const of = (row: Counts): Counts => combine(zero, row, 1)

/** Whether every figure is 0. */
export const isZero = (counts: Counts): boolean => figures.every((name) => counts[name] === 0 || counts[name] === 0n)

const engagementCounts = (engagement: EngagementRow): Counts => {
  const reached = stages.indexOf(engagement.stage)
  return {
    consulted: 1,
    assessed: reached >= 1 ? 1 : 0,
    vendorRegistered: reached >= 2 ? 1 : 0,
    contracted: reached >= 3 ? 1 : 0,
    delivered: reached >= 4 ? 1 : 0,
    closedWithoutDeal: engagement.closedWithoutDeal === null ? 0 : 1,
    potentialValue: engagement.potentialValue,
    contractedValue: engagement.contractedValue,
    deliveredValue: engagement.deliveredValue,
    smes: 0,
    integratedSmes: 0
  }
}

/** The figures of engagements, each SME counted once (and once more as integrated if one of its deliveries was accepted). */
export const ofEngagements = (engagements: ReadonlyArray<EngagementRow>): Counts => {
  const smes = new Set<string>()
  const integrated = new Set<string>()
  let counts = zero
  for (const engagement of engagements) {
    counts = combine(counts, engagementCounts(engagement), 1)
    smes.add(engagement.smeId)
    if (engagement.stage === "Delivered") integrated.add(engagement.smeId)
  }
  return { ...counts, smes: smes.size, integratedSmes: integrated.size }
}

/** The dimensions a forum's funnel rows break it down by. */
export const dimensions = [
  "all",
  "counterpart",
  "category",
  "province",
  "sector",
  "counterpartKind"
] as const satisfies ReadonlyArray<FunnelDimension>

/** The key of an engagement's group in a dimension; {@link noKey} when it has none. */
export const keyOf = (dimension: FunnelDimension, engagement: EngagementRow): string => {
  switch (dimension) {
    case "all":
      return noKey
    case "counterpart":
      return engagement.counterpartId
    case "category":
      return engagement.need ?? noKey
    case "province":
      return engagement.province ?? noKey
    case "sector":
      return engagement.sector ?? noKey
    case "counterpartKind":
      return engagement.counterpartKind ?? noKey
  }
}
