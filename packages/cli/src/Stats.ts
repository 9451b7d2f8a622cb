/**
 * `stats`: what the store holds. Events by type and by kind of stream, the streams, the commands
 * recorded, the span of business time, and how far each read model's tables are behind the log.
 *
 * @since 0.1.0
 */
import { EventStore, type EventStoreError, ReadModelStore } from "@kemitraan/eventsourcing"
import { ReadModels } from "@kemitraan/example-forum-2022"
import { Effect, Option, Stream } from "effect"

/** What `stats` reports. */
export interface Stats {
  readonly events: number
  readonly headPosition: number
  readonly streams: number
  /** Distinct command ids in the events' metadata. */
  readonly commands: number
  readonly byType: Readonly<Record<string, number>>
  /** By the part of the stream id before its first `-` (the aggregate). */
  readonly byStreamKind: Readonly<Record<string, number>>
  readonly firstOccurredAt: string | null
  readonly lastOccurredAt: string | null
  readonly readModels: ReadonlyArray<{
    readonly name: string
    readonly position: number | null
    readonly behind: number
  }>
}

const sorted = (counts: Map<string, number>): Record<string, number> =>
  Object.fromEntries([...counts].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))

const bump = (counts: Map<string, number>, key: string) => counts.set(key, (counts.get(key) ?? 0) + 1)

/** Reads the whole log once and the read models' checkpoints. */
export const gather: Effect.Effect<
  Stats,
  EventStoreError.StoreError | EventStoreError.EventDecodeError,
  EventStore.EventStore | ReadModelStore.ReadModelStore
> = Effect.gen(function* () {
  const store = yield* EventStore.EventStore
  const headPosition = yield* store.headPosition
  const byType = new Map<string, number>()
  const byStreamKind = new Map<string, number>()
  const streams = new Set<string>()
  const commands = new Set<string>()
  let events = 0
  let first: number | undefined
  let last: number | undefined
  yield* Stream.runForEach(EventStore.readAll(store), (event) =>
    Effect.sync(() => {
      events += 1
      bump(byType, event.type)
      bump(byStreamKind, event.streamId.split("-", 1)[0] ?? event.streamId)
      streams.add(event.streamId)
      if (event.metadata.commandId !== undefined) commands.add(event.metadata.commandId)
      const at = event.metadata.occurredAt.getTime()
      first = first === undefined ? at : Math.min(first, at)
      last = last === undefined ? at : Math.max(last, at)
    })
  )
  const readModels = yield* ReadModelStore.ReadModelStore
  const checkpoints = yield* Effect.forEach(ReadModels.all, (model) =>
    Effect.map(readModels.checkpoint(model.name), (checkpoint) => {
      const position = Option.isSome(checkpoint) ? checkpoint.value.position : null
      return { name: model.name, position, behind: headPosition - (position ?? 0) }
    })
  )
  const stats: Stats = {
    events,
    headPosition,
    streams: streams.size,
    commands: commands.size,
    byType: sorted(byType),
    byStreamKind: sorted(byStreamKind),
    firstOccurredAt: first === undefined ? null : new Date(first).toISOString(),
    lastOccurredAt: last === undefined ? null : new Date(last).toISOString(),
    readModels: checkpoints
  }
  return stats
})

/** The statistics as text. */
export const text = (stats: Stats): string => {
  const counts = (title: string, entries: Readonly<Record<string, number>>) => [
    title,
    ...Object.entries(entries).map(([key, n]) => `  ${key.padEnd(36)} ${String(n).padStart(8)}`)
  ]
  return [
    `events: ${stats.events} (head position ${stats.headPosition}) in ${stats.streams} streams, from ${stats.commands} commands with an id`,
    `occurred: ${stats.firstOccurredAt ?? "-"} to ${stats.lastOccurredAt ?? "-"}`,
    ...counts("by stream kind", stats.byStreamKind),
    ...counts("by event type", stats.byType),
    "read models",
    ...stats.readModels.map(
      (model) =>
        `  ${model.name.padEnd(36)} ${model.position === null ? "never run" : `at ${model.position}, ${model.behind} behind`}`
    ),
    ""
  ].join("\n")
}
