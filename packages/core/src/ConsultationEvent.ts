/**
 * The events of a consultation: a direct business consultation between one registered SME and one
 * joined counterpart at an open forum. Requested or scheduled, then held, a no-show, or cancelled.
 * They are recorded in the forum's stream (`Forum-<forumId>`), the consistency boundary that knows
 * who registered, who joined and whether the forum is open. Each carries the SME and the counterpart.
 *
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"
import { ConsultationId, ForumId, ParticipantId } from "./Id.js"
import { Text } from "./Text.js"

/** The fields every consultation event carries. */
export const ConsultationRef = Schema.Struct({
  forumId: ForumId,
  consultationId: ConsultationId,
  smeId: ParticipantId,
  counterpartId: ParticipantId
})
/** The fields every consultation event carries. */
export type ConsultationRef = typeof ConsultationRef.Type

/** An SME asked for a consultation with a counterpart, without a time slot yet. */
export const ConsultationRequested = Schema.TaggedStruct("ConsultationRequested", {
  ...ConsultationRef.fields,
  at: Schema.Date
})
/** A consultation was requested. */
export type ConsultationRequested = typeof ConsultationRequested.Type

/** A consultation was given a time slot (new, or a requested one now scheduled). */
export const ConsultationScheduled = Schema.TaggedStruct("ConsultationScheduled", {
  ...ConsultationRef.fields,
  slot: Schema.Date,
  at: Schema.Date
})
/** A consultation was scheduled. */
export type ConsultationScheduled = typeof ConsultationScheduled.Type

/** A consultation took place. Only a held consultation may produce an assessment. */
export const ConsultationHeld = Schema.TaggedStruct("ConsultationHeld", {
  ...ConsultationRef.fields,
  at: Schema.Date
})
/** A consultation took place. */
export type ConsultationHeld = typeof ConsultationHeld.Type

/** Who did not come to a consultation. */
export const Absentee = Schema.Literal("Sme", "Counterpart", "Both")
/** Who did not come. */
export type Absentee = typeof Absentee.Type

/** A consultation did not take place because a side did not come. */
export const ConsultationNoShow = Schema.TaggedStruct("ConsultationNoShow", {
  ...ConsultationRef.fields,
  absent: Absentee,
  at: Schema.Date
})
/** A consultation was a no-show. */
export type ConsultationNoShow = typeof ConsultationNoShow.Type

/** A consultation was cancelled before it took place. */
export const ConsultationCancelled = Schema.TaggedStruct("ConsultationCancelled", {
  ...ConsultationRef.fields,
  reason: Text,
  at: Schema.Date
})
/** A consultation was cancelled. */
export type ConsultationCancelled = typeof ConsultationCancelled.Type

/** The event schemas of a consultation, in catalogue order. */
export const schemas = [
  ConsultationRequested,
  ConsultationScheduled,
  ConsultationHeld,
  ConsultationNoShow,
  ConsultationCancelled
] as const

/** An event of a consultation. */
export type ConsultationEvent = Schema.Schema.Type<(typeof schemas)[number]>
