/**
 * The events of an assessment: what a held consultation produces, and its follow-up. One stream per
 * consultation (`Assessment-<forumId>/<consultationId>`), so that a consultation has at most one
 * assessment. Recorded (category, need answered, potential value, readiness), then vendor registered
 * with the counterpart, contracts or purchase orders, deliveries accepted (BAST); or closed without
 * a deal. Assessments, contracts and deliveries are corrected or voided by events of their own,
 * which say why and carry what they replace. Every event carries the forum, consultation, SME, counterpart and product category, so
 * that a supply-chain funnel can be folded without joins.
 *
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"
import { ProductCategory } from "./ForumEvent.js"
import { ConsultationId, ForumId, ParticipantId } from "./Id.js"
import { Kbli } from "./Kbli.js"
import { ProvinceCode } from "./Province.js"
import { Rupiah } from "./Rupiah.js"
import { Text } from "./Text.js"

/** A certificate that gates some supply: halal (food and drink), SNI product certification, ISO 9001. */
export const Certificate = Schema.Literal("Halal", "SNI", "ISO9001")
/** A certificate. */
export type Certificate = typeof Certificate.Type

/** A production capacity: so many units per period. */
export const Capacity = Schema.Struct({
  quantity: Schema.Int.pipe(Schema.positive()),
  unit: Text,
  per: Schema.Literal("Day", "Week", "Month", "Year")
})
/** A production capacity. */
export type Capacity = typeof Capacity.Type

/** TKDN (tingkat komponen dalam negeri): the local-content percentage, 0 to 100. */
export const TkdnPercent = Schema.Number.pipe(
  Schema.between(0, 100, { message: () => "a TKDN percentage is between 0 and 100" }),
  Schema.annotations({ identifier: "TkdnPercent", description: "TKDN, the local-content percentage, 0 to 100" })
)

/** How ready the SME is to supply: certificates held, TKDN, capacity. */
export const Readiness = Schema.Struct({
  certificates: Schema.Array(Certificate).pipe(
    Schema.filter((certificates) => new Set(certificates).size === certificates.length, {
      message: () => "each certificate is listed once"
    })
  ),
  tkdnPercent: Schema.optionalWith(TkdnPercent, { exact: true }),
  capacity: Schema.optionalWith(Capacity, { exact: true })
})
/** How ready the SME is to supply. */
export type Readiness = typeof Readiness.Type

/** The fields every assessment event carries. */
export const AssessmentRef = Schema.Struct({
  forumId: ForumId,
  consultationId: ConsultationId,
  smeId: ParticipantId,
  counterpartId: ParticipantId,
  category: ProductCategory
})
/** The fields every assessment event carries. */
export type AssessmentRef = typeof AssessmentRef.Type

/**
 * A held consultation was assessed: the SME's product category, the counterpart's need it answers,
 * the potential value of the cooperation, and the SME's readiness. It also carries the SME's province
 * and KBLI sector as registered at the forum.
 */
export const AssessmentRecorded = Schema.TaggedStruct("AssessmentRecorded", {
  ...AssessmentRef.fields,
  need: ProductCategory,
  potentialValue: Rupiah,
  readiness: Readiness,
  province: ProvinceCode,
  kbli: Kbli,
  at: Schema.Date
})
/** A held consultation was assessed. */
export type AssessmentRecorded = typeof AssessmentRecorded.Type

/** The SME was registered as a vendor in the counterpart's procurement system (e.g. PaDi UMKM). */
export const VendorRegistered = Schema.TaggedStruct("VendorRegistered", {
  ...AssessmentRef.fields,
  channel: Text,
  vendorNumber: Schema.optionalWith(Text, { exact: true }),
  at: Schema.Date
})
/** The SME was registered as the counterpart's vendor. */
export type VendorRegistered = typeof VendorRegistered.Type

/** A contract or a purchase order. */
export const ContractKind = Schema.Literal("Contract", "PurchaseOrder")
/** A contract or a purchase order. */
export type ContractKind = typeof ContractKind.Type

/** The counterpart awarded the SME a contract or a purchase order, with its value. */
export const ContractAwarded = Schema.TaggedStruct("ContractAwarded", {
  ...AssessmentRef.fields,
  kind: ContractKind,
  reference: Text,
  value: Rupiah,
  at: Schema.Date
})
/** A contract or purchase order was awarded. */
export type ContractAwarded = typeof ContractAwarded.Type

