/**
 * The typed errors of assessments and their follow-up. Each names the consultation assessed.
 *
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"

const where = (error: { readonly forumId: string; readonly consultationId: string }): string =>
  `consultation "${error.consultationId}" at forum "${error.forumId}"`

const ref = { forumId: Schema.String, consultationId: Schema.String }

/** Only a held consultation can be assessed. `status` is `Missing` when there is no such consultation. */
export class ConsultationNotHeld extends Schema.TaggedError<ConsultationNotHeld>("@kemitraan/core/ConsultationNotHeld")(
  "ConsultationNotHeld",
  { ...ref, status: Schema.String }
) {
  override get message(): string {
    return this.status === "Missing"
      ? `cannot assess ${where(this)}: there is no such consultation`
      : `cannot assess ${where(this)}: it was not held (${this.status})`
  }
}

/** A consultation has at most one assessment. */
export class AssessmentAlreadyRecorded extends Schema.TaggedError<AssessmentAlreadyRecorded>(
  "@kemitraan/core/AssessmentAlreadyRecorded"
)("AssessmentAlreadyRecorded", ref) {
  override get message(): string {
    return `${where(this)} has been assessed already; a consultation has at most one assessment`
  }
}

/** The need an assessment answers must be one the counterpart brought to the forum. */
export class NeedNotDeclared extends Schema.TaggedError<NeedNotDeclared>("@kemitraan/core/NeedNotDeclared")(
  "NeedNotDeclared",
  { ...ref, counterpartId: Schema.String, need: Schema.String, declared: Schema.Array(Schema.String) }
) {
  override get message(): string {
    return `counterpart "${this.counterpartId}" did not bring the need "${this.need}" to forum "${this.forumId}" (its needs: ${this.declared.map((need) => `"${need}"`).join(", ")})`
  }
}

/** A follow-up needs an assessment first. */
export class AssessmentNotRecorded extends Schema.TaggedError<AssessmentNotRecorded>(
  "@kemitraan/core/AssessmentNotRecorded"
)("AssessmentNotRecorded", { ...ref, action: Schema.String }) {
  override get message(): string {
    return `cannot ${this.action}: ${where(this)} has not been assessed`
  }
}

/** The assessment was closed without a deal: nothing follows it. */
export class AssessmentClosed extends Schema.TaggedError<AssessmentClosed>("@kemitraan/core/AssessmentClosed")(
  "AssessmentClosed",
  { ...ref, action: Schema.String }
) {
  override get message(): string {
    return `cannot ${this.action}: the assessment of ${where(this)} was closed without a deal`
  }
}

/** The SME is registered as the counterpart's vendor already. */
export class VendorAlreadyRegistered extends Schema.TaggedError<VendorAlreadyRegistered>(
  "@kemitraan/core/VendorAlreadyRegistered"
)("VendorAlreadyRegistered", ref) {
  override get message(): string {
    return `the SME of ${where(this)} is already registered as the counterpart's vendor`
  }
}

/** A contract or purchase order follows vendor registration. */
export class VendorNotRegistered extends Schema.TaggedError<VendorNotRegistered>("@kemitraan/core/VendorNotRegistered")(
  "VendorNotRegistered",
  ref
) {
  override get message(): string {
    return `cannot award a contract for ${where(this)}: the SME is not yet registered as the counterpart's vendor`
  }
}

/** A contract reference names one contract of an assessment. */
export class ContractReferenceTaken extends Schema.TaggedError<ContractReferenceTaken>(
  "@kemitraan/core/ContractReferenceTaken"
)("ContractReferenceTaken", { ...ref, reference: Schema.String }) {
  override get message(): string {
    return `contract "${this.reference}" was already awarded for ${where(this)}`
  }
}

/** A delivery follows a contract: this one was never awarded. */
export class ContractNotFound extends Schema.TaggedError<ContractNotFound>("@kemitraan/core/ContractNotFound")(
  "ContractNotFound",
  { ...ref, contractReference: Schema.String, action: Schema.optionalWith(Schema.String, { exact: true }) }
) {
  override get message(): string {
    return `cannot ${this.action ?? "accept a delivery"} for ${where(this)}: no contract "${this.contractReference}" stands (none was awarded, or it was voided)`
  }
}

