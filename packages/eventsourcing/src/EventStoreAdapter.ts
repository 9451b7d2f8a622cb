/**
 * Building blocks for event-store adapters: the checks every adapter must make, written once so
 * that the in-memory and SQLite stores enforce the same contract the same way.
 *
 * @since 0.1.0
 */
import { Effect, Either, type ParseResult, Schema } from "effect"
import type { AppendResult } from "./EventStore.js"
import { isSatisfiedBy, type ExpectedVersion } from "./ExpectedVersion.js"
import { EventIdConflict, InvalidStoreRequest, WrongExpectedVersion } from "./EventStoreError.js"
import { decoderFor } from "./internal/compiledDecoder.js"
import { EventMetadata, type EventToAppend, type StoredEvent } from "./RecordedEvent.js"

/** Fails when an append is malformed: an empty stream id, an empty or repeated event id. */
export const validateAppend = (
  streamId: string,
  events: ReadonlyArray<EventToAppend>
): Effect.Effect<void, InvalidStoreRequest> => {
  if (streamId.length === 0) {
    return Effect.fail(new InvalidStoreRequest({ operation: "append", reason: "the stream id is empty" }))
  }
  const seen = new Set<string>()
  for (const event of events) {
    if (event.eventId.length === 0) {
      return Effect.fail(
        new InvalidStoreRequest({
          operation: "append",
          reason: `an event of type "${event.type}" has an empty event id`
        })
      )
    }
    if (seen.has(event.eventId)) {
      return Effect.fail(
        new InvalidStoreRequest({
          operation: "append",
          reason: `event id "${event.eventId}" appears twice in one append to stream "${streamId}"`
        })
      )
    }
    seen.add(event.eventId)
  }
  return Effect.void
}

/** What an adapter should do with an append once it knows which of its event ids exist already. */
export type RetryCheck = { readonly _tag: "New" } | { readonly _tag: "AlreadyAppended"; readonly result: AppendResult }

const sameContent = (stored: StoredEvent, event: EventToAppend): boolean =>
  stored.type === event.type && JSON.stringify(stored.data) === JSON.stringify(event.data)

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
          eventId: event.eventId,
          streamId,
          existingStreamId: found.streamId,
          existingPosition: found.position
        })
      )
    if (stored === undefined) {
      // Part of the append is stored and part is not: not a retry of the same append.
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
    result: { streamVersion: last.streamVersion, position: last.position }
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
  numbers: Readonly<Record<string, number | undefined>>
): Effect.Effect<void, InvalidStoreRequest> => {
  for (const [name, value] of Object.entries(numbers)) {
    if (value !== undefined && (!Number.isSafeInteger(value) || value < 0)) {
      return Effect.fail(
        new InvalidStoreRequest({ operation, reason: `${name} must be a non-negative integer, got ${value}` })
      )
    }
  }
  return Effect.void
}

/**
 * Decodes an event's metadata from the JSON text a store keeps it as, with the compiled decoder the
 * catalogue uses for events (see `docs/decisions/0006-compiled-event-decoders.md`): Schema's
 * checks, at a fraction of the cost, and Schema's own error when they fail.
 */
export const decodeMetadataJson: (text: string) => Either.Either<EventMetadata, ParseResult.ParseError> = decoderFor(
  Schema.parseJson(EventMetadata)
)
