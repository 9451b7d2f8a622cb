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
import { CommandHandler, Decider } from "@kemitraan/eventsourcing"
import { Effect, HashMap, Option, Schema } from "effect"
import * as E from "./AssessmentError.js"
import { type AssessmentEvent, type AssessmentRef, ContractKind, NoDealReason, Readiness } from "./AssessmentEvent.js"
import { Directory, type LookupError } from "./Directory.js"
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

/** Every assessment command, decodable from JSON by its `_tag`. */
export const AssessmentCommand = Schema.Union(
  RecordAssessment,
  RegisterVendor,
  AwardContract,
  AcceptDelivery,
  CloseWithoutDeal
)
/** An assessment command. */
export type AssessmentCommand = typeof AssessmentCommand.Type

/** A contract of an assessment and what has been delivered under it. */
export interface Contract {
  readonly value: number
  readonly delivered: number
}

/** An assessed consultation and its follow-up. */
export interface Assessed {
  readonly _tag: "Assessed"
  readonly ref: AssessmentRef
  readonly potentialValue: Rupiah
  readonly vendorRegistered: boolean
  readonly contracts: ReadonlyMap<string, Contract>
  readonly closedWithoutDeal: boolean
  readonly lastAt: number
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

const evolveAssessed = (state: Assessed, event: AssessmentEvent): Assessed => {
  switch (event._tag) {
    case "AssessmentRecorded":
      return state
    case "VendorRegistered":
      return { ...state, vendorRegistered: true }
    case "ContractAwarded": {
      const contracts = new Map(state.contracts)
      contracts.set(event.reference, { value: event.value, delivered: 0 })
      return { ...state, contracts }
    }
    case "DeliveryAccepted": {
      const contract = state.contracts.get(event.contractReference)
      if (contract === undefined) return state
      const contracts = new Map(state.contracts)
      contracts.set(event.contractReference, { ...contract, delivered: contract.delivered + event.value })
      return { ...state, contracts }
    }
    case "AssessmentClosedWithoutDeal":
      return { ...state, closedWithoutDeal: true }
  }
}

/** Folds one event into an assessment's state. Pure and total. */
export const evolve = (state: State, event: AssessmentEvent): State => {
  const lastAt = event.at.getTime()
  if (state._tag === "NotRecorded") {
    if (event._tag !== "AssessmentRecorded") return { ...state, lastAt }
    return {
      _tag: "Assessed",
      ref: refOf(event),
      potentialValue: event.potentialValue,
      vendorRegistered: false,
      contracts: new Map(),
      closedWithoutDeal: false,
      lastAt
    }
  }
  return { ...evolveAssessed(state, event), lastAt }
}

/** Every error deciding an assessment command may fail with. */
export type DecideError = E.AssessmentError | StreamTime.TimeWentBackwards | LookupError

type Decision<R = never> = Effect.Effect<ReadonlyArray<AssessmentEvent>, DecideError, R>

const heldConsultation = (
  forum: ForumState.State,
  command: RecordAssessment
): Effect.Effect<ForumState.Consultation, E.ConsultationNotHeld> => {
  const { forumId, consultationId } = command
  const found = HashMap.get(forum.consultations, consultationId)
  if (Option.isNone(found))
    return Effect.fail(new E.ConsultationNotHeld({ forumId, consultationId, status: "Missing" }))
  return found.value.status === "Held"
    ? Effect.succeed(found.value)
    : Effect.fail(new E.ConsultationNotHeld({ forumId, consultationId, status: found.value.status }))
}

const record = (command: RecordAssessment, state: State, at: Date): Decision<Directory> =>
  Effect.gen(function* () {
    const { _tag, forumId, consultationId, need, ...fields } = command
    if (state._tag !== "NotRecorded") return yield* new E.AssessmentAlreadyRecorded({ forumId, consultationId })
    const forum = yield* Effect.flatMap(Directory, (directory) => directory.forum(forumId))
    const { smeId, counterpartId } = yield* heldConsultation(forum, command)
    const declared: ReadonlyArray<string> = Option.match(HashMap.get(forum.counterparts, counterpartId), {
      onNone: () => [],
      onSome: (counterpart) => counterpart.needs.map((entry) => entry.category)
    })
    if (!declared.includes(need)) {
      return yield* new E.NeedNotDeclared({ forumId, consultationId, counterpartId, need, declared })
    }
    const sme = Option.getOrThrow(HashMap.get(forum.smes, smeId))
    const where = { forumId, consultationId, smeId, counterpartId, province: sme.province, kbli: sme.kbli }
    return [{ _tag: "AssessmentRecorded", ...where, ...fields, need, at }]
  })

const actions: Record<Exclude<AssessmentCommand["_tag"], "RecordAssessment">, string> = {
  RegisterVendor: "register the SME as a vendor",
  AwardContract: "award a contract",
  AcceptDelivery: "accept a delivery",
  CloseWithoutDeal: "close the assessment without a deal"
}

type FollowUp = RegisterVendor | AwardContract | AcceptDelivery | CloseWithoutDeal

const followUp = (command: FollowUp, state: Assessed, at: Date): Decision => {
  const { forumId, consultationId } = command
  const ref = { ...state.ref, at }
  switch (command._tag) {
    case "RegisterVendor": {
      if (state.vendorRegistered) return Effect.fail(new E.VendorAlreadyRegistered({ forumId, consultationId }))
      const vendorNumber = command.vendorNumber === undefined ? {} : { vendorNumber: command.vendorNumber }
      return Effect.succeed([{ _tag: "VendorRegistered", ...ref, channel: command.channel, ...vendorNumber }])
    }
    case "AwardContract": {
      const { kind, reference, value } = command
      if (!state.vendorRegistered) return Effect.fail(new E.VendorNotRegistered({ forumId, consultationId }))
      if (state.contracts.has(reference)) {
        return Effect.fail(new E.ContractReferenceTaken({ forumId, consultationId, reference }))
      }
      return Effect.succeed([{ _tag: "ContractAwarded", ...ref, kind, reference, value }])
    }
    case "AcceptDelivery":
      return accept(command, state, at)
    case "CloseWithoutDeal": {
      if (state.contracts.size > 0) {
        return Effect.fail(new E.DealAlreadyMade({ forumId, consultationId, contracts: state.contracts.size }))
      }
      const note = command.note === undefined ? {} : { note: command.note }
      return Effect.succeed([{ _tag: "AssessmentClosedWithoutDeal", ...ref, reason: command.reason, ...note }])
    }
  }
}

const accept = (command: AcceptDelivery, state: Assessed, at: Date): Decision => {
  const { forumId, consultationId, contractReference, bastNumber, value } = command
  const contract = state.contracts.get(contractReference)
  if (contract === undefined) return Effect.fail(new E.ContractNotFound({ forumId, consultationId, contractReference }))
  if (contract.delivered + value > contract.value) {
    return Effect.fail(
      new E.DeliveryExceedsContract({
        forumId,
        consultationId,
        contractReference,
        contractValue: contract.value,
        deliveredBefore: contract.delivered,
        value
      })
    )
  }
  return Effect.succeed([{ _tag: "DeliveryAccepted", ...state.ref, contractReference, bastNumber, value, at }])
}

/** Decides an assessment command against the assessment's state. */
export const decide = (command: AssessmentCommand, state: State): Decision<Directory> =>
  Effect.flatMap(
    StreamTime.now(assessmentStream(command.forumId, command.consultationId), state.lastAt),
    (at): Decision<Directory> => {
      if (command._tag === "RecordAssessment") return record(command, state, at)
      const { forumId, consultationId } = command
      const action = actions[command._tag]
      if (state._tag === "NotRecorded") {
        return Effect.fail(new E.AssessmentNotRecorded({ forumId, consultationId, action }))
      }
      if (state.closedWithoutDeal) return Effect.fail(new E.AssessmentClosed({ forumId, consultationId, action }))
      return followUp(command, state, at)
    }
  )

/** The assessment decider. */
export const decider = Decider.make({ initialState, evolve, decide })

/** The command handler of assessments. It needs an `EventStore` and a `Directory`. */
export const handler = CommandHandler.make({
  decider,
  catalog: AssessmentEvents,
  streamId: (command: AssessmentCommand) => assessmentStream(command.forumId, command.consultationId)
})