/** Deliveries under a contract cannot add up to more than its value. */
export class DeliveryExceedsContract extends Schema.TaggedError<DeliveryExceedsContract>(
  "@kemitraan/core/DeliveryExceedsContract"
)("DeliveryExceedsContract", {
  ...ref,
  contractReference: Schema.String,
  contractValue: Schema.Number,
  deliveredBefore: Schema.Number,
  value: Schema.Number
}) {
  override get message(): string {
    return `a delivery of Rp${this.value} under contract "${this.contractReference}" (${where(this)}) would bring deliveries to Rp${this.deliveredBefore + this.value}, more than the contract's Rp${this.contractValue}`
  }
}

/** An assessment with a contract has a deal: it cannot be closed without one. */
export class DealAlreadyMade extends Schema.TaggedError<DealAlreadyMade>("@kemitraan/core/DealAlreadyMade")(
  "DealAlreadyMade",
  { ...ref, contracts: Schema.Number }
) {
  override get message(): string {
    return `cannot close the assessment of ${where(this)} without a deal: ${this.contracts} contract(s) were awarded`
  }
}

/** The assessment was voided: nothing follows it. */
export class AssessmentWasVoided extends Schema.TaggedError<AssessmentWasVoided>("@kemitraan/core/AssessmentWasVoided")(
  "AssessmentWasVoided",
  { ...ref, action: Schema.String }
) {
  override get message(): string {
    return `cannot ${this.action}: the assessment of ${where(this)} was voided`
  }
}

/** An assessment with standing contracts cannot be voided: void the contracts first. */
export class AssessmentHasContracts extends Schema.TaggedError<AssessmentHasContracts>(
  "@kemitraan/core/AssessmentHasContracts"
)("AssessmentHasContracts", { ...ref, contracts: Schema.Number }) {
  override get message(): string {
    return `cannot void the assessment of ${where(this)}: ${this.contracts} contract(s) stand; void them first`
  }
}

/** A contract with accepted deliveries cannot be voided: void the deliveries first. */
export class ContractHasDeliveries extends Schema.TaggedError<ContractHasDeliveries>(
  "@kemitraan/core/ContractHasDeliveries"
)("ContractHasDeliveries", { ...ref, contractReference: Schema.String, deliveries: Schema.Number }) {
  override get message(): string {
    return `cannot void contract "${this.contractReference}" (${where(this)}): ${this.deliveries} delivery(ies) stand under it; void them first`
  }
}

/** A contract's value cannot be corrected below what has been delivered under it. */
export class ContractBelowDeliveries extends Schema.TaggedError<ContractBelowDeliveries>(
  "@kemitraan/core/ContractBelowDeliveries"
)("ContractBelowDeliveries", {
  ...ref,
  contractReference: Schema.String,
  value: Schema.Number,
  delivered: Schema.Number
}) {
  override get message(): string {
    return `cannot correct contract "${this.contractReference}" (${where(this)}) to Rp${this.value}: Rp${this.delivered} has been delivered under it`
  }
}

/** No delivery with this BAST number stands under the contract. */
export class DeliveryNotFound extends Schema.TaggedError<DeliveryNotFound>("@kemitraan/core/DeliveryNotFound")(
  "DeliveryNotFound",
  { ...ref, contractReference: Schema.String, bastNumber: Schema.String, action: Schema.String }
) {
  override get message(): string {
    return `cannot ${this.action} for ${where(this)}: no delivery with BAST "${this.bastNumber}" stands under contract "${this.contractReference}"`
  }
}

/** Every error an assessment command may fail with, besides the stream clock and look-ups. */
export type AssessmentError =
  | ConsultationNotHeld
  | AssessmentAlreadyRecorded
  | NeedNotDeclared
  | AssessmentNotRecorded
  | AssessmentClosed
  | VendorAlreadyRegistered
  | VendorNotRegistered
  | ContractReferenceTaken
  | ContractNotFound
  | DeliveryExceedsContract
  | DealAlreadyMade
  | AssessmentWasVoided
  | AssessmentHasContracts
  | ContractHasDeliveries
  | ContractBelowDeliveries
  | DeliveryNotFound
