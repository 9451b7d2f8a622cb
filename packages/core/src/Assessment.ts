/**
 * The assessment aggregate: what a held consultation produces, and its follow-up towards a supply
 * relationship. Recorded (product category, the counterpart's need it answers, potential value,
 * readiness), then the SME registered as the counterpart's vendor, contracts or purchase orders
 * awarded, deliveries accepted (BAST, berita acara serah terima); or closed without a deal, after
 * which nothing follows.
 *
 * Stream: `Assessment-<forumId>/<consultationId>`: one per consultation, so that "at most one
 * assessment per consultation" is the stream's own rule. Recording looks the consultation up in
 * the forum's stream through the `Directory`: a held consultation stays held, so that check cannot
 * be invalidated by a concurrent writer.
 *
 * @since 0.1.0
 */
import { CommandHandler, type CommandTime, Decider } from "@kemitraan/eventsourcing"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as HashMap from "effect/HashMap"
import * as Option from "effect/Option"
import * as Schema from "effect/Schema"
import * as E from "./AssessmentError.js"
import { type AssessmentEvent, type AssessmentRef, ContractKind, NoDealReason, Readiness } from "./AssessmentEvent.js"
import { type Directory, type LookupError, lookUp } from "./Directory.js"
import { ProductCategory } from "./ForumEvent.js"
import type * as ForumState from "./ForumState.js"
import { ConsultationId, ForumId } from "./Id.js"
import { assessmentStream, AssessmentEvents } from "./KemitraanEvent.js"
import { Rupiah } from "./Rupiah.js"
import * as StreamTime from "./StreamTime.js"
import { Text } from "./Text.js"

const consultation = { forumId: ForumId, consultationId: ConsultationId }

/** Record the assessment of a held consultation. */
export const RecordAssessment = Schema.TaggedStruct("RecordAssessment", {
  ...consultation,
  category: ProductCategory,
  need: ProductCategory,
  potentialValue: Rupiah,
  readiness: Readiness
}).annotations({
  identifier: "RecordAssessment",
  description: "Record the assessment of a held consultation."
})
/** Record an assessment. */
export type RecordAssessment = typeof RecordAssessment.Type

/** Record that the SME was registered as the counterpart's vendor (e.g. on PaDi UMKM). */
export const RegisterVendor = Schema.TaggedStruct("RegisterVendor", {
  ...consultation,
  channel: Text,
  vendorNumber: Schema.optionalWith(Text, { exact: true })
}).annotations({
  identifier: "RegisterVendor",
  description: "Record that the SME was registered as the counterpart's vendor (e.g. on PaDi UMKM)."
})
/** Register the SME as a vendor. */
export type RegisterVendor = typeof RegisterVendor.Type

/** Record a contract or purchase order awarded to a registered vendor. */
export const AwardContract = Schema.TaggedStruct("AwardContract", {
  ...consultation,
  kind: ContractKind,
  reference: Text,
  value: Rupiah
}).annotations({
  identifier: "AwardContract",
  description: "Record a contract or purchase order awarded to a registered vendor."
})
/** Award a contract or purchase order. */
export type AwardContract = typeof AwardContract.Type

/** Record a delivery accepted under a contract, with its BAST number. */
export const AcceptDelivery = Schema.TaggedStruct("AcceptDelivery", {
  ...consultation,
  contractReference: Text,
  bastNumber: Text,
  value: Rupiah
}).annotations({
  identifier: "AcceptDelivery",
  description: "Record a delivery accepted under a contract, with its BAST number."
})
/** Accept a delivery. */
export type AcceptDelivery = typeof AcceptDelivery.Type

/** Close an assessment without a deal, saying why. */
export const CloseWithoutDeal = Schema.TaggedStruct("CloseWithoutDeal", {
  ...consultation,
  reason: NoDealReason,
  note: Schema.optionalWith(Text, { exact: true })
}).annotations({
  identifier: "CloseWithoutDeal",
  description: "Close an assessment without a deal, saying why."
})
/** Close an assessment without a deal. */
export type CloseWithoutDeal = typeof CloseWithoutDeal.Type

