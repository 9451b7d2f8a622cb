/**
 * The tables of supply-chain integration. `supply_engagement`, `supply_pair` and `supply_funnel` are
 * what users query (see docs/sqlite-read-models.md); `supply_sme` and `supply_counterpart` hold what
 * the queries and the fold need besides: each SME's province and each counterpart's name.
 *
 * @since 0.2.0
 */
import { Table } from "@kemitraan/eventsourcing"
import * as Schema from "effect/Schema"
import { NoDealReason } from "../../AssessmentEvent.js"
import { CounterpartKind } from "../../ParticipantEvent.js"
import { ProvinceCode } from "../../Province.js"
import { Total } from "../../Rupiah.js"
import { Count } from "../internal/readModel.js"

/** The stages of the path from a forum to a supply relationship, in order. */
export const stages = ["Consulted", "Assessed", "VendorRegistered", "Contracted", "Delivered"] as const

/** A stage of the path from a forum to a supply relationship. */
export const Stage = Schema.Literal(...stages)
/** A stage of the path from a forum to a supply relationship. */
export type Stage = typeof Stage.Type

/** One row per held consultation, an engagement, and the furthest stage it reached (table `supply_engagement`). */
export const EngagementRow = Schema.Struct({
  forumId: Schema.String,
  consultationId: Schema.String,
  smeId: Schema.String,
  counterpartId: Schema.String,
  /** The SME's product category, from the assessment. */
  category: Schema.NullOr(Schema.String),
  /** The counterpart's need the assessment answers: the category reported on. */
  need: Schema.NullOr(Schema.String),
  potentialValue: Total,
  contractedValue: Total,
  deliveredValue: Total,
  contracts: Count,
  deliveries: Count,
  closedWithoutDeal: Schema.NullOr(NoDealReason),
  /** The SME's province now, as `supply_sme` holds it. */
  province: Schema.NullOr(ProvinceCode),
  /** The KBLI 2020 section (A to U) of the SME's sector now, as `supply_sme` holds it. */
  sector: Schema.NullOr(Schema.String),
  /** The counterpart's kind (BUMN, Usaha Besar, BUMD), as `supply_counterpart` holds it. */
  counterpartKind: Schema.NullOr(CounterpartKind),
  stage: Stage
})
/** One row per engagement. */
export type EngagementRow = typeof EngagementRow.Type

/** One row per engagement. Found by SME at a forum when a step of the engagement changes the forum's funnel. */
export const Engagements = Table.make({
  name: "supply_engagement",
  row: EngagementRow,
  key: ["forumId", "consultationId"],
  indexes: [["smeId"], ["counterpartId"], ["forumId", "smeId"], ["forumId"]]
})

/** One row per SME-counterpart pair over every forum where they met (table `supply_pair`). */
export const PairRow = Schema.Struct({
  smeId: Schema.String,
  counterpartId: Schema.String,
  /** The furthest stage over all their engagements. */
  stage: Stage,
  engagements: Count,
  potentialValue: Total,
  contractedValue: Total,
  deliveredValue: Total
})
/** One row per SME-counterpart pair. */
export type PairRow = typeof PairRow.Type

/** One row per SME-counterpart pair. */
export const Pairs = Table.make({
  name: "supply_pair",
  row: PairRow,
  key: ["smeId", "counterpartId"],
  indexes: [["counterpartId", "stage"]]
})

/** What a funnel row is broken down by: the forum as a whole, or one dimension. */
export const FunnelDimension = Schema.Literal("all", "counterpart", "category", "province", "sector", "counterpartKind")
/** What a funnel row is broken down by. */
export type FunnelDimension = typeof FunnelDimension.Type

/** The `key` of the forum as a whole, and of engagements without one (a need before any assessment). */
export const noKey = ""

/**
 * One row per forum, dimension and key (table `supply_funnel`). `key` is {@link noKey} for the forum
 * as a whole and for engagements without one: a key is part of the primary key, which SQL keeps not
 * null, and no counterpart id, need or province code is empty.
 */
export const FunnelRow = Schema.Struct({
  forumId: Schema.String,
  dimension: FunnelDimension,
  key: Schema.String,
  consulted: Count,
  assessed: Count,
  vendorRegistered: Count,
  contracted: Count,
  delivered: Count,
  closedWithoutDeal: Count,
  potentialValue: Total,
  contractedValue: Total,
  deliveredValue: Total,
  /** Distinct SMEs among the engagements. */
  smes: Count,
  /** Distinct SMEs with at least one accepted delivery among the engagements. */
  integratedSmes: Count
})
/** One row per forum, dimension and key. */
export type FunnelRow = typeof FunnelRow.Type

/** The funnel per forum, dimension and key. A group without engagements has no row. */
export const Funnels = Table.make({
  name: "supply_funnel",
  row: FunnelRow,
  key: ["forumId", "dimension", "key"],
  indexes: [["forumId"]]
})

/** Each SME's province and how many engagements it has (table `supply_sme`). */
export const SmeRow = Schema.Struct({
  smeId: Schema.String,
  /** From its registrations or its assessments; null while neither is in the log. */
  province: Schema.NullOr(ProvinceCode),
  /** The KBLI section of its sector, from the same events. */
  sector: Schema.NullOr(Schema.String),
  /** Its engagements over every forum: those to move when its province changes. */
  engagements: Count
})
/** An SME's province and how many engagements it has. */
export type SmeRow = typeof SmeRow.Type

/** Each SME's province and how many engagements it has. */
export const Smes = Table.make({ name: "supply_sme", row: SmeRow, key: ["smeId"] })

/** Each counterpart's legal name, from its enrolment or its joining a forum (table `supply_counterpart`). */
export const CounterpartRow = Schema.Struct({
  counterpartId: Schema.String,
  legalName: Schema.String,
  kind: CounterpartKind
})
/** A counterpart's legal name. */
export type CounterpartRow = typeof CounterpartRow.Type

/** Each counterpart's legal name. */
export const Counterparts = Table.make({ name: "supply_counterpart", row: CounterpartRow, key: ["counterpartId"] })

/** Every table of the supply-chain read model. */
export const tables = [Engagements, Pairs, Funnels, Smes, Counterparts] as const
