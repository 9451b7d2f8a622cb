/**
 * The typed errors of consultations. Each names the forum, the consultation or the parties.
 *
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"

/** The SME has not registered at the forum, so it cannot consult there. */
export class SmeNotRegistered extends Schema.TaggedError<SmeNotRegistered>("@kemitraan/core/SmeNotRegistered")(
  "SmeNotRegistered",
  { forumId: Schema.String, smeId: Schema.String }
) {
  override get message(): string {
    return `SME "${this.smeId}" has not registered at forum "${this.forumId}"`
  }
}

/** The counterpart has not joined the forum, so nobody can consult it there. */
export class CounterpartNotJoined extends Schema.TaggedError<CounterpartNotJoined>(
  "@kemitraan/core/CounterpartNotJoined"
)("CounterpartNotJoined", { forumId: Schema.String, counterpartId: Schema.String }) {
  override get message(): string {
    return `counterpart "${this.counterpartId}" has not joined forum "${this.forumId}"`
  }
}

/**
 * The SME already has a consultation with this counterpart at this forum (pending or held) under
 * another id. Resending the same consultation id is not an error: it changes nothing.
 */
export class ConsultationAlreadyBooked extends Schema.TaggedError<ConsultationAlreadyBooked>(
  "@kemitraan/core/ConsultationAlreadyBooked"
)("ConsultationAlreadyBooked", {
  forumId: Schema.String,
  smeId: Schema.String,
  counterpartId: Schema.String,
  existingConsultationId: Schema.String
}) {
  override get message(): string {
    return `SME "${this.smeId}" already has consultation "${this.existingConsultationId}" with counterpart "${this.counterpartId}" at forum "${this.forumId}"`
  }
}

/** The consultation id is used at this forum by a consultation of another SME or counterpart. */
export class ConsultationIdTaken extends Schema.TaggedError<ConsultationIdTaken>("@kemitraan/core/ConsultationIdTaken")(
  "ConsultationIdTaken",
  { forumId: Schema.String, consultationId: Schema.String, smeId: Schema.String, counterpartId: Schema.String }
) {
  override get message(): string {
    return `consultation id "${this.consultationId}" at forum "${this.forumId}" already names the consultation of SME "${this.smeId}" with counterpart "${this.counterpartId}"`
  }
}

/** No consultation with this id exists at the forum. */
export class ConsultationNotFound extends Schema.TaggedError<ConsultationNotFound>(
  "@kemitraan/core/ConsultationNotFound"
)("ConsultationNotFound", { forumId: Schema.String, consultationId: Schema.String }) {
  override get message(): string {
    return `forum "${this.forumId}" has no consultation "${this.consultationId}"`
  }
}

/** The consultation was held, a no-show or cancelled: it cannot change any more. */
export class ConsultationAlreadyEnded extends Schema.TaggedError<ConsultationAlreadyEnded>(
  "@kemitraan/core/ConsultationAlreadyEnded"
)("ConsultationAlreadyEnded", {
  forumId: Schema.String,
  consultationId: Schema.String,
  status: Schema.String,
  action: Schema.String
}) {
  override get message(): string {
    return `cannot ${this.action}: consultation "${this.consultationId}" at forum "${this.forumId}" has ended (${this.status})`
  }
}

/** Every error a consultation command may fail with, besides the forum's status and the stream clock. */
export type ConsultationError =
  | SmeNotRegistered
  | CounterpartNotJoined
  | ConsultationAlreadyBooked
  | ConsultationIdTaken
  | ConsultationNotFound
  | ConsultationAlreadyEnded
