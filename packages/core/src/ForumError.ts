/**
 * The typed errors of a forum's lifecycle. Each names the forum and what was attempted.
 *
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"

/** A forum with this id was scheduled already. */
export class ForumAlreadyScheduled extends Schema.TaggedError<ForumAlreadyScheduled>(
  "@kemitraan/core/ForumAlreadyScheduled"
)("ForumAlreadyScheduled", { forumId: Schema.String }) {
  override get message(): string {
    return `forum "${this.forumId}" is already scheduled`
  }
}

/** No forum with this id has been scheduled. */
export class ForumNotScheduled extends Schema.TaggedError<ForumNotScheduled>("@kemitraan/core/ForumNotScheduled")(
  "ForumNotScheduled",
  { forumId: Schema.String, action: Schema.String }
) {
  override get message(): string {
    return `cannot ${this.action}: forum "${this.forumId}" has not been scheduled`
  }
}

/** The action needs an open forum, and this one has not opened yet. */
export class ForumNotOpen extends Schema.TaggedError<ForumNotOpen>("@kemitraan/core/ForumNotOpen")("ForumNotOpen", {
  forumId: Schema.String,
  action: Schema.String
}) {
  override get message(): string {
    return `cannot ${this.action}: forum "${this.forumId}" has not opened yet`
  }
}

/** The forum is open already. */
export class ForumAlreadyOpen extends Schema.TaggedError<ForumAlreadyOpen>("@kemitraan/core/ForumAlreadyOpen")(
  "ForumAlreadyOpen",
  { forumId: Schema.String }
) {
  override get message(): string {
    return `forum "${this.forumId}" is already open`
  }
}

/** The forum has closed: nobody joins, registers, attends or consults any more. */
export class ForumAlreadyClosed extends Schema.TaggedError<ForumAlreadyClosed>("@kemitraan/core/ForumAlreadyClosed")(
  "ForumAlreadyClosed",
  { forumId: Schema.String, action: Schema.String }
) {
  override get message(): string {
    return `cannot ${this.action}: forum "${this.forumId}" has closed`
  }
}

/** Results are announced only after the forum has closed. */
export class ForumNotClosed extends Schema.TaggedError<ForumNotClosed>("@kemitraan/core/ForumNotClosed")(
  "ForumNotClosed",
  { forumId: Schema.String }
) {
  override get message(): string {
    return `cannot announce the results of forum "${this.forumId}": it has not closed yet`
  }
}

/** The forum's results were announced already. */
export class ResultsAlreadyAnnounced extends Schema.TaggedError<ResultsAlreadyAnnounced>(
  "@kemitraan/core/ResultsAlreadyAnnounced"
)("ResultsAlreadyAnnounced", { forumId: Schema.String, date: Schema.String }) {
  override get message(): string {
    return `the results of forum "${this.forumId}" were already announced on ${this.date}`
  }
}

/** Results cannot be announced on a day before the forum was held. */
export class ResultsBeforeForum extends Schema.TaggedError<ResultsBeforeForum>("@kemitraan/core/ResultsBeforeForum")(
  "ResultsBeforeForum",
  { forumId: Schema.String, date: Schema.String, forumDate: Schema.String }
) {
  override get message(): string {
    return `the results of forum "${this.forumId}" cannot be announced on ${this.date}, before the forum itself (${this.forumDate})`
  }
}

/** The counterpart has joined this forum already. */
export class CounterpartAlreadyJoined extends Schema.TaggedError<CounterpartAlreadyJoined>(
  "@kemitraan/core/CounterpartAlreadyJoined"
)("CounterpartAlreadyJoined", { forumId: Schema.String, counterpartId: Schema.String }) {
  override get message(): string {
    return `counterpart "${this.counterpartId}" has already joined forum "${this.forumId}"`
  }
}

/** Only a participant enrolled as a counterpart (BUMN, Usaha Besar, BUMD) joins a forum as one. */
export class NotACounterpart extends Schema.TaggedError<NotACounterpart>("@kemitraan/core/NotACounterpart")(
  "NotACounterpart",
  { forumId: Schema.String, participantId: Schema.String }
) {
  override get message(): string {
    return `participant "${this.participantId}" is enrolled as an SME and cannot join forum "${this.forumId}" as a counterpart`
  }
}

/** A counterpart (BUMN, Usaha Besar, BUMD) cannot register at a forum as an SME. */
export class CounterpartCannotRegisterAsSme extends Schema.TaggedError<CounterpartCannotRegisterAsSme>(
  "@kemitraan/core/CounterpartCannotRegisterAsSme"
)("CounterpartCannotRegisterAsSme", { forumId: Schema.String, participantId: Schema.String, kind: Schema.String }) {
  override get message(): string {
    return `participant "${this.participantId}" is enrolled as a counterpart (${this.kind}) and cannot register at forum "${this.forumId}" as an SME`
  }
}

/** The SME has registered at this forum already. */
export class SmeAlreadyRegistered extends Schema.TaggedError<SmeAlreadyRegistered>(
  "@kemitraan/core/SmeAlreadyRegistered"
)("SmeAlreadyRegistered", { forumId: Schema.String, smeId: Schema.String }) {
  override get message(): string {
    return `SME "${this.smeId}" has already registered at forum "${this.forumId}"`
  }
}

/** Every error a forum lifecycle command may fail with, besides the stream clock and participant lookups. */
export type ForumError =
  | ForumAlreadyScheduled
  | ForumNotScheduled
  | ForumNotOpen
  | ForumAlreadyOpen
  | ForumAlreadyClosed
  | ForumNotClosed
  | ResultsAlreadyAnnounced
  | ResultsBeforeForum
  | CounterpartAlreadyJoined
  | NotACounterpart
  | CounterpartCannotRegisterAsSme
  | SmeAlreadyRegistered
