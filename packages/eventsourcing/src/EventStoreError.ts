/**
 * The typed failures of an event store. Each carries what a caller needs to act on it.
 *
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"
import { ExpectedVersion, format } from "./ExpectedVersion.js"

/** The stream was not at the version the writer expected: reload, decide again, retry. */
export class WrongExpectedVersion extends Schema.TaggedError<WrongExpectedVersion>(
  "@kemitraan/eventsourcing/WrongExpectedVersion"
)("WrongExpectedVersion", {
  streamId: Schema.String,
  expected: ExpectedVersion,
  actual: Schema.NonNegativeInt
}) {
  override get message(): string {
    return `stream "${this.streamId}" is at version ${this.actual}, but the append expected ${format(this.expected)}`
  }
}

/** An event id already names a different event: a retry must resend the same content. */
export class EventIdConflict extends Schema.TaggedError<EventIdConflict>("@kemitraan/eventsourcing/EventIdConflict")(
  "EventIdConflict",
  {
    eventId: Schema.String,
    streamId: Schema.String,
    existingStreamId: Schema.String,
    existingPosition: Schema.Int
  }
) {
  override get message(): string {
    return `event id "${this.eventId}" appended to stream "${this.streamId}" is already used by a different event at global position ${this.existingPosition} (stream "${this.existingStreamId}")`
  }
}

/** A stored event no longer decodes with the current schema: the position says where. */
export class EventDecodeError extends Schema.TaggedError<EventDecodeError>("@kemitraan/eventsourcing/EventDecodeError")(
  "EventDecodeError",
  {
    streamId: Schema.String,
    streamVersion: Schema.Int,
    position: Schema.Int,
    eventType: Schema.String,
    reason: Schema.String
  }
) {
  override get message(): string {
    return `event "${this.eventType}" at global position ${this.position} (stream "${this.streamId}", version ${this.streamVersion}) does not decode: ${this.reason}`
  }
}

/** The event could not be encoded for storage (it does not fit its own schema). */
export class EventEncodeError extends Schema.TaggedError<EventEncodeError>("@kemitraan/eventsourcing/EventEncodeError")(
  "EventEncodeError",
  {
    streamId: Schema.String,
    eventType: Schema.String,
    reason: Schema.String
  }
) {
  override get message(): string {
    return `event "${this.eventType}" for stream "${this.streamId}" does not encode: ${this.reason}`
  }
}

/** The store stayed locked by another writer for longer than its timeout; nothing was written. */
export class StoreBusy extends Schema.TaggedError<StoreBusy>("@kemitraan/eventsourcing/StoreBusy")("StoreBusy", {
  operation: Schema.String,
  reason: Schema.String
}) {
  override get message(): string {
    return `the store was busy during ${this.operation}: ${this.reason}`
  }
}

/** The store failed for a reason outside the caller's control (I/O, a broken file, a bug). */
export class StoreFailure extends Schema.TaggedError<StoreFailure>("@kemitraan/eventsourcing/StoreFailure")(
  "StoreFailure",
  {
    operation: Schema.String,
    reason: Schema.String,
    cause: Schema.optional(Schema.Defect)
  }
) {
  override get message(): string {
    return `the store failed during ${this.operation}: ${this.reason}`
  }
}

/** An invalid request to the store (an empty stream id, a negative count). */
export class InvalidStoreRequest extends Schema.TaggedError<InvalidStoreRequest>(
  "@kemitraan/eventsourcing/InvalidStoreRequest"
)("InvalidStoreRequest", { operation: Schema.String, reason: Schema.String }) {
  override get message(): string {
    return `invalid ${this.operation}: ${this.reason}`
  }
}

/** Failures any store operation may raise, whatever it is. */
export type StoreError = StoreBusy | StoreFailure | InvalidStoreRequest

/** Failures of an append. */
export type AppendError = WrongExpectedVersion | EventIdConflict | StoreError
