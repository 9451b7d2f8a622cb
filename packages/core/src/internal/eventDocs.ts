/**
 * The event catalogue as Markdown, rendered from the event schemas: each event's fields and types
 * come from its schema; its one-line summary and the commands that emit it are kept here, typed so
 * that a new event or command cannot be left out. `scripts/generate-event-docs.ts` writes it to
 * `docs/events.md`, and with `--check` fails when that file is stale.
 */
import * as SchemaAST from "effect/SchemaAST"
import type { Schema } from "effect"
import * as AssessmentEvent from "../AssessmentEvent.js"
import * as ConsultationEvent from "../ConsultationEvent.js"
import * as ForumEvent from "../ForumEvent.js"
import type { Command } from "../Kemitraan.js"
import type { KemitraanEvent } from "../KemitraanEvent.js"
import * as ParticipantEvent from "../ParticipantEvent.js"
import { type Named, typeOf, valueTypes } from "./schemaDocs.js"

interface EventDoc {
  readonly summary: string
  readonly emittedBy: ReadonlyArray<Command["_tag"]>
}

const docs: { readonly [Tag in KemitraanEvent["_tag"]]: EventDoc } = {
  SmeEnrolled: {
    summary: "An SME (UKM or IKM) was enrolled; no NIB for an informal business.",
    emittedBy: ["EnrolSme"]
  },
  CounterpartEnrolled: {
    summary: "A counterpart (BUMN, Usaha Besar or BUMD) was enrolled.",
    emittedBy: ["EnrolCounterpart"]
  },
  BusinessFiguresReported: {
    summary: "An SME reported its annual sales, business capital and workers for a year, once per year.",
    emittedBy: ["ReportBusinessFigures"]
  },
  BusinessFiguresCorrected: {
    summary: "An SME corrected a reported year; the new figures replace the old.",
    emittedBy: ["CorrectBusinessFigures"]
  },
  ParticipantFormalised: { summary: "An informal SME obtained an NIB (formalisation).", emittedBy: ["Formalise"] },
  ForumScheduled: { summary: "A forum was scheduled.", emittedBy: ["ScheduleForum"] },
  CounterpartJoined: {
    summary: "An enrolled counterpart joined a forum that had not closed, bringing its product needs.",
    emittedBy: ["JoinCounterpart"]
  },
  SmeRegistered: {
    summary: "An enrolled SME registered at a forum that had not closed; carries its profile at that moment.",
    emittedBy: ["RegisterSme"]
  },
  ObserverAttended: { summary: "An observer attended an open forum.", emittedBy: ["RecordObserver"] },
  ForumOpened: { summary: "A scheduled forum opened; consultations may take place.", emittedBy: ["OpenForum"] },
  ForumClosed: { summary: "An open forum closed.", emittedBy: ["CloseForum"] },
  ForumResultsAnnounced: {
    summary: "A closed forum's results were announced on a date, with the figures reported then.",
    emittedBy: ["AnnounceResults"]
  },
  ConsultationRequested: {
    summary: "An SME asked for a consultation with a counterpart at an open forum.",
    emittedBy: ["RequestConsultation"]
  },
  ConsultationScheduled: {
    summary: "A consultation was given a time slot (new, requested, or rescheduled).",
    emittedBy: ["ScheduleConsultation"]
  },
  ConsultationHeld: { summary: "A consultation took place.", emittedBy: ["RecordConsultationHeld"] },
  ConsultationNoShow: {
    summary: "A consultation did not take place: a side did not come.",
    emittedBy: ["RecordNoShow"]
  },
  ConsultationCancelled: {
    summary: "A consultation was cancelled before it took place.",
    emittedBy: ["CancelConsultation"]
  },
  AssessmentRecorded: {
    summary: "A held consultation was assessed: category, need answered, potential value, readiness.",
    emittedBy: ["RecordAssessment"]
  },
  VendorRegistered: {
    summary: "The SME was registered as the counterpart's vendor (e.g. on PaDi UMKM).",
    emittedBy: ["RegisterVendor"]
  },
  ContractAwarded: {
    summary: "A registered vendor was awarded a contract or purchase order, with its value.",
    emittedBy: ["AwardContract"]
  },
  DeliveryAccepted: {
    summary: "A delivery under a contract was accepted with a goods-received report (BAST).",
    emittedBy: ["AcceptDelivery"]
  },
  AssessmentClosedWithoutDeal: {
    summary: "The assessment ended without a deal; nothing follows it but a correction or a void.",
    emittedBy: ["CloseWithoutDeal"]
  },
  AssessmentCorrected: {
    summary: "An assessment's potential value and readiness were corrected; it carries the potential it replaces.",
    emittedBy: ["CorrectAssessment"]
  },
  AssessmentVoided: {
    summary: "An assessment recorded in error was voided, with what followed it; it carries the potential withdrawn.",
    emittedBy: ["VoidAssessment"]
  },
  ContractCorrected: {
    summary: "A contract's value was corrected; it carries the value it replaces.",
    emittedBy: ["CorrectContract"]
  },
  ContractVoided: {
    summary: "A contract recorded in error was voided; it carries the value withdrawn.",
    emittedBy: ["VoidContract"]
  },
  DeliveryCorrected: {
    summary: "An accepted delivery's value was corrected; it carries the value it replaces.",
    emittedBy: ["CorrectDelivery"]
  },
  DeliveryVoided: {
    summary: "An accepted delivery recorded in error was voided; it carries the value withdrawn.",
    emittedBy: ["VoidDelivery"]
  }
}