/** Correct an assessment's potential value and readiness, saying why (also after it closed without a deal). */
export const CorrectAssessment = Schema.TaggedStruct("CorrectAssessment", {
  ...consultation,
  potentialValue: Rupiah,
  readiness: Readiness,
  reason: Text
}).annotations({
  identifier: "CorrectAssessment",
  description:
    "Correct an assessment's potential value and readiness, saying why (also after it closed without a deal)."
})
/** Correct an assessment. */
export type CorrectAssessment = typeof CorrectAssessment.Type

/** Void an assessment recorded in error, saying why; its contracts are voided first. */
export const VoidAssessment = Schema.TaggedStruct("VoidAssessment", { ...consultation, reason: Text }).annotations({
  identifier: "VoidAssessment",
  description: "Void an assessment recorded in error, saying why; its contracts are voided first."
})
/** Void an assessment. */
export type VoidAssessment = typeof VoidAssessment.Type

/** Correct the value of a standing contract, saying why; never below what was delivered under it. */
export const CorrectContract = Schema.TaggedStruct("CorrectContract", {
  ...consultation,
  reference: Text,
  value: Rupiah,
  reason: Text
}).annotations({
  identifier: "CorrectContract",
  description: "Correct the value of a standing contract, saying why; never below what was delivered under it."
})
/** Correct a contract. */
export type CorrectContract = typeof CorrectContract.Type

/** Void a contract recorded in error, saying why; its deliveries are voided first. */
export const VoidContract = Schema.TaggedStruct("VoidContract", {
  ...consultation,
  reference: Text,
  reason: Text
}).annotations({
  identifier: "VoidContract",
  description: "Void a contract recorded in error, saying why; its deliveries are voided first."
})
/** Void a contract. */
export type VoidContract = typeof VoidContract.Type

/** Correct the value of an accepted delivery, saying why; deliveries never exceed their contract. */
export const CorrectDelivery = Schema.TaggedStruct("CorrectDelivery", {
  ...consultation,
  contractReference: Text,
  bastNumber: Text,
  value: Rupiah,
  reason: Text
}).annotations({
  identifier: "CorrectDelivery",
  description: "Correct the value of an accepted delivery, saying why; deliveries never exceed their contract."
})
/** Correct a delivery. */
export type CorrectDelivery = typeof CorrectDelivery.Type

/** Void an accepted delivery recorded in error, saying why. */
export const VoidDelivery = Schema.TaggedStruct("VoidDelivery", {
  ...consultation,
  contractReference: Text,
  bastNumber: Text,
  reason: Text
}).annotations({
  identifier: "VoidDelivery",
  description: "Void an accepted delivery recorded in error, saying why."
})
/** Void a delivery. */
export type VoidDelivery = typeof VoidDelivery.Type

/** Every assessment command, decodable from JSON by its `_tag`. */
export const AssessmentCommand = Schema.Union(
  RecordAssessment,
  RegisterVendor,
  AwardContract,
  AcceptDelivery,
  CloseWithoutDeal,
  CorrectAssessment,
  VoidAssessment,
  CorrectContract,
  VoidContract,
  CorrectDelivery,
  VoidDelivery
)
/** An assessment command. */
export type AssessmentCommand = typeof AssessmentCommand.Type

/** A contract of an assessment and what has been delivered under it, by BAST number. */
export interface Contract {
  readonly value: number
  readonly delivered: number
  readonly deliveries: ReadonlyMap<string, number>
  /** A voided contract keeps its reference taken. */
  readonly voided: boolean
}

/** An assessed consultation and its follow-up. */
export interface Assessed {
  readonly _tag: "Assessed"
  readonly ref: AssessmentRef
  readonly need: string
  readonly potentialValue: Rupiah
  readonly vendorRegistered: boolean
  readonly contracts: ReadonlyMap<string, Contract>
  readonly closedWithoutDeal: boolean
  readonly voided: boolean
  readonly lastAt: number
}

