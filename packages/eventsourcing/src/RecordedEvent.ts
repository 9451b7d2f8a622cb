/**
 * Events as the store holds them. A {@link StoredEvent} carries its data in encoded (JSON-ready)
 * form; a {@link RecordedEvent} carries it decoded through an {@link EventCatalog}.
 *
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"

/**
 * What the store records beside every event. `occurredAt` is the business time, when the event
 * happened: the time its command carried, or else when it was recorded. `recordedAt` is when it
 * was recorded, from Effect's `Clock`; events written before it existed lack it, and were recorded
 * at their `occurredAt`. `schemaVersion` is the version of the event's schema the data was written
 * with (absent: 1). `commandHash` fingerprints the command that wrote the event, so that its id
 * reused for another command is refused; `provenance` says where the data came from (for
 * instance "synthetic").
 */
export const EventMetadata = Schema.Struct({
  occurredAt: Schema.Date,
  recordedAt: Schema.optional(Schema.Date),
  schemaVersion: Schema.optional(Schema.Int.pipe(Schema.greaterThanOrEqualTo(1))),
  correlationId: Schema.optional(Schema.String),
  causationId: Schema.optional(Schema.String),
  commandId: Schema.optional(Schema.String),
  commandHash: Schema.optional(Schema.String),
  provenance: Schema.optional(Schema.String)
})

/** Metadata of a recorded event. */
export type EventMetadata = typeof EventMetadata.Type

/** When an event was recorded: `recordedAt`, or `occurredAt` for an event written before it existed. */
export const recordedAt = (metadata: EventMetadata): Date => metadata.recordedAt ?? metadata.occurredAt

/** The version of the schema an event's data was written with: 1 when the metadata does not say. */
export const schemaVersion = (metadata: EventMetadata): number => metadata.schemaVersion ?? 1

/** Metadata as JSON: `occurredAt` and `recordedAt` as ISO-8601 strings. */
export type EventMetadataEncoded = typeof EventMetadata.Encoded

/** An event on its way into the store, already encoded. */
export interface EventToAppend {
  readonly eventId: string
  readonly type: string
  /** The encoded event: plain JSON values only. */
  readonly data: unknown
  readonly metadata: EventMetadata
}

/** Where an event sits: its stream, its 1-based version in that stream, its global position. */
export interface EventPosition {
  readonly eventId: string
  readonly streamId: string
  /** 1-based and contiguous within the stream. */
  readonly streamVersion: number
  /** Strictly increasing across the whole store, starting at 1. */
  readonly position: number
}

/** An event as read back from the store, its data still encoded. */
export interface StoredEvent extends EventPosition {
  readonly type: string
  readonly data: unknown
  readonly metadata: EventMetadata
}

/** An event as read back from the store, decoded into the catalogue's type `E`. */
export interface RecordedEvent<E> extends EventPosition {
  readonly type: string
  readonly event: E
  readonly metadata: EventMetadata
}

/** Schema of a stored event's envelope, for adapters that decode rows. */
export const StoredEventSchema = Schema.Struct({
  eventId: Schema.NonEmptyString,
  streamId: Schema.NonEmptyString,
  streamVersion: Schema.Int.pipe(Schema.greaterThanOrEqualTo(1)),
  position: Schema.Int.pipe(Schema.greaterThanOrEqualTo(1)),
  type: Schema.NonEmptyString,
  data: Schema.Unknown,
  metadata: EventMetadata
})
