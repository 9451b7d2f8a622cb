/**
 * Identifiers chosen by the caller (a ministry system, an import script): non-empty, trimmed, at
 * most 100 characters, and branded so that a forum id cannot be passed where a participant id is due.
 *
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"

const identifier = <B extends string>(brand: B, what: string) =>
  Schema.Trimmed.pipe(
    Schema.minLength(1, { message: () => `${what} must not be empty` }),
    Schema.maxLength(100, { message: () => `${what} has at most 100 characters` }),
    Schema.brand(brand),
    Schema.annotations({ identifier: brand, description: `${what}: non-empty, trimmed, at most 100 characters` })
  )

/** The id of a forum. */
export const ForumId = identifier("ForumId", "a forum id")
/** The id of a forum. */
export type ForumId = typeof ForumId.Type

/** The id of a participant: an SME or a counterpart, enrolled once and reused across forums. */
export const ParticipantId = identifier("ParticipantId", "a participant id")
/** The id of a participant. */
export type ParticipantId = typeof ParticipantId.Type

/** The id of a consultation, unique within its forum. */
export const ConsultationId = identifier("ConsultationId", "a consultation id")
/** The id of a consultation. */
export type ConsultationId = typeof ConsultationId.Type