/** How many of an assessment's contracts stand (were not voided). */
export const standing = (state: Assessed): number => {
  let count = 0
  for (const contract of state.contracts.values()) if (!contract.voided) count++
  return count
}

/** The state of an assessment's stream. */
export type State = { readonly _tag: "NotRecorded"; readonly lastAt: number } | Assessed

/** The state of a stream with no events. */
export const initialState: State = { _tag: "NotRecorded", lastAt: StreamTime.beginning }

const refOf = (event: AssessmentRef): AssessmentRef => ({
  forumId: event.forumId,
  consultationId: event.consultationId,
  smeId: event.smeId,
  counterpartId: event.counterpartId,
  category: event.category
})

/** The state with one contract changed by `change`; unchanged when the contract is unknown. */
const withContract = (state: Assessed, reference: string, change: (contract: Contract) => Contract): Assessed => {
  const contract = state.contracts.get(reference)
  if (contract === undefined) return state
  const contracts = new Map(state.contracts)
  contracts.set(reference, change(contract))
  return { ...state, contracts }
}

/** A contract with the delivery under `bastNumber` set to `value`, or removed when `value` is undefined. */
const withDelivery = (contract: Contract, bastNumber: string, value: number | undefined): Contract => {
  const deliveries = new Map(contract.deliveries)
  const before = deliveries.get(bastNumber) ?? 0
  if (value === undefined) deliveries.delete(bastNumber)
  else deliveries.set(bastNumber, value)
  return { ...contract, deliveries, delivered: contract.delivered - before + (value ?? 0) }
}

const evolveAssessed = (state: Assessed, event: AssessmentEvent): Assessed => {
  switch (event._tag) {
    case "AssessmentRecorded":
      return state
    case "VendorRegistered":
      return { ...state, vendorRegistered: true }
    case "ContractAwarded": {
      const contracts = new Map(state.contracts)
      contracts.set(event.reference, { value: event.value, delivered: 0, deliveries: new Map(), voided: false })
      return { ...state, contracts }
    }
    case "DeliveryAccepted":
      // A BAST number accepted twice under one contract adds up, as deliveries always did.
      return withContract(state, event.contractReference, (contract) =>
        withDelivery(contract, event.bastNumber, (contract.deliveries.get(event.bastNumber) ?? 0) + event.value)
      )
    case "AssessmentClosedWithoutDeal":
      return { ...state, closedWithoutDeal: true }
    case "AssessmentCorrected":
      return { ...state, potentialValue: event.potentialValue }
    case "AssessmentVoided":
      return { ...state, voided: true }
    case "ContractCorrected":
      return withContract(state, event.reference, (contract) => ({ ...contract, value: event.value }))
    case "ContractVoided":
      return withContract(state, event.reference, (contract) => ({ ...contract, voided: true }))
    case "DeliveryCorrected":
      return withContract(state, event.contractReference, (contract) =>
        withDelivery(contract, event.bastNumber, event.value)
      )
    case "DeliveryVoided":
      return withContract(state, event.contractReference, (contract) =>
        withDelivery(contract, event.bastNumber, undefined)
      )
  }
}

/** Folds one event into an assessment's state. Pure and total. */
export const evolve = (state: State, event: AssessmentEvent): State => {
  const lastAt = StreamTime.latest(state.lastAt, event.at)
  if (state._tag === "NotRecorded") {
    if (event._tag !== "AssessmentRecorded") return { ...state, lastAt }
    return {
      _tag: "Assessed",
      ref: refOf(event),
      need: event.need,
      potentialValue: event.potentialValue,
      vendorRegistered: false,
      contracts: new Map(),
      closedWithoutDeal: false,
      voided: false,
      lastAt
    }
  }
  return { ...evolveAssessed(state, event), lastAt }
}

