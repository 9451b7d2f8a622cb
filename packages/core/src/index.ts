/**
 * @kemitraan/core: Indonesia's partnership forums between SMEs (UKM/IKM) and state-owned or large
 * enterprises (BUMN / Usaha Besar), as events, commands and deciders on `@kemitraan/eventsourcing`.
 *
 * @since 0.1.0
 */

/** The assessment aggregate: commands, state, decider and handler. */
export * as Assessment from "./Assessment.js"

/** Typed errors of assessments. */
export * as AssessmentError from "./AssessmentError.js"

/** Events of an assessment and its follow-up: vendor registration, contracts, deliveries (BAST). */
export * as AssessmentEvent from "./AssessmentEvent.js"

/** Business classes per PP 7/2021: micro, small, medium, large, by capital or annual sales. */
export * as BusinessClass from "./BusinessClass.js"

/** Calendar dates (`YYYY-MM-DD`) and years. */
export * as CalendarDate from "./CalendarDate.js"

/** Typed errors of input that is not a command: each failing field with its path, or an unknown `_tag`. */
export * as CommandError from "./CommandError.js"

/** The consultation aggregate's commands, decided by the forum's decider. */
export * as Consultation from "./Consultation.js"

/** Typed errors of consultations. */
export * as ConsultationError from "./ConsultationError.js"

/** Events of a consultation between an SME and a counterpart at a forum. */
export * as ConsultationEvent from "./ConsultationEvent.js"

/** Look-ups of other streams that a decider may need, and the store-backed directory. */
export * as Directory from "./Directory.js"

/** The forum aggregate: commands, decider and handler of a forum's stream. */
export * as Forum from "./Forum.js"

/** Typed errors of forums. */
export * as ForumError from "./ForumError.js"

/** Events of a forum's lifecycle. */
export * as ForumEvent from "./ForumEvent.js"

/** The state of a forum's stream. */
export * as ForumState from "./ForumState.js"

/** Branded identifiers of forums, participants and consultations. */
export * as Id from "./Id.js"

/** KBLI 2020 sector codes. */
export * as Kbli from "./Kbli.js"

/** Every command as one schema, and one `handle` for all of them. */
export * as Kemitraan from "./Kemitraan.js"

/** The event catalogues of the domain and the stream names. */
export * as KemitraanEvent from "./KemitraanEvent.js"

/** NIB, the 13-digit business identity number. */
export * as Nib from "./Nib.js"

/** The participant aggregate: commands, state, decider and handler. */
export * as Participant from "./Participant.js"

/** Typed errors of participants. */
export * as ParticipantError from "./ParticipantError.js"

/** Events of a participant: enrolment, business figures, formalisation. */
export * as ParticipantEvent from "./ParticipantEvent.js"

/** The 37 provinces of 24 November 2022 and their official codes. */
export * as Province from "./Province.js"

/** Exact money in rupiah. */
export * as Rupiah from "./Rupiah.js"

/** Time within a stream: `at` never goes backwards. */
export * as StreamTime from "./StreamTime.js"

/** Short human texts. */
export * as Text from "./Text.js"

/** Read model: what the ministry reports after a forum (SMEs, counterparts, consultations, potential value). */
export * as ForumSummary from "./projections/ForumSummary.js"

/** Read model: business class by year and class advancement (naik kelas) per forum cohort. */
export * as ClassAdvancement from "./projections/ClassAdvancement.js"

/** Read model: supply-chain integration, from consultation to accepted delivery, as a funnel. */
export * as SupplyChain from "./projections/SupplyChain.js"

/** Where the events came from: events by type and provenance, for marking synthetic tables. */
export * as Provenance from "./projections/Provenance.js"
