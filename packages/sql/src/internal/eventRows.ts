import * as Either from "effect/Either"
import * as ParseResult from "effect/ParseResult"
import * as Predicate from "effect/Predicate"
import * as Schema from "effect/Schema"
import { EventStoreAdapter, EventStoreError, type RecordedEvent } from "@kemitraan/eventsourcing"
import { type Dialect, integerOf } from "./dialect.js"

/** The columns every event query selects, in the order of {@link EventRow}: data and metadata as their stored text. */
export const eventColumnsOf = (dialect: Dialect): string =>
  `position, stream_id, stream_version, event_id, type, ${dialect.jsonText("data")}, ${dialect.jsonText("metadata")}`

/** An `events` row as SQLite returns it in raw mode: {@link eventColumnsOf}, data and metadata as JSON text. */
type EventRow = readonly [
  position: number,
  streamId: string,
  streamVersion: number,
  eventId: string,
  type: string,
  data: string,
  metadata: string
]

const isEventRow = (u: unknown): u is EventRow =>
  Array.isArray(u) &&
  u.length === 7 &&
  typeof u[0] === "number" &&
  typeof u[1] === "string" &&
  typeof u[2] === "number" &&
  typeof u[3] === "string" &&
  typeof u[4] === "string" &&
  typeof u[5] === "string" &&
  typeof u[6] === "string"

/**
 * The row's schema checks the column types in one guard: a `Schema.Tuple` of the same seven
 * columns copies every row and costs more than the rest of reading it. The ranges (positions and
 * versions from 1, non-empty ids) are CHECK constraints of the STRICT table, which no row breaks.
 */
const EventRowSchema = Schema.declare(isEventRow, {
  identifier: "EventRow",
  description: "[position, stream_id, stream_version, event_id, type, data, metadata]: numbers and strings"
})

const decodeRow = Schema.decodeUnknownEither(EventRowSchema)
const decodeDataSlowly = Schema.decodeUnknownEither(Schema.parseJson())

/** No data is `undefined` as JSON: it marks text that does not parse, to be explained by the schema. */
const parseData = (text: string): unknown => {
  try {
    return JSON.parse(text)
  } catch {
    return undefined
  }
}

const isInteger = (u: unknown): u is number => Number.isSafeInteger(u)

const field = <A>(row: ReadonlyArray<unknown>, index: number, guard: (u: unknown) => u is A, fallback: A): A => {
  const value = row[index]
  return guard(value) ? value : fallback
}

/** A decode error naming as much of the row's place as the row itself still tells. */
const decodeError = (
  row: ReadonlyArray<unknown>,
  what: string,
  failed: Either.Either<unknown, ParseResult.ParseError>
): EventStoreError.EventDecodeError =>
  new EventStoreError.EventDecodeError({
    position: field(row, 0, isInteger, -1),
    streamId: field(row, 1, Predicate.isString, "?"),
    streamVersion: field(row, 2, isInteger, -1),
    eventType: field(row, 4, Predicate.isString, "?"),
    reason: Either.isLeft(failed) ? `${what}: ${ParseResult.TreeFormatter.formatErrorSync(failed.left)}` : what
  })

/**
 * A stored event read from a row. A class rather than an object literal: V8 tracks the objects an
 * object literal makes, and when most of them outlive a young-generation collection (a page's
 * events live until the page is folded) it allocates all later ones straight into the old
 * generation ("pretenuring"). Each page's events then stay behind as old garbage until a full
 * collection, and hold the young JSON values they point to alive with them: folding a million
 * events that way peaked at about 440 MB instead of 260 MB. Objects made by `new` are not tracked so.
 */
class StoredRow implements RecordedEvent.StoredEvent {
  constructor(
    readonly eventId: string,
    readonly streamId: string,
    readonly streamVersion: number,
    readonly position: number,
    readonly type: string,
    readonly data: unknown,
    readonly metadata: RecordedEvent.EventMetadata
  ) {}
}

/**
 * Decodes `events` rows (arrays of {@link eventColumnsOf}) into stored events, failing at the first
 * that does not decode. The events of one append share their metadata text, so a run of equal
 * texts is decoded once and its value shared.
 */
export const decodeRows = (
  rows: ReadonlyArray<ReadonlyArray<unknown>>
): Either.Either<Array<RecordedEvent.StoredEvent>, EventStoreError.EventDecodeError> => {
  const out: Array<RecordedEvent.StoredEvent> = []
  let lastMetadataText: string | undefined
  let metadata: RecordedEvent.EventMetadata | undefined
  for (const given of rows) {
    // PostgreSQL's bigint position arrives as decimal text: a number when it is a safe integer.
    const raw = typeof given[0] === "string" ? [integerOf(given[0]), ...given.slice(1)] : given
    // The row's guard (the schema's own predicate, called directly) answers a boolean on the way
    // that succeeds, so that a page allocates nothing per row for it; the schema runs only to
    // explain a failure.
    if (!isEventRow(raw)) return Either.left(decodeError(raw, "the row does not fit the events table", decodeRow(raw)))
    const [position, streamId, streamVersion, eventId, type, dataText, metadataText] = raw
    if (metadata === undefined || metadataText !== lastMetadataText) {
      const decoded = EventStoreAdapter.decodeMetadataJson(metadataText)
      if (Either.isLeft(decoded)) return Either.left(decodeError(raw, "the metadata does not decode", decoded))
      metadata = decoded.right
      lastMetadataText = metadataText
    }
    const data = parseData(dataText)
    if (data === undefined)
      return Either.left(decodeError(raw, "the data is not valid JSON", decodeDataSlowly(dataText)))
    out.push(new StoredRow(eventId, streamId, streamVersion, position, type, data, metadata))
  }
  return Either.right(out)
}
