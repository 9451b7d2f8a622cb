/**
 * Building blocks for event-store adapters: the checks every adapter must make, written once so
 * that the in-memory and SQLite stores enforce the same contract the same way.
 *
 * @since 0.1.0
 */
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Schema from "effect/Schema"
import type { ParseResult } from "effect"
import type { AppendResult } from "./EventStore.js"
import { isSatisfiedBy, type ExpectedVersion } from "./ExpectedVersion.js"
import { EventIdConflict, InvalidStoreRequest, WrongExpectedVersion } from "./EventStoreError.js"
import { decoderFor } from "./internal/compiledDecoder.js"
import { isoText as isoTextOf } from "./internal/isoText.js"
import { isWellFormed, jsonProblem, maxDepth } from "./internal/storable.js"
import { EventMetadata, type EventToAppend, type StoredEvent } from "./RecordedEvent.js"

/**
 * The ISO 8601 text of an instant (milliseconds since the epoch) as `new Date(millis).toISOString()`
 * writes it, and as the schemas write `metadata.occurredAt` and `recordedAt`, at a fraction of its
 * cost for the years 0 to 9999: for an adapter that writes instants as text.
 */
export const isoText: (millis: number) => string = isoTextOf

/** The deepest nesting of arrays and objects an event's data may have; a cycle always exceeds it. */
export const maxDataDepth = maxDepth

const invalidAppend = (reason: string) => new InvalidStoreRequest({ operation: "append", reason })

/** Whether an id, a type or a stream id can be stored as given: {@link nameProblem} has none. */
const isName = (name: unknown): boolean => typeof name === "string" && name.length > 0 && isWellFormed(name)

/** Why an id, a type or a stream id cannot be stored as given, or `undefined`. */
const nameProblem = (what: string, name: unknown): string | undefined =>
  typeof name !== "string"
    ? `${what} is not a string`
    : name.length === 0
      ? `${what} is empty`
      : isWellFormed(name)
        ? undefined
        : `${what} ${JSON.stringify(name)} has a lone UTF-16 surrogate, which a store cannot keep`

/** Why an expected version is not one of the four, or `undefined`. */
export const expectedVersionProblem = (expected: unknown): string | undefined => {
  if (typeof expected !== "object" || expected === null) return "the expected version is not an ExpectedVersion"
  const { _tag, version } = expected as { readonly _tag?: unknown; readonly version?: unknown }
  if (_tag === "Any" || _tag === "NoStream" || _tag === "StreamExists") return undefined
  if (_tag !== "Exact") return `the expected version has an unknown tag ${String(_tag)}`
  return typeof version === "number" && Number.isSafeInteger(version) && version >= 0
    ? undefined
    : `the exact expected version must be a non-negative integer, got ${String(version)}`
}

/**
 * Why an event's metadata does not read back as given, or `undefined`. Its own keys in the order
 * `Object.keys` lists them, without the array: it runs for every append.
 */
const metadataProblem = (metadata: unknown): string | undefined => {
  if (typeof metadata !== "object" || metadata === null) return "the metadata is not an object"
  for (const key in metadata) {
    if (!Object.hasOwn(metadata, key)) continue
    const problem = metadataFieldProblem(key, (metadata as Record<string, unknown>)[key])
    if (problem !== undefined) return problem
  }
  return "occurredAt" in metadata ? undefined : "the metadata has no occurredAt"
}

/** Why one field of an event's metadata does not read back as given, or `undefined`. */
const metadataFieldProblem = (key: string, value: unknown): string | undefined => {
  switch (key) {
    case "occurredAt":
    case "recordedAt":
      return value instanceof Date && !Number.isNaN(value.getTime()) ? undefined : `metadata.${key} is not a valid Date`
    case "schemaVersion":
      return typeof value === "number" && Number.isSafeInteger(value) && value >= 1
        ? undefined
        : "metadata.schemaVersion is not a positive integer"
    case "correlationId":
    case "causationId":
    case "commandId":
    case "commandHash":
    case "provenance":
      // The field's name is written out only for a value that fails.
      return isName(value) ? undefined : nameProblem(`metadata.${key}`, value)
    default:
      return `the metadata has an unknown field "${key}"`
  }
}

