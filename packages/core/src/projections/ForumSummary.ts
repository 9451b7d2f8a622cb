/**
 * The forum summary: what the ministry reports after a forum. Per forum: SMEs registered and the
 * provinces they come from, SMEs that met a counterpart (a held consultation or an assessment),
 * counterparts joined and those with at least one assessment, consultations held, assessments, and
 * the potential value of cooperation: in total, by product category, by counterpart, and the top
 * category with the counterpart that asked for it.
 *
 * The product category of a potential is the need the assessment answers: a category the
 * counterpart declared when it joined (e.g. "machine components and spare parts" asked for by
 * PT INKA), the vocabulary the ministry reports in. The SME's own wording of its product stays in
 * the supply-chain read model.
 *
 * A read model as tables (`tables`), folded by `evolve` and read by the queries (`summary`,
 * `summaries`):
 *
 * ```ts
 * yield* ReadModelRunner.catchUp(ForumSummary.readModel)
 * const summary = yield* ForumSummary.summary("forum-kemitraan-2022-11-24")
 * ```
 *
 * @since 0.1.0
 */
import { ReadModel } from "@kemitraan/eventsourcing"
import { KemitraanEvents } from "../KemitraanEvent.js"
import { eventTypes, evolve, lookups } from "./ForumSummary/evolve.js"
import { tables } from "./ForumSummary/tables.js"

export { eventTypes, evolve, lookups } from "./ForumSummary/evolve.js"
export * from "./ForumSummary/queries.js"
export * from "./ForumSummary/tables.js"

/** The forum summary as a read model over the domain's catalogue. */
export const readModel = ReadModel.make({
  name: "ForumSummary",
  version: 4,
  catalog: KemitraanEvents,
  eventTypes,
  tables,
  lookups,
  evolve
})
