/**
 * An event catalogue: the tagged events of one domain as Effect Schemas. It encodes events on their
 * way into the store and decodes them on their way out, one decoder per event type. A decoder runs
 * a version of the event's schema compiled for valid data (see `internal/compiledDecoder.ts`), and
 * Effect's own decoder for data that is not, so a failure reads as Schema's.
 *
 * Events evolve: each event type has a schema version (1 unless declared with {@link versioned}),
 * written into the metadata of every event the catalogue encodes. Data written with an older
 * version is upcast on read, one version at a time, before it is decoded; data written by a later
 * release than this one fails to decode, naming both versions.
 *
 * @since 0.1.0
 */
import * as Either from "effect/Either"
import * as ParseResult from "effect/ParseResult"
import type * as Schema from "effect/Schema"
import * as SchemaAST from "effect/SchemaAST"
import { EventDecodeError, EventEncodeError } from "./EventStoreError.js"
import { decoderFor, encoderFor } from "./internal/compiledDecoder.js"
import { type RecordedEvent, schemaVersion, type StoredEvent } from "./RecordedEvent.js"

/** A schema of one tagged event: its type side has a literal `_tag`, and it needs no services. */
export type EventSchema = Schema.Schema.AnyNoContext & {
  readonly Type: { readonly _tag: string }
}

/** Turns the encoded data of one version of an event into the encoded data of the next version. */
export type Upcast = (data: unknown) => unknown

/**
 * An event schema at a version above 1, with the upcasts that bring the data of each older version
 * to the next: `upcasts[0]` turns version 1 into version 2, and so on.
 */
export interface Versioned<S extends EventSchema = EventSchema> {
  readonly schema: S
  readonly version: number
  readonly upcasts: ReadonlyArray<Upcast>
}

/**
 * Declares the current schema of an event type and how data of its older versions is upcast: its
 * version is one more than the number of upcasts. An upcast sees plain JSON and returns plain JSON;
 * it should leave data it does not recognise alone, so that the schema names what is wrong.
 */
export const versioned = <S extends EventSchema>(schema: S, ...upcasts: ReadonlyArray<Upcast>): Versioned<S> => ({
  schema,
  version: upcasts.length + 1,
  upcasts
})

/** A member of a catalogue: an event schema (version 1) or a {@link Versioned} one. */
export type Member = EventSchema | Versioned

/** The schema of a member. */
export type SchemaOf<M extends Member> = M extends Versioned<infer S> ? S : M

const isVersioned = (member: Member): member is Versioned => "upcasts" in member && "schema" in member

/** The encoded form of an event, ready for the store, with the version of its schema. */
export interface EncodedEvent {
  readonly type: string
  readonly data: unknown
  readonly schemaVersion: number
}