/**
 * Fails when an append is malformed or would not read back exactly as given: the same rules on
 * every adapter. Stream ids, event ids and types must be non-empty, well-formed strings; the
 * expected version one of the four; event ids unique within the append; the data a JSON value
 * that survives a round trip through JSON text unchanged (no NaN, ±Infinity, -0, `undefined`,
 * `bigint`, `Date`, `Map`, sparse arrays, lone surrogates, nor nesting deeper than
 * {@link maxDataDepth}); the metadata `occurredAt` (a valid `Date`), optional `recordedAt` (a valid
 * `Date`) and `schemaVersion` (a positive integer), and optional well-formed strings.
 * A plain loop, no Schema: it runs on every append.
 */
export const validateAppend = (
  streamId: string,
  events: ReadonlyArray<EventToAppend>,
  expected: ExpectedVersion
): Effect.Effect<void, InvalidStoreRequest> => {
  const invalid = appendProblem(streamId, events, expected)
  return invalid === undefined ? Effect.void : Effect.fail(invalid)
}

/** {@link validateAppend} as a plain function: the error, or `undefined` when the append is well formed. */
export const appendProblem = (
  streamId: string,
  events: ReadonlyArray<EventToAppend>,
  expected: ExpectedVersion
): InvalidStoreRequest | undefined => {
  const streamProblem = nameProblem("the stream id", streamId)
  if (streamProblem !== undefined) return invalidAppend(streamProblem)
  const versionProblem = expectedVersionProblem(expected)
  if (versionProblem !== undefined) return invalidAppend(`${versionProblem} (stream "${streamId}")`)
  if (!Array.isArray(events)) return invalidAppend(`the events of stream "${streamId}" are not an array`)
  // One event (a one-event command's) needs no set to find ids that appear twice.
  const seen = events.length > 1 ? new Set<string>() : undefined
  for (let i = 0; i < events.length; i++) {
    const problem = eventProblem(events[i], seen)
    if (problem !== undefined) return invalidAppend(`event ${i + 1} of the append to stream "${streamId}": ${problem}`)
  }
  return undefined
}

const eventProblem = (event: EventToAppend | undefined, seen: Set<string> | undefined): string | undefined => {
  if (typeof event !== "object" || event === null) return "not an event"
  const idProblem = nameProblem("the event id", event.eventId)
  if (idProblem !== undefined) return idProblem
  if (seen?.has(event.eventId) === true) return `event id "${event.eventId}" appears twice in one append`
  seen?.add(event.eventId)
  const problem = nameProblem("the type", event.type) ?? metadataProblem(event.metadata)
  if (problem !== undefined) return `(id "${event.eventId}") ${problem}`
  const dataProblem = jsonProblem(event.data, "data")
  return dataProblem === undefined ? undefined : `(id "${event.eventId}") ${dataProblem}`
}

/** What an adapter should do with an append once it knows which of its event ids exist already. */
export type RetryCheck = { readonly _tag: "New" } | { readonly _tag: "AlreadyAppended"; readonly result: AppendResult }

/**
 * Whether a stored event is what a retry resends: the same type, data and strings of the metadata.
 * Its instants (`occurredAt`, `recordedAt`) are not part of an event's identity: a retry reads the
 * clock again, and the store keeps the first append's. Another correlation, causation or command
 * id, command hash, provenance or schema version is a conflict.
 */
const sameContent = (stored: StoredEvent, event: EventToAppend): boolean =>
  stored.type === event.type &&
  stored.metadata.commandId === event.metadata.commandId &&
  stored.metadata.correlationId === event.metadata.correlationId &&
  stored.metadata.causationId === event.metadata.causationId &&
  stored.metadata.commandHash === event.metadata.commandHash &&
  stored.metadata.provenance === event.metadata.provenance &&
  stored.metadata.schemaVersion === event.metadata.schemaVersion &&
  JSON.stringify(stored.data) === JSON.stringify(event.data)

/**
 * Decides whether an append whose event ids may already be stored is new, a retry of an append that
 * already succeeded (same ids, same content, same places: nothing to write), or a conflict.
 * `existing[i]` is the stored event with the id of `events[i]`, if any; `currentVersion` is the
 * stream's version now. Adapters call this inside their write transaction.
 */
