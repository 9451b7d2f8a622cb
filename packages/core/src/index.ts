/**
 * @kemitraan/core: Indonesia's partnership forums between SMEs (UKM/IKM) and state-owned or large
 * enterprises (BUMN / Usaha Besar), as events, commands and deciders on `@kemitraan/eventsourcing`.
 *
 * @since 0.1.0
 */

/** Events of an assessment and its follow-up: vendor registration, contracts, deliveries (BAST). */
export * as AssessmentEvent from "./AssessmentEvent.js"

/** Business classes per PP 7/2021: micro, small, medium, large, by capital or annual sales. */
export * as BusinessClass from "./BusinessClass.js"

/** Calendar dates (`YYYY-MM-DD`) and years. */
export * as CalendarDate from "./CalendarDate.js"

/** Events of a consultation between an SME and a counterpart at a forum. */
export * as ConsultationEvent from "./ConsultationEvent.js"

/** Events of a forum's lifecycle. */
export * as ForumEvent from "./ForumEvent.js"

/** Branded identifiers of forums, participants and consultations. */
export * as Id from "./Id.js"

/** KBLI 2020 sector codes. */
export * as Kbli from "./Kbli.js"

/** The event catalogues of the domain and the stream names. */
export * as KemitraanEvent from "./KemitraanEvent.js"

/** NIB, the 13-digit business identity number. */
export * as Nib from "./Nib.js"

/** Events of a participant: enrolment, business figures, formalisation. */
export * as ParticipantEvent from "./ParticipantEvent.js"

/** The 37 provinces of 24 November 2022 and their official codes. */
export * as Province from "./Province.js"

/** Exact money in rupiah. */
export * as Rupiah from "./Rupiah.js"

/** Short human texts. */
export * as Text from "./Text.js"
