import * as Either from "effect/Either"
import * as ParseResult from "effect/ParseResult"
import * as Schema from "effect/Schema"
import { EventStoreAdapter, EventStoreError, RecordedEvent } from "@kemitraan/eventsourcing"
import type { EncodedEvent } from "../SqlDriver.js"
import { stringify } from "./json.js"

const encodeMetadataSlowly = Schema.encodeEither(Schema.parseJson(RecordedEvent.EventMetadata))

const isOptionalString = (u: unknown): boolean => u === undefined || typeof u === "string"

const isDate = (u: unknown): u is Date => u instanceof Date && !Number.isNaN(u.getTime())

/**
 * The metadata's JSON text as the schema encodes it (the same bytes: the instants as ISO 8601, the
 * fields in the schema's order, absent ones left out, other keys dropped), without the schema, or
 * `undefined` when the metadata does not fit it: the schema then says why. `recordedText` writes
 * the instant it was recorded at (the store's, which keeps the last one: appends one after the
 * other often fall in one millisecond, the one the store then records them at).
 */
export const metadataText = (
  metadata: RecordedEvent.EventMetadata,
  recordedText: (millis: number) => string = EventStoreAdapter.isoText
): string | undefined => {
  const { causationId, commandHash, commandId, correlationId, occurredAt, provenance, recordedAt, schemaVersion } =
    metadata
  if (!isDate(occurredAt) || (recordedAt !== undefined && !isDate(recordedAt))) return undefined
  if (schemaVersion !== undefined && !(Number.isSafeInteger(schemaVersion) && schemaVersion >= 1)) return undefined
  if (
    !isOptionalString(correlationId) ||
    !isOptionalString(causationId) ||
    !isOptionalString(commandId) ||
    !isOptionalString(commandHash) ||
    !isOptionalString(provenance)
  ) {
    return undefined
  }
  // Written field by field, as `JSON.stringify` of the object would: an ISO instant needs no
  // escaping, each string is quoted by `JSON.stringify`. A command's two instants are often one.
  const occurredMillis = occurredAt.getTime()
  const occurred = EventStoreAdapter.isoText(occurredMillis)
  let text = `{"occurredAt":"${occurred}"`
  if (recordedAt !== undefined) {
    const recordedMillis = recordedAt.getTime()
    const recorded = recordedMillis === occurredMillis ? occurred : recordedText(recordedMillis)
    text += `,"recordedAt":"${recorded}"`
  }
  if (schemaVersion !== undefined) text += `,"schemaVersion":${schemaVersion}`
  if (correlationId !== undefined) text += `,"correlationId":${JSON.stringify(correlationId)}`
  if (causationId !== undefined) text += `,"causationId":${JSON.stringify(causationId)}`
  if (commandId !== undefined) text += `,"commandId":${JSON.stringify(commandId)}`
  if (commandHash !== undefined) text += `,"commandHash":${JSON.stringify(commandHash)}`
  if (provenance !== undefined) text += `,"provenance":${JSON.stringify(provenance)}`
  return `${text}}`
}

const encodeMetadata = (metadata: RecordedEvent.EventMetadata, recordedText: (millis: number) => string) => {
  const text = metadataText(metadata, recordedText)
  return text === undefined ? encodeMetadataSlowly(metadata) : Either.right(text)
}

const invalid = (streamId: string, event: RecordedEvent.EventToAppend, reason: string) =>
  new EventStoreError.InvalidStoreRequest({
    operation: "append",
    reason: `event "${event.eventId}" of type "${event.type}" for stream "${streamId}": ${reason}`
  })

/**
 * Encodes the events of an append as JSON text. Events that share one metadata object (the events
 * of one command do) share one encoding. `recordedText` writes the instants they were recorded at
 * (see {@link metadataText}).
 */
export const encodeEvents = (
  streamId: string,
  events: ReadonlyArray<RecordedEvent.EventToAppend>,
  recordedText: (millis: number) => string = EventStoreAdapter.isoText
): Either.Either<Array<EncodedEvent>, EventStoreError.InvalidStoreRequest> => {
  const out: Array<EncodedEvent> = []
  let lastMetadata: RecordedEvent.EventMetadata | undefined
  let lastText = ""
  for (const event of events) {
    if (event.metadata !== lastMetadata) {
      const encoded = encodeMetadata(event.metadata, recordedText)
      if (Either.isLeft(encoded)) {
        const reason = ParseResult.TreeFormatter.formatErrorSync(encoded.left)
        return Either.left(invalid(streamId, event, `the metadata does not encode: ${reason}`))
      }
      lastMetadata = event.metadata
      lastText = encoded.right
    }
    const data = stringify(event.data)
    if (data === undefined) return Either.left(invalid(streamId, event, "the data is not JSON"))
    out.push({ eventId: event.eventId, type: event.type, data, metadata: lastText })
  }
  return Either.right(out)
}