/** The counterpart accepted a delivery under a contract, with a goods-received report (BAST). */
export const DeliveryAccepted = Schema.TaggedStruct("DeliveryAccepted", {
  ...AssessmentRef.fields,
  contractReference: Text,
  bastNumber: Text,
  value: Rupiah,
  at: Schema.Date
})
/** A delivery was accepted (BAST). */
export type DeliveryAccepted = typeof DeliveryAccepted.Type

/** Why an assessment ended without a deal. */
export const NoDealReason = Schema.Literal(
  "PriceNotCompetitive",
  "CertificationMissing",
  "CapacityInsufficient",
  "NeedWithdrawn",
  "SmeWithdrew",
  "NoResponse",
  "Other"
)
/** Why an assessment ended without a deal. */
export type NoDealReason = typeof NoDealReason.Type

/** The assessment ended without a deal. Nothing follows it. */
export const AssessmentClosedWithoutDeal = Schema.TaggedStruct("AssessmentClosedWithoutDeal", {
  ...AssessmentRef.fields,
  reason: NoDealReason,
  note: Schema.optionalWith(Text, { exact: true }),
  at: Schema.Date
})
/** The assessment ended without a deal. */
export type AssessmentClosedWithoutDeal = typeof AssessmentClosedWithoutDeal.Type

/**
 * The assessment's potential value and readiness were corrected, saying why. It carries the
 * potential it replaces and the need it answers, so that read models adjust their sums without
 * looking the assessment up.
 */
export const AssessmentCorrected = Schema.TaggedStruct("AssessmentCorrected", {
  ...AssessmentRef.fields,
  need: ProductCategory,
  potentialValue: Rupiah,
  previousPotentialValue: Rupiah,
  readiness: Readiness,
  reason: Text,
  at: Schema.Date
})
/** An assessment was corrected. */
export type AssessmentCorrected = typeof AssessmentCorrected.Type

/**
 * The assessment was voided: recorded in error, it no longer counts, nor does what followed it (a
 * vendor registration, a closure without a deal); contracts are voided first. It carries the need
 * and the potential it withdraws. Nothing follows it.
 */
export const AssessmentVoided = Schema.TaggedStruct("AssessmentVoided", {
  ...AssessmentRef.fields,
  need: ProductCategory,
  potentialValue: Rupiah,
  reason: Text,
  at: Schema.Date
})
/** An assessment was voided. */
export type AssessmentVoided = typeof AssessmentVoided.Type

/** A contract's value was corrected, saying why; it carries the value it replaces. */
export const ContractCorrected = Schema.TaggedStruct("ContractCorrected", {
  ...AssessmentRef.fields,
  reference: Text,
  value: Rupiah,
  previousValue: Rupiah,
  reason: Text,
  at: Schema.Date
})
/** A contract was corrected. */
export type ContractCorrected = typeof ContractCorrected.Type

/** A contract was voided (deliveries under it are voided first); it carries the value it withdraws. */
export const ContractVoided = Schema.TaggedStruct("ContractVoided", {
  ...AssessmentRef.fields,
  reference: Text,
  value: Rupiah,
  reason: Text,
  at: Schema.Date
})
/** A contract was voided. */
export type ContractVoided = typeof ContractVoided.Type

/** An accepted delivery's value was corrected, saying why; it carries the value it replaces. */
export const DeliveryCorrected = Schema.TaggedStruct("DeliveryCorrected", {
  ...AssessmentRef.fields,
  contractReference: Text,
  bastNumber: Text,
  value: Rupiah,
  previousValue: Rupiah,
  reason: Text,
  at: Schema.Date
})
/** A delivery was corrected. */
export type DeliveryCorrected = typeof DeliveryCorrected.Type

/** An accepted delivery was voided; it carries the value it withdraws. */
export const DeliveryVoided = Schema.TaggedStruct("DeliveryVoided", {
  ...AssessmentRef.fields,
  contractReference: Text,
  bastNumber: Text,
  value: Rupiah,
  reason: Text,
  at: Schema.Date
})
/** A delivery was voided. */
export type DeliveryVoided = typeof DeliveryVoided.Type

/** The event schemas of an assessment, in catalogue order. */
export const schemas = [
  AssessmentRecorded,
  VendorRegistered,
  ContractAwarded,
  DeliveryAccepted,
  AssessmentClosedWithoutDeal,
  AssessmentCorrected,
  AssessmentVoided,
  ContractCorrected,
  ContractVoided,
  DeliveryCorrected,
  DeliveryVoided
] as const

/** An event of an assessment. */
export type AssessmentEvent = Schema.Schema.Type<(typeof schemas)[number]>
