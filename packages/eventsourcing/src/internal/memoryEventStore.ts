import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import type { EventStore, ReadStreamOptions } from "../EventStore.js"
import { checkExpected, checkRetry, validateAppend, validateRead, validateStreamId } from "../EventStoreAdapter.js"
import type { EventMetadata, StoredEvent } from "../RecordedEvent.js"
import { frozenCopy } from "./storable.js"

/**
 * An event as the memory store keeps it: its data a frozen copy, its instant a number, so that
 * nothing a caller holds (what it appended, what it read) can change the store.
 */
interface Kept extends Omit<StoredEvent, "metadata"> {
  readonly occurredAt: number
  readonly recordedAt: number | undefined
  readonly ids: Omit<EventMetadata, "occurredAt" | "recordedAt">
}

const keep = (event: Omit<StoredEvent, "metadata">, metadata: EventMetadata): Kept => {
  const { occurredAt, recordedAt, ...ids } = metadata
  return Object.freeze({
    ...event,
    data: frozenCopy(event.data),
    occurredAt: occurredAt.getTime(),
    recordedAt: recordedAt?.getTime(),
    ids
  })
}

// A fresh metadata object per read: a `Date` cannot be frozen.
const storedOf = ({ ids, occurredAt, recordedAt, ...event }: Kept): StoredEvent => ({
  ...event,
  metadata: {
    ...ids,
    occurredAt: new Date(occurredAt),
    ...(recordedAt === undefined ? {} : { recordedAt: new Date(recordedAt) })
  }
})

/**
 * The log is one array indexed by position - 1; each stream keeps the positions of its events, so
 * reads never scan the log. An append runs in one synchronous step, which makes it atomic. It
 * validates appends as every adapter does (`validateAppend`), so it refuses what a durable store
 * cannot keep exactly.
 */
export const makeMemoryEventStore = (): EventStore => {
  const log: Array<Kept> = []
  const streams = new Map<string, Array<number>>()
  const byEventId = new Map<string, number>()

  const versionOf = (streamId: string): number => streams.get(streamId)?.length ?? 0

  const append: EventStore["append"] = (streamId, expected, events) =>
    Effect.flatMap(validateAppend(streamId, events, expected), () =>
      Effect.suspend(() => {
        const current = versionOf(streamId)
        const existing = events.map((event) => {
          const position = byEventId.get(event.eventId)
          return position === undefined ? undefined : storedOf(log[position - 1]!)
        })
        const retry = checkRetry(streamId, expected, current, events, existing)
        if (Either.isLeft(retry)) return Effect.fail(retry.left)
        if (retry.right._tag === "AlreadyAppended") return Effect.succeed(retry.right.result)
        const versionCheck = checkExpected(streamId, expected, current)
        if (Either.isLeft(versionCheck)) return Effect.fail(versionCheck.left)

        let positions = streams.get(streamId)
        if (positions === undefined) {
          positions = []
          if (events.length > 0) streams.set(streamId, positions)
        }
        for (const event of events) {
          const position = log.length + 1
          const { eventId, type, data } = event
          log.push(
            keep({ eventId, streamId, streamVersion: positions.length + 1, position, type, data }, event.metadata)
          )
          positions.push(position)
          byEventId.set(event.eventId, position)
        }
        return Effect.succeed({ streamVersion: positions.length, position: positions[positions.length - 1] ?? 0 })
      })
    )

  const readStream = (streamId: string, options?: ReadStreamOptions) =>
    Effect.zipRight(
      validateStreamId("readStream", streamId),
      Effect.flatMap(
        validateRead("readStream", { fromVersion: options?.fromVersion, maxCount: options?.maxCount }),
        () =>
          Effect.sync(() => {
            const positions = streams.get(streamId) ?? []
            const from = Math.max(1, options?.fromVersion ?? 1)
            const to = Math.min(positions.length, from - 1 + (options?.maxCount ?? positions.length))
            const out: Array<StoredEvent> = []
            for (let version = from; version <= to; version++) out.push(storedOf(log[positions[version - 1]! - 1]!))
            return out
          })
      )
    )

  const readAllPage: EventStore["readAllPage"] = (after, limit) =>
    Effect.flatMap(validateRead("readAll", { after, limit }), () =>
      Effect.sync(() => log.slice(after, after + limit).map(storedOf))
    )

  return {
    append,
    readStream,
    readAllPage,
    streamVersion: (streamId) =>
      Effect.zipRight(
        validateStreamId("streamVersion", streamId),
        Effect.sync(() => versionOf(streamId))
      ),
    headPosition: Effect.sync(() => log.length)
  }
}
