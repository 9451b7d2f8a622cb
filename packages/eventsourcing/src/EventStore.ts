/**
 * The event store service: append with an expected version, read a stream, read the whole log in
 * pages. Adapters (in memory here, SQLite in `@kemitraan/sqlite`) implement {@link EventStore} and
 * must pass the conformance suite of `@kemitraan/eventsourcing/testing`.
 *
 * The service speaks encoded events; {@link appendEvents}, {@link readStreamEvents} and
 * {@link readAllEvents} encode and decode through an {@link EventCatalog}.
 *
 * @since 0.1.0
 */
import * as Chunk from "effect/Chunk"
import * as Context from "effect/Context"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Layer from "effect/Layer"
import * as Option from "effect/Option"
import * as Stream from "effect/Stream"
import * as CommandTime from "./CommandTime.js"
import type { EventCatalog } from "./EventCatalog.js"
import type { ExpectedVersion } from "./ExpectedVersion.js"
import type { AppendError, EventDecodeError, EventEncodeError, StoreError } from "./EventStoreError.js"
import { validateRead } from "./EventStoreAdapter.js"
import { makeMemoryEventStore } from "./internal/memoryEventStore.js"
import { encodeWith, metadataOf } from "./internal/newEvents.js"
import { Cache, makeCache } from "./internal/streamFoldCache.js"
import * as Spans from "./internal/spans.js"
import type { EventMetadata, EventToAppend, RecordedEvent, StoredEvent } from "./RecordedEvent.js"

/** What an append returns: the stream's new version and the global position of its last event. */
export interface AppendResult {
  readonly streamVersion: number
  /** Global position of the last event of the stream after the append (0 if the stream is empty). */
  readonly position: number
  /**
   * True when the append wrote nothing because the same events had been appended before (an
   * idempotent retry): the version and position are then those the first append left.
   */
  readonly alreadyAppended?: true | undefined
}

/** Where to start reading a stream and how much to read. */
export interface ReadStreamOptions {
  /** First stream version to return (1-based, inclusive). Default 1. */
  readonly fromVersion?: number | undefined
  /** Most events to return. Default: all. */
  readonly maxCount?: number | undefined
}

/** Where to start reading the log and how large a page to fetch. */
export interface ReadAllOptions {
  /** Return events with a global position strictly after this one. Default 0: from the start. */
  readonly after?: number | undefined
  /** Events per page fetched from the adapter. Default {@link defaultPageSize}. */
  readonly pageSize?: number | undefined
}

/** The page size of `readAll` when none is given. */
export const defaultPageSize = 1000

/** The service an adapter provides. */
export interface EventStore {
  /** Appends events to a stream atomically, if the stream is at the expected version. */
  readonly append: (
    streamId: string,
    expected: ExpectedVersion,
    events: ReadonlyArray<EventToAppend>
  ) => Effect.Effect<AppendResult, AppendError>
  /** Reads a stream in version order. A missing stream reads as empty. */
  readonly readStream: (
    streamId: string,
    options?: ReadStreamOptions
  ) => Effect.Effect<ReadonlyArray<StoredEvent>, StoreError | EventDecodeError>
  /** One page of the global log: up to `limit` events with a position strictly after `after`. */
  readonly readAllPage: (
    after: number,
    limit: number
  ) => Effect.Effect<ReadonlyArray<StoredEvent>, StoreError | EventDecodeError>
  /** The current version of a stream: 0 when it has no events. */
  readonly streamVersion: (streamId: string) => Effect.Effect<number, StoreError>
  /** The global position of the last event in the store: 0 when it is empty. */
  readonly headPosition: Effect.Effect<number, StoreError>
}

/** The event store service tag. */
export const EventStore = Context.GenericTag<EventStore>("@kemitraan/eventsourcing/EventStore")

/**
 * The whole log after a position, as a `Stream` that fetches one page at a time, so memory stays
 * bounded by the page size. A page size that is not a positive integer, or a position that is not
 * a non-negative integer, fails the stream with `InvalidStoreRequest` before anything is read.
 */
export const readAll = (
  store: EventStore,
  options?: ReadAllOptions
): Stream.Stream<StoredEvent, StoreError | EventDecodeError> => {
  const pageSize = options?.pageSize ?? defaultPageSize
  const after = options?.after ?? 0
  const pages = Stream.paginateChunkEffect(after, (after) =>
    Effect.map(Spans.readAllPage(store, after, pageSize), (page) => {
      const last = page[page.length - 1]
      return [
        Chunk.unsafeFromArray(page),
        page.length < pageSize || last === undefined ? Option.none() : Option.some(last.position)
      ] as const
    })
  )
  return Stream.unwrap(Effect.as(validateRead("readAll", { after }, { pageSize }), pages))
}