/** The events of a domain, by type, with their codecs. */
export interface EventCatalog<E extends { readonly _tag: string }> {
  /** The event types in the catalogue, in declaration order. */
  readonly types: ReadonlyArray<E["_tag"]>
  /** The schema of one event type. */
  readonly schemaOf: (type: string) => Schema.Schema.AnyNoContext | undefined
  /** The version of an event type's schema this catalogue writes (1 for a type it does not know). */
  readonly versionOf: (type: string) => number
  /** Whether a stored event type belongs to this catalogue. */
  readonly has: (type: string) => boolean
  /** Encodes an event for the store. */
  readonly encode: (event: E) => Either.Either<EncodedEvent, ParseResult.ParseError>
  /** Decodes the data of a stored event of type `type`, written with `version` (default: the current one). */
  readonly decodeData: (
    type: string,
    data: unknown,
    version?: number
  ) => Either.Either<E, ParseResult.ParseError | string>
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

/** Brings data written with `from` up to the current version, or says why it cannot. */
const upcastData = (
  type: string,
  versioned: Versioned,
  from: number,
  data: unknown
): Either.Either<unknown, string> => {
  if (!Number.isSafeInteger(from) || from < 1 || from > versioned.version) {
    return Either.left(
      `event type "${type}" was written with schema version ${from}; this catalogue reads versions 1 to ${versioned.version}`
    )
  }
  let current = data
  for (let version = from; version < versioned.version; version++) {
    const upcast = versioned.upcasts[version - 1]!
    try {
      current = upcast(current)
    } catch (error) {
      const reason = error instanceof Error ? error.message : "it threw"
      return Either.left(`upcasting "${type}" from schema version ${version} failed: ${reason}`)
    }
  }
  return Either.right(current)
}

/**
 * Makes a catalogue from tagged event schemas (`Schema.TaggedStruct` or `Schema.TaggedClass`), each
 * given as it is (version 1) or through {@link versioned}. Event types must be unique.
 */
export const make = <const Members extends ReadonlyArray<Member>>(
  ...members: Members
): EventCatalog<Schema.Schema.Type<SchemaOf<Members[number]>>> => {
  type E = Schema.Schema.Type<SchemaOf<Members[number]>>
  const decoders = new Map<string, (u: unknown) => Either.Either<E, ParseResult.ParseError>>()
  const encoders = new Map<string, (e: E) => Either.Either<unknown, ParseResult.ParseError>>()
  const schemas = new Map<string, Schema.Schema.AnyNoContext>()
  const versions = new Map<string, Versioned>()
  const types: Array<E["_tag"]> = []
  for (const member of members) {
    const entry: Versioned = isVersioned(member) ? member : { schema: member, version: 1, upcasts: [] }
    const schema = entry.schema
    const type = tagOf(schema)
    if (schemas.has(type)) throw new Error(`EventCatalog.make: event type "${type}" is declared twice`)
    schemas.set(type, schema)
    versions.set(type, entry)
    types.push(type)
  }
  // A type's decoder and encoder are made the first time they are used, and kept: a process holds
  // them for as long as it runs, and one that only reads (a rebuild) never uses the encoders, nor
  // the catalogues it does not decode with (docs/performance.md, "Issue 10, stop 21").
  const onFirstUse =
    <F>(made: Map<string, F>, make: (schema: Schema.Schema.AnyNoContext) => F) =>
    (type: string): F | undefined => {
      let codec = made.get(type)
      if (codec === undefined) {
        const schema = schemas.get(type)
        if (schema === undefined) return undefined
        codec = make(schema)
        made.set(type, codec)
      }
      return codec
    }
  const decoderOf = onFirstUse(decoders, decoderFor)
  // Compiled for events that encode as themselves (no transformation), as decoding is.
  const encoderOf = onFirstUse(encoders, encoderFor)
  const versionOf = (type: string): number => versions.get(type)?.version ?? 1

  const encode = (event: E): Either.Either<EncodedEvent, ParseResult.ParseError> => {
    const encoder = encoderOf(event._tag)
    if (encoder === undefined) {
      return Either.left(
        ParseResult.parseError(new ParseResult.Unexpected(event, `event type "${event._tag}" is not in the catalogue`))
      )
    }
    const schemaVersion = versionOf(event._tag)
    return Either.map(encoder(event), (data) => ({ type: event._tag, data, schemaVersion }))
  }

  const decodeData = (
    type: string,
    data: unknown,
    version?: number
  ): Either.Either<E, ParseResult.ParseError | string> => {
    const decoder = decoderOf(type)
    const versioned = versions.get(type)
    if (decoder === undefined || versioned === undefined) {
      return Either.left(`event type "${type}" is not in the catalogue`)
    }
    if (version === undefined || version === versioned.version) return decoder(data)
    return Either.flatMap(upcastData(type, versioned, version, data), decoder)
  }

  return {
    types,
    schemaOf: (type) => schemas.get(type),
    versionOf,
    has: (type) => schemas.has(type),
    encode,
    decodeData,
    decode: (stored) => {
      const decoded = decodeData(stored.type, stored.data, schemaVersion(stored.metadata))
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
