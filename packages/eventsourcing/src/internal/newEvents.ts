/**
 * The events an append writes, built from domain events: their metadata, field by field, and the
 * encoding loop of every typed append (`EventStore.encodeAll`, and the command handler's, which
 * builds each schema version's metadata from the command's instants and options at once: a copy
 * of built metadata with its version spread in cost about a microsecond a command).
 */
import * as Either from "effect/Either"
import type { Instants } from "../CommandTime.js"
import type { EventCatalog } from "../EventCatalog.js"
import type { EventEncodeError } from "../EventStoreError.js"
import type { MetadataOptions } from "../EventStore.js"
import type { EventMetadata, EventToAppend } from "../RecordedEvent.js"

/**
 * The metadata of new events that happened and are recorded at `time`: the instants, then the
 * fields of `options` that are set (`commandHash` given apart), then `schemaVersion` if given.
 */
export const metadataOf = (
  time: Instants,
  options: MetadataOptions | undefined,
  commandHash: string | undefined,
  schemaVersion: number | undefined
): EventMetadata => {
  // Field by field, the absent ones left out: it runs for every command.
  const metadata: { -readonly [K in keyof EventMetadata]: EventMetadata[K] } = {
    occurredAt: time.occurredAt,
    recordedAt: time.recordedAt
  }
  if (options !== undefined) {
    if (options.correlationId !== undefined) metadata.correlationId = options.correlationId
    if (options.causationId !== undefined) metadata.causationId = options.causationId
    if (options.commandId !== undefined) metadata.commandId = options.commandId
  }
  if (commandHash !== undefined) metadata.commandHash = commandHash
  if (options?.provenance !== undefined) metadata.provenance = options.provenance
  if (schemaVersion !== undefined) metadata.schemaVersion = schemaVersion
  return metadata
}

/**
 * Encodes domain events through a catalogue into what the store takes, each with the metadata
 * `metadataFor` builds for its schema's version: one object a version, shared by the events of
 * that version. Event ids come from `eventIds`; missing ones are generated.
 */
export const encodeWith = <E extends { readonly _tag: string }>(
  catalog: EventCatalog<E>,
  streamId: string,
  events: ReadonlyArray<E>,
  eventIds: ReadonlyArray<string> | undefined,
  metadataFor: (schemaVersion: number) => EventMetadata
): Either.Either<Array<EventToAppend>, EventEncodeError> => {
  const toAppend: Array<EventToAppend> = []
  // The metadata built so far, one a schema version: a command's events have one or two.
  const built: Array<EventMetadata> = []
  for (let i = 0; i < events.length; i++) {
    const encoded = catalog.encodeFor(streamId, events[i]!)
    if (Either.isLeft(encoded)) return Either.left(encoded.left)
    const { schemaVersion } = encoded.right
    let metadata = built.find((made) => made.schemaVersion === schemaVersion)
    if (metadata === undefined) {
      metadata = metadataFor(schemaVersion)
      built.push(metadata)
    }
    toAppend.push({
      eventId: eventIds?.[i] ?? crypto.randomUUID(),
      type: encoded.right.type,
      data: encoded.right.data,
      metadata
    })
  }
  return Either.right(toAppend)
}
