/**
 * Keeps a forum's `supply_funnel` rows exact as its engagements change. A change touches the
 * engagements of one SME at one forum (a step of an engagement, or the SME's province); the rows of
 * the groups they fall in move by the difference between that SME's figures before and after, so
 * an SME is counted once per group however many engagements it has there.
 *
 * @since 0.2.0
 */
import type { ReadModel } from "@kemitraan/eventsourcing"
import * as Rupiah from "../../Rupiah.js"
import * as Counts from "./counts.js"
import { type EngagementRow, type FunnelDimension, type FunnelRow, Funnels } from "./tables.js"

/** The figures of one SME's engagements, by group key of a dimension. */
const byKey = (dimension: FunnelDimension, engagements: ReadonlyArray<EngagementRow>): Map<string, Counts.Counts> => {
  const groups = new Map<string, Array<EngagementRow>>()
  for (const engagement of engagements) {
    const key = Counts.keyOf(dimension, engagement)
    groups.set(key, [...(groups.get(key) ?? []), engagement])
  }
  return new Map([...groups].map(([key, group]) => [key, Counts.ofEngagements(group)]))
}

const rowOf = (forumId: string, dimension: FunnelDimension, key: string, counts: Counts.Counts): FunnelRow => ({
  forumId,
  dimension,
  key,
  ...counts,
  potentialValue: Rupiah.total(counts.potentialValue),
  contractedValue: Rupiah.total(counts.contractedValue),
  deliveredValue: Rupiah.total(counts.deliveredValue)
})

const moveGroup = (
  rows: ReadModel.Rows,
  where: { readonly forumId: string; readonly dimension: FunnelDimension; readonly key: string },
  difference: Counts.Counts
): void => {
  const row = rows.get(Funnels, where)
  const counts = Counts.combine(row === undefined ? Counts.zero : Counts.of(row), difference, 1)
  // A group whose last engagement left it has no row, as if it never had any.
  if (counts.consulted === 0) rows.remove(Funnels, where)
  else rows.put(Funnels, rowOf(where.forumId, where.dimension, where.key, counts))
}

/**
 * Moves a forum's funnel rows from one SME's engagements there as they were (`before`) to as they
 * are (`after`).
 */
export const regroup = (
  rows: ReadModel.Rows,
  forumId: string,
  before: ReadonlyArray<EngagementRow>,
  after: ReadonlyArray<EngagementRow>
): void => {
  for (const dimension of Counts.dimensions) {
    const was = byKey(dimension, before)
    const is = byKey(dimension, after)
    for (const key of new Set([...was.keys(), ...is.keys()])) {
      const difference = Counts.combine(is.get(key) ?? Counts.zero, was.get(key) ?? Counts.zero, -1)
      if (!Counts.isZero(difference)) moveGroup(rows, { forumId, dimension, key }, difference)
    }
  }
}
