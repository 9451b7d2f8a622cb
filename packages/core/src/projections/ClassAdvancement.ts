/**
 * Class advancement (naik kelas): the business class of every SME year by year, and, per forum
 * cohort, how many moved up a class (micro → small → medium → large), stayed or moved down, by
 * province and by sector, with formalisation (an informal business obtaining an NIB) counted apart.
 *
 * The class of a year follows PP 7/2021 art. 35 ({@link BusinessClass.classify}): annual sales for
 * a business that reports sales, business capital (excluding land and buildings) for a new one,
 * that is in its founding year or with no sales yet. Boundaries are inclusive at the top of each
 * class.
 *
 * The read model is its tables (`class_year`, `class_participant`, `class_cohort`,
 * `class_transition`, `class_forum`; see `ClassAdvancement/tables.ts`). Each event recomputes the
 * rows that depend on what it tells, from the rows themselves, so a participant's stream and the
 * forums' streams may interleave in any order. The transition counts are a table kept exact as
 * cohort rows change rather than a query over the cohort: each change moves one count between at
 * most two of a forum's sixteen cells, and users of the database read `class_transition` directly.
 *
 * ```ts
 * const store = yield* ReadModelRunner.run(ClassAdvancement.readModel)
 * const report = yield* Effect.provideService(
 *   ClassAdvancement.cohort("forum-2022"),
 *   ReadModelStore.ReadModelStore,
 *   store
 * )
 * ```
 *
 * @since 0.1.0
 */
import { ReadModel } from "@kemitraan/eventsourcing"
import * as BusinessClass from "../BusinessClass.js"
import { KemitraanEvents } from "../KemitraanEvent.js"
import { eventTypes, evolve, lookups } from "./ClassAdvancement/evolve.js"
import { tables } from "./ClassAdvancement/tables.js"

export * from "./ClassAdvancement/tables.js"
export * from "./ClassAdvancement/queries.js"
export { eventTypes, evolve, lookups, outcomeOf } from "./ClassAdvancement/evolve.js"

/** What a year's class was measured by (see `BusinessClass.Basis`). */
export const Basis = BusinessClass.Basis
/** What a year's class was measured by. */
export type Basis = BusinessClass.Basis
/** The class of one year and what it was measured by. */
export type Classification = BusinessClass.Classification
/** The class of a business in a year, PP 7/2021 art. 35 (see `BusinessClass.classify`). */
export const classify = BusinessClass.classify

/** Class advancement as a read model over the domain's catalogue. */
export const readModel = ReadModel.make({
  name: "ClassAdvancement",
  version: 3,
  catalog: KemitraanEvents,
  eventTypes,
  tables,
  lookups,
  evolve
})