/** Every error deciding an assessment command may fail with. */
export type DecideError = E.AssessmentError | StreamTime.TimeError | LookupError

type Decision = Either.Either<ReadonlyArray<AssessmentEvent>, DecideError>

const heldConsultation = (
  forum: ForumState.State,
  command: RecordAssessment
): Either.Either<ForumState.Consultation, E.ConsultationNotHeld> => {
  const { forumId, consultationId } = command
  const found = HashMap.get(forum.consultations, consultationId)
  if (Option.isNone(found))
    return Either.left(new E.ConsultationNotHeld({ forumId, consultationId, status: "Missing" }))
  return found.value.status === "Held"
    ? Either.right(found.value)
    : Either.left(new E.ConsultationNotHeld({ forumId, consultationId, status: found.value.status }))
}

/**
 * A forum's state settles the recording of a consultation's assessment once the consultation took
 * place or ended (held, no-show, cancelled: only requested and scheduled ones change). A held one's
 * SME and counterpart were registered and joined before it was booked, and what the assessment reads
 * of them (the counterpart's needs, the SME's province and sector) is fixed then.
 */
const settledFor =
  (consultationId: ConsultationId) =>
  (forum: ForumState.State): boolean => {
    const status = Option.getOrUndefined(HashMap.get(forum.consultations, consultationId))?.status
    return status !== undefined && status !== "Requested" && status !== "Scheduled"
  }

/** What recording an assessment decides, given the forum's state. */
const recordOn = (command: RecordAssessment, forum: ForumState.State, at: Date): Decision => {
  const { _tag, forumId, consultationId, need, ...fields } = command
  const held = heldConsultation(forum, command)
  if (Either.isLeft(held)) return Either.left(held.left)
  const { smeId, counterpartId } = held.right
  const declared: ReadonlyArray<string> = Option.match(HashMap.get(forum.counterparts, counterpartId), {
    onNone: () => [],
    onSome: (counterpart) => counterpart.needs.map((entry) => entry.category)
  })
  if (!declared.includes(need)) {
    return Either.left(new E.NeedNotDeclared({ forumId, consultationId, counterpartId, need, declared }))
  }
  const sme = Option.getOrThrow(HashMap.get(forum.smes, smeId))
  const where = { forumId, consultationId, smeId, counterpartId, province: sme.province, kbli: sme.kbli }
  return Either.right([{ _tag: "AssessmentRecorded", ...where, ...fields, need, at }])
}

const record = (
  command: RecordAssessment,
  state: State,
  at: Date
): Effect.Effect<ReadonlyArray<AssessmentEvent>, DecideError, Directory> => {
  const { forumId, consultationId } = command
  if (state._tag !== "NotRecorded") return Either.left(new E.AssessmentAlreadyRecorded({ forumId, consultationId }))
  return lookUp((directory) =>
    Effect.flatMap(directory.forum(forumId, settledFor(consultationId)), (forum) => recordOn(command, forum, at))
  )
}

const actions: Record<Exclude<AssessmentCommand["_tag"], "RecordAssessment">, string> = {
  RegisterVendor: "register the SME as a vendor",
  AwardContract: "award a contract",
  AcceptDelivery: "accept a delivery",
  CloseWithoutDeal: "close the assessment without a deal",
  CorrectAssessment: "correct the assessment",
  VoidAssessment: "void the assessment",
  CorrectContract: "correct a contract",
  VoidContract: "void a contract",
  CorrectDelivery: "correct a delivery",
  VoidDelivery: "void a delivery"
}

type FollowUp = RegisterVendor | AwardContract | AcceptDelivery | CloseWithoutDeal
type Amendment = CorrectAssessment | VoidAssessment | CorrectContract | VoidContract | CorrectDelivery | VoidDelivery

const isAmendment = (command: Exclude<AssessmentCommand, RecordAssessment>): command is Amendment =>
  command._tag.startsWith("Correct") || command._tag.startsWith("Void")