interface Section {
  readonly title: string
  readonly stream: string
  readonly schemas: ReadonlyArray<Schema.Schema.AnyNoContext>
}

const sections: ReadonlyArray<Section> = [
  { title: "Participant", stream: "Participant-<participantId>", schemas: ParticipantEvent.schemas },
  { title: "Forum", stream: "Forum-<forumId>", schemas: ForumEvent.schemas },
  { title: "Consultation", stream: "Forum-<forumId>", schemas: ConsultationEvent.schemas },
  { title: "Assessment", stream: "Assessment-<forumId>/<consultationId>", schemas: AssessmentEvent.schemas }
]

const fieldsOf = (schema: Schema.Schema.AnyNoContext): ReadonlyArray<SchemaAST.PropertySignature> =>
  SchemaAST.getPropertySignatures(schema.ast)

const isDocumented = (tag: unknown): tag is KemitraanEvent["_tag"] =>
  typeof tag === "string" && Object.hasOwn(docs, tag)

const tagOf = (schema: Schema.Schema.AnyNoContext): KemitraanEvent["_tag"] | undefined => {
  const tag = fieldsOf(schema).find((signature) => signature.name === "_tag")?.type
  return tag !== undefined && SchemaAST.isLiteral(tag) && isDocumented(tag.literal) ? tag.literal : undefined
}

const renderEvent = (schema: Schema.Schema.AnyNoContext, named: Named): ReadonlyArray<string> => {
  const tag = tagOf(schema)
  if (tag === undefined) return []
  const doc = docs[tag]
  const rows = fieldsOf(schema)
    .filter((signature) => signature.name !== "_tag")
    .map(
      (signature) =>
        `| \`${String(signature.name)}\` | ${typeOf(signature.type, named)} | ${signature.isOptional ? "optional" : "required"} |`
    )
  return [
    `### ${tag}`,
    "",
    doc.summary,
    "",
    `Emitted by: ${doc.emittedBy.map((command) => `\`${command}\``).join(", ")}.`,
    "",
    "| field | type | presence |",
    "| --- | --- | --- |",
    ...rows,
    ""
  ]
}

/** The event catalogue as Markdown (before formatting). */
export const render = (): string => {
  const named: Named = new Map()
  const body = sections.flatMap((section) => [
    `## ${section.title} events`,
    "",
    `Stream: \`${section.stream}\`.`,
    "",
    ...section.schemas.flatMap((schema) => renderEvent(schema, named))
  ])
  return [
    "# Event catalogue",
    "",
    "<!-- Generated from the event schemas by packages/core/scripts/generate-event-docs.ts; do not edit by hand. -->",
    "",
    "Every event of `@kemitraan/core`, by stream, with its fields and the command that emits it. Every event",
    "carries `at`, the instant it was decided, read from the `Clock`; within a stream it never goes backwards.",
    "Events are stored as JSON: dates as ISO-8601 strings, money as integer rupiah.",
    "",
    ...body,
    ...valueTypes(named)
  ].join("\n")
}

/** The event types the catalogue documents, in order. */
export const documentedTypes = (): ReadonlyArray<string> =>
  sections.flatMap((section) => section.schemas.map(tagOf).filter((tag) => tag !== undefined))
