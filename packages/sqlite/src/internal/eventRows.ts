import { Either, ParseResult, Predicate, Schema } from "effect"
import { EventStoreError, RecordedEvent } from "@kemitraan/eventsourcing"

/** The columns every event query selects, in the order {@link decodeRows} expects. */
export const eventColumns = "position, stream_id, stream_version, event_id, type, data, metadata"

/** An `events` row as SQLite returns it: data and metadata still JSON text. */
const EventRow = Schema.Struct({
  position: Schema.Int.pipe(Schema.greaterThanOrEqualTo(1)),
  stream_id: Schema.NonEmptyString,
  stream_version: Schema.Int.pipe(Schema.greaterThanOrEqualTo(1)),
  event_id: Schema.NonEmptyString,
  type: Schema.NonEmptyString,
  data: Schema.String,
  metadata: Schema.String
})

const decodeRow = Schema.decodeUnknownEither(EventRow)
const decodeData = Schema.decodeUnknownEither(Schema.parseJson())
const decodeMetadata = Schema.decodeUnknownEither(Schema.parseJson(RecordedEvent.EventMetadata))

const isInteger = (u: unknown): u is number => Number.isSafeInteger(u)

const field = <A>(row: unknown, name: string, guard: (u: unknown) => u is A, fallback: A): A => {
  const value = Predicate.hasProperty(row, name) ? row[name] : undefined
  return guard(value) ? value : fallback
}

/** A decode error naming as much of the row's place as the row itself still tells. */
const decodeError = (row: unknown, what: string, error: ParseResult.ParseError): EventStoreError.EventDecodeError =>
  new EventStoreError.EventDecodeError({
    position: field(row, "position", isInteger, -1),
    streamId: field(row, "stream_id", Predicate.isString, "?"),
    streamVersion: field(row, "stream_version", isInteger, -1),
    eventType: field(row, "type", Predicate.isString, "?"),
    reason: `${what}: ${ParseResult.TreeFormatter.formatErrorSync(error)}`
  })

/**
 * Decodes `events` rows into stored events, failing at the first that does not decode. The events
 * of one append share their metadata text, so a run of equal texts is decoded once.
 */
export const decodeRows = (
  rows: ReadonlyArray<unknown>
): Either.Either<Array<RecordedEvent.StoredEvent>, EventStoreError.EventDecodeError> => {
  const out: Array<RecordedEvent.StoredEvent> = []
  let metadataText: string | undefined
  let metadata: RecordedEvent.EventMetadata | undefined
  for (const raw of rows) {
    const row = decodeRow(raw)
    if (Either.isLeft(row)) return Either.left(decodeError(raw, "the row does not fit the events table", row.left))
    const { data: dataText, metadata: rowMetadata } = row.right
    if (metadata === undefined || rowMetadata !== metadataText) {
      const decoded = decodeMetadata(rowMetadata)
      if (Either.isLeft(decoded)) return Either.left(decodeError(raw, "the metadata does not decode", decoded.left))
      metadata = decoded.right
      metadataText = rowMetadata
    }
    const data = decodeData(dataText)
    if (Either.isLeft(data)) return Either.left(decodeError(raw, "the data is not valid JSON", data.left))
    out.push({
      eventId: row.right.event_id,
      streamId: row.right.stream_id,
      streamVersion: row.right.stream_version,
      position: row.right.position,
      type: row.right.type,
      data: data.right,
      metadata
    })
  }
  return Either.right(out)
}