const followUp = (command: FollowUp, state: Assessed, at: Date): Decision => {
  const { forumId, consultationId } = command
  const ref = { ...state.ref, at }
  switch (command._tag) {
    case "RegisterVendor": {
      if (state.vendorRegistered) return Either.left(new E.VendorAlreadyRegistered({ forumId, consultationId }))
      const vendorNumber = command.vendorNumber === undefined ? {} : { vendorNumber: command.vendorNumber }
      return Either.right([{ _tag: "VendorRegistered", ...ref, channel: command.channel, ...vendorNumber }])
    }
    case "AwardContract": {
      const { kind, reference, value } = command
      if (!state.vendorRegistered) return Either.left(new E.VendorNotRegistered({ forumId, consultationId }))
      if (state.contracts.has(reference)) {
        return Either.left(new E.ContractReferenceTaken({ forumId, consultationId, reference }))
      }
      return Either.right([{ _tag: "ContractAwarded", ...ref, kind, reference, value }])
    }
    case "AcceptDelivery":
      return accept(command, state, at)
    case "CloseWithoutDeal": {
      const contracts = standing(state)
      if (contracts > 0) return Either.left(new E.DealAlreadyMade({ forumId, consultationId, contracts }))
      const note = command.note === undefined ? {} : { note: command.note }
      return Either.right([{ _tag: "AssessmentClosedWithoutDeal", ...ref, reason: command.reason, ...note }])
    }
  }
}

/** The standing contract a command names, or `ContractNotFound`. */
const contractOf = (
  state: Assessed,
  command: { readonly forumId: string; readonly consultationId: string },
  contractReference: string,
  action?: string
): Either.Either<Contract, E.ContractNotFound> => {
  const contract = state.contracts.get(contractReference)
  if (contract !== undefined && !contract.voided) return Either.right(contract)
  const { forumId, consultationId } = command
  return Either.left(
    new E.ContractNotFound({ forumId, consultationId, contractReference, ...(action === undefined ? {} : { action }) })
  )
}

const accept = (command: AcceptDelivery, state: Assessed, at: Date): Decision =>
  Either.flatMap(contractOf(state, command, command.contractReference), (contract) =>
    delivering(command, contract, command.value, command.value, [
      { _tag: "DeliveryAccepted", ...state.ref, ...pick(command), at }
    ])
  )

const pick = ({ contractReference, bastNumber, value }: AcceptDelivery) => ({ contractReference, bastNumber, value })

/** The events of a delivery that adds `added` to its contract, unless deliveries would exceed it. */
const delivering = (
  command: { readonly forumId: string; readonly consultationId: string; readonly contractReference: string },
  contract: Contract,
  added: number,
  value: number,
  events: ReadonlyArray<AssessmentEvent>
): Decision => {
  const { forumId, consultationId, contractReference } = command
  if (contract.delivered + added > contract.value) {
    return Either.left(
      new E.DeliveryExceedsContract({
        forumId,
        consultationId,
        contractReference,
        contractValue: contract.value,
        deliveredBefore: contract.delivered + value - added,
        value
      })
    )
  }
  return Either.right(events)
}

const amendAssessment = (command: CorrectAssessment | VoidAssessment, state: Assessed, at: Date): Decision => {
  const { forumId, consultationId, reason } = command
  const base = { ...state.ref, need: state.need, reason, at }
  if (command._tag === "CorrectAssessment") {
    const { potentialValue, readiness } = command
    const previousPotentialValue = state.potentialValue
    return Either.right([{ _tag: "AssessmentCorrected", ...base, potentialValue, previousPotentialValue, readiness }])
  }
  const contracts = standing(state)
  if (contracts > 0) return Either.left(new E.AssessmentHasContracts({ forumId, consultationId, contracts }))
  return Either.right([{ _tag: "AssessmentVoided", ...base, potentialValue: state.potentialValue }])
}