/** Options of a typed append. */
export interface AppendEventsOptions {
  /** One event id per event; missing ones are generated. */
  readonly eventIds?: ReadonlyArray<string> | undefined
  /** When the events happened (business time). Default: when they are recorded, from the `Clock`. */
  readonly occurredAt?: Date | undefined
  readonly correlationId?: string | undefined
  readonly causationId?: string | undefined
  readonly commandId?: string | undefined
  /** Where the events' data came from, for instance "synthetic". */
  readonly provenance?: string | undefined
}

/** What the metadata of new events is built from, besides their instants. */
export interface MetadataOptions {
  readonly correlationId?: string | undefined
  readonly causationId?: string | undefined
  readonly commandId?: string | undefined
  readonly commandHash?: string | undefined
  readonly provenance?: string | undefined
}

/** The metadata of new events that happened and are recorded at `time`. */
export const metadataAt = (time: CommandTime.Instants, options?: MetadataOptions): EventMetadata =>
  metadataOf(time, options, options?.commandHash, undefined)

/**
 * Builds the metadata of new events: `recordedAt` from the `Clock`, `occurredAt` from `occurredAt`
 * or the same instant, the rest from `options`.
 */
export const makeMetadata = (
  options?: MetadataOptions & { readonly occurredAt?: Date | undefined }
): Effect.Effect<EventMetadata> => Effect.map(CommandTime.at(options?.occurredAt), (time) => metadataAt(time, options))

/**
 * Encodes domain events through a catalogue into what the store takes, all with the same metadata
 * but for the version of each event's schema: the one encoding loop of every typed append. Event
 * ids come from `eventIds`; missing ones are generated.
 */
export const encodeAll = <E extends { readonly _tag: string }>(
  catalog: EventCatalog<E>,
  streamId: string,
  events: ReadonlyArray<E>,
  metadata: EventMetadata,
  eventIds?: ReadonlyArray<string> | undefined
): Either.Either<Array<EventToAppend>, EventEncodeError> =>
  encodeWith(catalog, streamId, events, eventIds, (schemaVersion) => ({ ...metadata, schemaVersion }))

/** Encodes domain events through a catalogue and appends them. */
export const appendEvents = <E extends { readonly _tag: string }>(
  catalog: EventCatalog<E>,
  streamId: string,
  expected: ExpectedVersion,
  events: ReadonlyArray<E>,
  options?: AppendEventsOptions
): Effect.Effect<AppendResult, AppendError | EventEncodeError, EventStore> =>
  Effect.gen(function* () {
    const store = yield* EventStore
    const metadata = yield* makeMetadata(options)
    const toAppend = yield* encodeAll(catalog, streamId, events, metadata, options?.eventIds)
    return yield* Spans.append(store, streamId, expected, toAppend)
  })

/** Reads a stream and decodes its events through a catalogue. */
export const readStreamEvents = <E extends { readonly _tag: string }>(
  catalog: EventCatalog<E>,
  streamId: string,
  options?: ReadStreamOptions
): Effect.Effect<ReadonlyArray<RecordedEvent<E>>, StoreError | EventDecodeError, EventStore> =>
  Effect.flatMap(EventStore, (store) =>
    Effect.flatMap(Spans.readStream(store, streamId, options), (stored) => decodeAll(catalog, stored))
  )

/** Reads the log after a position and decodes the events of the catalogue's types. Others are skipped. */
export const readAllEvents = <E extends { readonly _tag: string }>(
  catalog: EventCatalog<E>,
  options?: ReadAllOptions
): Stream.Stream<RecordedEvent<E>, StoreError | EventDecodeError, EventStore> =>
  Stream.unwrap(
    Effect.map(EventStore, (store) =>
      readAll(store, options).pipe(
        Stream.filter((stored) => catalog.has(stored.type)),
        Stream.mapChunksEffect((chunk) => Effect.map(decodeAll(catalog, chunk), Chunk.unsafeFromArray))
      )
    )
  )

/** Decodes stored events in one loop, failing at the first that does not decode. */
export const decodeAll = <E extends { readonly _tag: string }>(
  catalog: EventCatalog<E>,
  stored: Iterable<StoredEvent>
): Effect.Effect<Array<RecordedEvent<E>>, EventDecodeError> =>
  Effect.suspend(() => {
    const out: Array<RecordedEvent<E>> = []
    for (const event of stored) {
      const decoded = catalog.decode(event)
      if (Either.isLeft(decoded)) return Effect.fail(decoded.left)
      out.push(decoded.right)
    }
    return Effect.succeed(out)
  })

/**
 * An event store held in memory, with the cache of its stream folds: complete, fast, and gone when
 * the layer is released.
 */
export const layerMemory: Layer.Layer<EventStore | Cache> = Layer.effectContext(
  Effect.sync(() => {
    const store = makeMemoryEventStore()
    return Context.make(EventStore, store).pipe(Context.add(Cache, makeCache(store)))
  })
)
