/**
 * An event catalogue: the tagged events of one domain as Effect Schemas. It encodes events on their
 * way into the store and decodes them on their way out, one decoder per event type. A decoder runs
 * a version of the event's schema compiled for valid data (see `internal/compiledDecoder.ts`), and
 * Effect's own decoder for data that is not, so a failure reads as Schema's.
 *
 * @since 0.1.0
 */
import { Either, ParseResult, Schema, SchemaAST } from "effect"
import { EventDecodeError, EventEncodeError } from "./EventStoreError.js"
import { decoderFor } from "./internal/compiledDecoder.js"
import type { RecordedEvent, StoredEvent } from "./RecordedEvent.js"

/** A schema of one tagged event: its type side has a literal `_tag`, and it needs no services. */
export type EventSchema = Schema.Schema.AnyNoContext & {
  readonly Type: { readonly _tag: string }
}

/** The encoded form of an event, ready for the store. */
export interface EncodedEvent {
  readonly type: string
  readonly data: unknown
}

/** The events of a domain, by type, with their codecs. */
export interface EventCatalog<E extends { readonly _tag: string }> {
  /** The event types in the catalogue, in declaration order. */
  readonly types: ReadonlyArray<E["_tag"]>
  /** The schema of one event type. */
  readonly schemaOf: (type: string) => Schema.Schema.AnyNoContext | undefined
  /** Whether a stored event type belongs to this catalogue. */
  readonly has: (type: string) => boolean
  /** Encodes an event for the store. */
  readonly encode: (event: E) => Either.Either<EncodedEvent, ParseResult.ParseError>
  /** Decodes the data of a stored event of type `type`. */
  readonly decodeData: (type: string, data: unknown) => Either.Either<E, ParseResult.ParseError | string>
  /** Decodes a stored event, naming its place in the store when it fails. */
  readonly decode: (stored: StoredEvent) => Either.Either<RecordedEvent<E>, EventDecodeError>
  /** Encodes an event, naming the stream when it fails. */
  readonly encodeFor: (streamId: string, event: E) => Either.Either<EncodedEvent, EventEncodeError>
}

const tagOf = (schema: Schema.Schema.AnyNoContext): string => {
  const signatures = SchemaAST.getPropertySignatures(SchemaAST.typeAST(schema.ast))
  const tag = signatures.find((signature) => signature.name === "_tag")
  if (tag === undefined || !SchemaAST.isLiteral(tag.type) || typeof tag.type.literal !== "string") {
    throw new Error("EventCatalog.make: every event schema needs a literal string `_tag` field")
  }
  return tag.type.literal
}

/**
 * Makes a catalogue from tagged event schemas (`Schema.TaggedStruct` or `Schema.TaggedClass`).
 * Event types must be unique.
 */
export const make = <const Members extends ReadonlyArray<EventSchema>>(
  ...members: Members
): EventCatalog<Schema.Schema.Type<Members[number]>> => {
  type E = Schema.Schema.Type<Members[number]>
  const decoders = new Map<string, (u: unknown) => Either.Either<E, ParseResult.ParseError>>()
  const encoders = new Map<string, (e: E) => Either.Either<unknown, ParseResult.ParseError>>()
  const schemas = new Map<string, Schema.Schema.AnyNoContext>()
  const types: Array<E["_tag"]> = []
  for (const member of members) {
    const type = tagOf(member)
    if (schemas.has(type)) throw new Error(`EventCatalog.make: event type "${type}" is declared twice`)
    schemas.set(type, member)
    types.push(type)
    decoders.set(type, decoderFor(member))
    const encode = Schema.encodeEither(member)
    encoders.set(type, (e) => encode(e))
  }

  const encode = (event: E): Either.Either<EncodedEvent, ParseResult.ParseError> => {
    const encoder = encoders.get(event._tag)
    if (encoder === undefined) {
      return Either.left(
        ParseResult.parseError(new ParseResult.Unexpected(event, `event type "${event._tag}" is not in the catalogue`))
      )
    }
    return Either.map(encoder(event), (data) => ({ type: event._tag, data }))
  }

  const decodeData = (type: string, data: unknown): Either.Either<E, ParseResult.ParseError | string> => {
    const decoder = decoders.get(type)
    if (decoder === undefined) return Either.left(`event type "${type}" is not in the catalogue`)
    return decoder(data)
  }

  return {
    types,
    schemaOf: (type) => schemas.get(type),
    has: (type) => schemas.has(type),
    encode,
    decodeData,
    decode: (stored) => {
      const decoded = decodeData(stored.type, stored.data)
      if (Either.isLeft(decoded)) {
        const error = decoded.left
        return Either.left(
          new EventDecodeError({
            streamId: stored.streamId,
            streamVersion: stored.streamVersion,
            position: stored.position,
            eventType: stored.type,
            reason: typeof error === "string" ? error : ParseResult.TreeFormatter.formatErrorSync(error)
          })
        )
      }
      return Either.right({
        eventId: stored.eventId,
        streamId: stored.streamId,
        streamVersion: stored.streamVersion,
        position: stored.position,
        type: stored.type,
        event: decoded.right,
        metadata: stored.metadata
      })
    },
    encodeFor: (streamId, event) =>
      Either.mapLeft(
        encode(event),
        (error) =>
          new EventEncodeError({
            streamId,
            eventType: event._tag,
            reason: ParseResult.TreeFormatter.formatErrorSync(error)
          })
      )
  }
}