const amendContract = (command: CorrectContract | VoidContract, state: Assessed, at: Date): Decision =>
  Either.flatMap(contractOf(state, command, command.reference, actions[command._tag]), (contract): Decision => {
    const { forumId, consultationId, reference, reason } = command
    const base = { ...state.ref, reference, reason, at }
    if (command._tag === "CorrectContract") {
      if (command.value < contract.delivered) {
        const delivered = contract.delivered
        return Either.left(
          new E.ContractBelowDeliveries({
            forumId,
            consultationId,
            contractReference: reference,
            value: command.value,
            delivered
          })
        )
      }
      return Either.right([
        { _tag: "ContractCorrected", ...base, value: command.value, previousValue: Rupiah.make(contract.value) }
      ])
    }
    const deliveries = contract.deliveries.size
    if (deliveries > 0) {
      return Either.left(
        new E.ContractHasDeliveries({ forumId, consultationId, contractReference: reference, deliveries })
      )
    }
    return Either.right([{ _tag: "ContractVoided", ...base, value: Rupiah.make(contract.value) }])
  })

const amendDelivery = (command: CorrectDelivery | VoidDelivery, state: Assessed, at: Date): Decision =>
  Either.flatMap(contractOf(state, command, command.contractReference, actions[command._tag]), (contract): Decision => {
    const { forumId, consultationId, contractReference, bastNumber, reason } = command
    const before = contract.deliveries.get(bastNumber)
    if (before === undefined) {
      const action = actions[command._tag]
      return Either.left(new E.DeliveryNotFound({ forumId, consultationId, contractReference, bastNumber, action }))
    }
    const base = { ...state.ref, contractReference, bastNumber, reason, at }
    if (command._tag === "VoidDelivery") {
      return Either.right([{ _tag: "DeliveryVoided", ...base, value: Rupiah.make(before) }])
    }
    const event: AssessmentEvent = {
      _tag: "DeliveryCorrected",
      ...base,
      value: command.value,
      previousValue: Rupiah.make(before)
    }
    return delivering(command, contract, command.value - before, command.value, [event])
  })

const amend = (command: Amendment, state: Assessed, at: Date): Decision => {
  switch (command._tag) {
    case "CorrectAssessment":
    case "VoidAssessment":
      return amendAssessment(command, state, at)
    case "CorrectContract":
    case "VoidContract":
      return amendContract(command, state, at)
    case "CorrectDelivery":
    case "VoidDelivery":
      return amendDelivery(command, state, at)
  }
}

/**
 * Decides an assessment command against the assessment's state, at the command's instants. Every
 * command but recording (which looks the consultation up in the `Directory`) is answered with an
 * `Either`, which the command handler takes without a step.
 */
export const decide = (
  command: AssessmentCommand,
  state: State,
  time: CommandTime.Instants
): Effect.Effect<ReadonlyArray<AssessmentEvent>, DecideError, Directory> => {
  const now = StreamTime.now(assessmentStream(command.forumId, command.consultationId), state.lastAt, time)
  if (Either.isLeft(now)) return Either.left(now.left)
  const at = now.right
  if (command._tag === "RecordAssessment") return record(command, state, at)
  const { forumId, consultationId } = command
  const action = actions[command._tag]
  if (state._tag === "NotRecorded") {
    return Either.left(new E.AssessmentNotRecorded({ forumId, consultationId, action }))
  }
  if (state.voided) return Either.left(new E.AssessmentWasVoided({ forumId, consultationId, action }))
  // A closed assessment may still be corrected or voided; nothing else follows it.
  if (isAmendment(command)) return amend(command, state, at)
  if (state.closedWithoutDeal) return Either.left(new E.AssessmentClosed({ forumId, consultationId, action }))
  return followUp(command, state, at)
}

/** The assessment decider. */
export const decider = Decider.make({ initialState, evolve, decide })

/** The command handler of assessments. It needs an `EventStore` and a `Directory`. */
export const handler = CommandHandler.make({
  decider,
  catalog: AssessmentEvents,
  streamId: (command: AssessmentCommand) => assessmentStream(command.forumId, command.consultationId)
})