export const checkRetry = (
  streamId: string,
  expected: ExpectedVersion,
  currentVersion: number,
  events: ReadonlyArray<EventToAppend>,
  existing: ReadonlyArray<StoredEvent | undefined>
): Either.Either<RetryCheck, EventIdConflict | WrongExpectedVersion> => {
  if (existing.every((stored) => stored === undefined)) return Either.right({ _tag: "New" })
  let previous: StoredEvent | undefined
  for (let i = 0; i < events.length; i++) {
    const event = events[i]!
    const stored = existing[i]
    const conflict = (found: StoredEvent) =>
      Either.left(
        new EventIdConflict({
          eventId: found.eventId,
          streamId,
          existingStreamId: found.streamId,
          existingPosition: found.position
        })
      )
    if (stored === undefined) {
      // Part of the append is stored and part is not: not a retry of the same append. The error
      // names an id that is taken, not this free one.
      const found = existing.find((s) => s !== undefined)!
      return conflict(found)
    }
    if (stored.streamId !== streamId || !sameContent(stored, event)) return conflict(stored)
    if (previous !== undefined && stored.streamVersion !== previous.streamVersion + 1) return conflict(stored)
    previous = stored
  }
  const first = existing[0]!
  const last = previous!
  // The first append met (or missed) the expectation at the version the stream had before it.
  return Either.map(checkExpected(streamId, expected, first.streamVersion - 1, currentVersion), (): RetryCheck => ({
    _tag: "AlreadyAppended",
    result: { streamVersion: last.streamVersion, position: last.position, alreadyAppended: true }
  }))
}

/**
 * Fails with {@link WrongExpectedVersion} unless a stream at `version` satisfies `expected`: the one
 * expected-version check of every adapter. The error reports `current`, which differs from `version`
 * only for a retried append: that is judged at the version its first attempt met, but its caller
 * must reload from where the stream is now.
 */
export const checkExpected = (
  streamId: string,
  expected: ExpectedVersion,
  version: number,
  current: number = version
): Either.Either<void, WrongExpectedVersion> =>
  isSatisfiedBy(expected, version)
    ? Either.void
    : Either.left(new WrongExpectedVersion({ streamId, expected, actual: current }))

/** Fails unless `fromVersion`, `maxCount`, `after` or `limit` are sensible numbers. */
export const validateRead = (
  operation: string,
  numbers: Readonly<Record<string, number | undefined>>,
  positive: Readonly<Record<string, number | undefined>> = {}
): Effect.Effect<void, InvalidStoreRequest> => {
  const problem =
    integerProblem(numbers, 0, "a non-negative integer") ?? integerProblem(positive, 1, "a positive integer")
  return problem === undefined ? Effect.void : Effect.fail(new InvalidStoreRequest({ operation, reason: problem }))
}

const integerProblem = (
  numbers: Readonly<Record<string, number | undefined>>,
  least: number,
  what: string
): string | undefined => {
  for (const [name, value] of Object.entries(numbers)) {
    if (value !== undefined && (typeof value !== "number" || !Number.isSafeInteger(value) || value < least)) {
      return `${name} must be ${what}, got ${String(value)}`
    }
  }
  return undefined
}

/**
 * Fails unless a stream id read or looked up is a well-formed string: a store that cannot keep a
 * lone surrogate would read another stream's events under it.
 */
export const validateStreamId = (operation: string, streamId: string): Effect.Effect<void, InvalidStoreRequest> => {
  const problem =
    typeof streamId === "string" && isWellFormed(streamId) ? undefined : nameProblem("the stream id", streamId)
  return problem === undefined ? Effect.void : Effect.fail(new InvalidStoreRequest({ operation, reason: problem }))
}

/**
 * Decodes an event's metadata from the JSON text a store keeps it as, with the compiled decoder the
 * catalogue uses for events (see `docs/decisions/0006-compiled-event-decoders.md`): Schema's
 * checks, at a fraction of the cost, and Schema's own error when they fail.
 */
export const decodeMetadataJson: (text: string) => Either.Either<EventMetadata, ParseResult.ParseError> = decoderFor(
  Schema.parseJson(EventMetadata)
)
