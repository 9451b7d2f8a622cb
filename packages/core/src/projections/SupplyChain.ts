/**
 * Supply-chain integration: how far each meeting at a forum went towards a supply relationship.
 *
 * An engagement is one held consultation: an SME and a counterpart at one forum (a pair meets at
 * most once per forum). Its stage is the furthest it reached:
 * Consulted (the consultation was held) → Assessed (a potential value was recorded) →
 * VendorRegistered (in the counterpart's procurement system, e.g. PaDi UMKM) → Contracted (a
 * contract or purchase order) → Delivered (a delivery accepted with a BAST, berita acara serah
 * terima). The funnel counts engagements that reached at least each stage, with conversion rates
 * between stages and the potential, contracted and delivered values side by side, per forum, per
 * counterpart, per product category (the need the assessment answers) and per province.
 *
 * An SME is integrated when at least one of its deliveries was accepted: the counterpart has then
 * received goods under a contract and signed for them, which a contract alone does not show.
 *
 * A read model as tables (`tables`), folded by `evolve` and read by the queries:
 *
 * ```ts
 * yield* ReadModelRunner.catchUp(SupplyChain.readModel)
 * const funnel = yield* SupplyChain.funnel({ forumId: "forum-kemitraan-2022-11-24" })
 * ```
 *
 * @since 0.1.0
 */
import { ReadModel } from "@kemitraan/eventsourcing"
import { KemitraanEvents } from "../KemitraanEvent.js"
import { eventTypes, evolve, lookups } from "./SupplyChain/evolve.js"
import { tables } from "./SupplyChain/tables.js"

export { eventTypes, evolve, lookups } from "./SupplyChain/evolve.js"
export * from "./SupplyChain/queries.js"
export * from "./SupplyChain/tables.js"

/** Supply-chain integration as a read model over the domain's catalogue. */
export const readModel = ReadModel.make({
  name: "SupplyChain",
  version: 3,
  catalog: KemitraanEvents,
  eventTypes,
  tables,
  lookups,
  evolve
})
