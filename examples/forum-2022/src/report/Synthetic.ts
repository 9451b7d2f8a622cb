/**
 * Marks at a table of the report that it rests on synthetic detail. Each table names the event types
 * its figures are folded from; the mark comes from the store's provenance read model (metadata
 * `provenance` of those events), so a store replayed from real records shows no mark, and one with
 * invented records marks exactly the tables they feed.
 *
 * @since 0.3.0
 */
import { type KemitraanEvent, Provenance } from "@kemitraan/core"

type EventType = KemitraanEvent.KemitraanEvent["_tag"]

const assessments: ReadonlyArray<EventType> = ["AssessmentRecorded", "AssessmentCorrected", "AssessmentVoided"]
const followUp: ReadonlyArray<EventType> = [
  ...assessments,
  "VendorRegistered",
  "ContractAwarded",
  "ContractCorrected",
  "ContractVoided",
  "DeliveryAccepted",
  "DeliveryCorrected",
  "DeliveryVoided",
  "AssessmentClosedWithoutDeal"
]

/** The event types each table of the reports is folded from. */
export const sources = {
  counterparts: ["CounterpartJoined", "ConsultationHeld", ...assessments],
  categories: assessments,
  provinces: ["SmeRegistered", ...assessments],
  classAdvancement: [
    "SmeRegistered",
    "BusinessFiguresReported",
    "BusinessFiguresCorrected",
    "ParticipantFormalised",
    ...followUp
  ],
  supplyChain: ["ConsultationHeld", ...followUp]
} satisfies Record<string, ReadonlyArray<EventType>>

/** A table of the reports. */
export type Source = keyof typeof sources

/** Every table of the reports that names its sources. */
export const tables: ReadonlyArray<Source> = [
  "counterparts",
  "categories",
  "provinces",
  "classAdvancement",
  "supplyChain"
]

/** How many of the events a table rests on are synthetic. */
export const count = (rows: ReadonlyArray<Provenance.ProvenanceRow>, table: Source): number =>
  Provenance.synthetic(rows, sources[table])

/** The mark a table's heading carries (with a leading space), or "" when none of its events is synthetic. */
export const mark = (rows: ReadonlyArray<Provenance.ProvenanceRow>, table: Source): string => {
  const events = count(rows, table)
  return events === 0 ? "" : ` [SYNTHETIC: rests on ${events} synthetic events]`
}

/** The short mark of a table inside a marked section (with a leading space), or "". */
export const tag = (rows: ReadonlyArray<Provenance.ProvenanceRow>, table: Source): string =>
  count(rows, table) === 0 ? "" : " [SYNTHETIC]"
