/**
 * Every command's schema and the aggregate that handles it, keyed by `_tag`. `Kemitraan.decodeCommand`
 * decodes against the one schema the input's `_tag` picks, so that its issues are about that command
 * rather than every member of the union; `Kemitraan.handle` routes by the aggregate; the command
 * reference (`docs/commands.md`) is rendered from the schemas. Typed by tag, so that a new command
 * cannot be left out, nor given another command's schema.
 */
import * as Arr from "effect/Array"
import * as Schema from "effect/Schema"
import type { Either, ParseResult, SchemaAST } from "effect"
import * as Assessment from "../Assessment.js"
import * as Consultation from "../Consultation.js"
import * as Forum from "../Forum.js"
import type { Command } from "../Kemitraan.js"
import * as Participant from "../Participant.js"

/** The aggregates, each with its own stream and handler. */
export type Aggregate = "Participant" | "Forum" | "Assessment"

/** One command: the aggregate that handles it, its schema's AST, and its decoder. */
export interface Entry<A> {
  readonly aggregate: Aggregate
  readonly ast: SchemaAST.AST
  readonly decode: (input: unknown) => Either.Either<A, ParseResult.ParseError>
}

const entry = <A, I>(aggregate: Aggregate, schema: Schema.Schema<A, I>): Entry<A> => ({
  aggregate,
  ast: schema.ast,
  // Every failing field, and fields a command does not have are refused rather than dropped.
  decode: Schema.decodeUnknownEither(schema, { errors: "all", onExcessProperty: "error" })
})

/** Every command, by tag, in the order of the command reference. */
export const commands: { readonly [Tag in Command["_tag"]]: Entry<Extract<Command, { readonly _tag: Tag }>> } = {
  EnrolSme: entry("Participant", Participant.EnrolSme),
  EnrolCounterpart: entry("Participant", Participant.EnrolCounterpart),
  ReportBusinessFigures: entry("Participant", Participant.ReportBusinessFigures),
  CorrectBusinessFigures: entry("Participant", Participant.CorrectBusinessFigures),
  Formalise: entry("Participant", Participant.Formalise),
  ScheduleForum: entry("Forum", Forum.ScheduleForum),
  JoinCounterpart: entry("Forum", Forum.JoinCounterpart),
  RegisterSme: entry("Forum", Forum.RegisterSme),
  RecordObserver: entry("Forum", Forum.RecordObserver),
  OpenForum: entry("Forum", Forum.OpenForum),
  CloseForum: entry("Forum", Forum.CloseForum),
  AnnounceResults: entry("Forum", Forum.AnnounceResults),
  RequestConsultation: entry("Forum", Consultation.RequestConsultation),
  ScheduleConsultation: entry("Forum", Consultation.ScheduleConsultation),
  RecordConsultationHeld: entry("Forum", Consultation.RecordConsultationHeld),
  RecordNoShow: entry("Forum", Consultation.RecordNoShow),
  CancelConsultation: entry("Forum", Consultation.CancelConsultation),
  RecordAssessment: entry("Assessment", Assessment.RecordAssessment),
  RegisterVendor: entry("Assessment", Assessment.RegisterVendor),
  AwardContract: entry("Assessment", Assessment.AwardContract),
  AcceptDelivery: entry("Assessment", Assessment.AcceptDelivery),
  CloseWithoutDeal: entry("Assessment", Assessment.CloseWithoutDeal),
  CorrectAssessment: entry("Assessment", Assessment.CorrectAssessment),
  VoidAssessment: entry("Assessment", Assessment.VoidAssessment),
  CorrectContract: entry("Assessment", Assessment.CorrectContract),
  VoidContract: entry("Assessment", Assessment.VoidContract),
  CorrectDelivery: entry("Assessment", Assessment.CorrectDelivery),
  VoidDelivery: entry("Assessment", Assessment.VoidDelivery)
}

/** Whether a string is the tag of a command. An own key only: `"constructor"` names no command. */
export const isCommandTag = (tag: string): tag is Command["_tag"] => Object.hasOwn(commands, tag)

const allTags = Object.keys(commands).filter(isCommandTag)
// The table is a literal with every command: this is never true, but it lets `tags` say it is not empty.
if (!Arr.isNonEmptyReadonlyArray(allTags)) throw new Error("the command table is empty")

/** Every command tag, in the order of {@link commands}. */
export const tags: Arr.NonEmptyReadonlyArray<Command["_tag"]> = allTags
