/**
 * The event catalogue of the whole domain, and one catalogue per stream kind. Read models fold
 * {@link KemitraanEvents}; command handlers use the catalogue of their stream.
 *
 * Streams: `Participant-<participantId>` (participant events), `Forum-<forumId>` (forum and
 * consultation events), `Assessment-<forumId>/<consultationId>` (assessment events).
 *
 * @since 0.1.0
 */
import { EventCatalog } from "@kemitraan/eventsourcing"
import * as AssessmentEvent from "./AssessmentEvent.js"
import * as ConsultationEvent from "./ConsultationEvent.js"
import * as ForumEvent from "./ForumEvent.js"
import * as ParticipantEvent from "./ParticipantEvent.js"

/** Every event of the domain. */
export type KemitraanEvent =
  | ParticipantEvent.ParticipantEvent
  | ForumEvent.ForumEvent
  | ConsultationEvent.ConsultationEvent
  | AssessmentEvent.AssessmentEvent

/** An event of a forum's stream: the forum's lifecycle and its consultations. */
export type ForumStreamEvent = ForumEvent.ForumEvent | ConsultationEvent.ConsultationEvent

/** The catalogue of a participant's stream. */
export const ParticipantEvents = EventCatalog.make(...ParticipantEvent.schemas)

/** The catalogue of a forum's stream: lifecycle and consultation events. */
export const ForumEvents = EventCatalog.make(...ForumEvent.schemas, ...ConsultationEvent.schemas)

/** The catalogue of an assessment's stream. */
export const AssessmentEvents = EventCatalog.make(...AssessmentEvent.schemas)

/** The catalogue of every event of the domain, for read models. */
export const KemitraanEvents = EventCatalog.make(
  ...ParticipantEvent.schemas,
  ...ForumEvent.schemas,
  ...ConsultationEvent.schemas,
  ...AssessmentEvent.schemas
)

/** The stream of a participant. */
export const participantStream = (participantId: string): string => `Participant-${participantId}`

/** The stream of a forum, holding its lifecycle and its consultations. */
export const forumStream = (forumId: string): string => `Forum-${forumId}`

/** The stream of the assessment of one consultation. */
export const assessmentStream = (forumId: string, consultationId: string): string =>
  `Assessment-${forumId}/${consultationId}`
