import { Either, ParseResult, Schema } from "effect"
import { EventStoreError, RecordedEvent } from "@kemitraan/eventsourcing"
import type { EncodedEvent } from "../SqlDriver.js"
import { stringify } from "./json.js"

const encodeMetadata = Schema.encodeEither(Schema.parseJson(RecordedEvent.EventMetadata))

const invalid = (streamId: string, event: RecordedEvent.EventToAppend, reason: string) =>
  new EventStoreError.InvalidStoreRequest({
    operation: "append",
    reason: `event "${event.eventId}" of type "${event.type}" for stream "${streamId}": ${reason}`
  })

/**
 * Encodes the events of an append as JSON text. Events that share one metadata object (the events
 * of one command do) share one encoding.
 */
export const encodeEvents = (
  streamId: string,
  events: ReadonlyArray<RecordedEvent.EventToAppend>
): Either.Either<Array<EncodedEvent>, EventStoreError.InvalidStoreRequest> => {
  const out: Array<EncodedEvent> = []
  let lastMetadata: RecordedEvent.EventMetadata | undefined
  let lastText = ""
  for (const event of events) {
    if (event.metadata !== lastMetadata) {
      const encoded = encodeMetadata(event.metadata)
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
