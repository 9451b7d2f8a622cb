/**
 * The kernel's spans: command handling, appends, reads and read-model commits, each with the
 * attributes an operator looks for (stream, command type, event count, positions). They go to
 * whatever `Tracer` the application provides (`@effect/opentelemetry` in the CLI); without one,
 * Effect's own tracer keeps them in memory only. One span per command (its append and stream reads
 * are figures on it, not spans of their own), one per page of the log and per commit, never one
 * per event; none captures a stack trace (an `Error` per span would cost more than the span).
 * Under Effect's own tracer, which only keeps spans in memory, no span is made at all
 * ({@link traced}): a span and its attributes cost a command more than its append's bookkeeping.
 *
 * @since 0.3.0
 */
import * as Effect from "effect/Effect"
import type { Tracer } from "effect"
import type { AppendResult, EventStore, ReadStreamOptions } from "../EventStore.js"
import type { ExpectedVersion } from "../ExpectedVersion.js"
import type { EventToAppend } from "../RecordedEvent.js"

/** The attribute names, one place for all spans. */
export const attribute = {
  stream: "kemitraan.stream",
  command: "kemitraan.command.type",
  eventCount: "kemitraan.event.count",
  expectedVersion: "kemitraan.expected_version",
  streamVersion: "kemitraan.stream.version",
  position: "kemitraan.position",
  after: "kemitraan.position.after",
  readModel: "kemitraan.read_model",
  previous: "kemitraan.checkpoint.previous",
  rows: "kemitraan.rows"
} as const

/** The span names. */
export const span = {
  handle: "kemitraan.command.handle",
  append: "kemitraan.store.append",
  readStream: "kemitraan.store.read_stream",
  readAll: "kemitraan.store.read_all",
  commit: "kemitraan.read_model.commit"
} as const

/** Effect's own tracer, the one in force when the application provides none: it exports nothing. */
const untraced: Tracer.Tracer = Effect.runSync(Effect.tracer)

/**
 * `inSpan(effect)` when the application provides a tracer, else `effect` as it is: under Effect's
 * own tracer a span would be made and dropped, so none is made.
 */
export const traced = <A, E, R>(
  effect: Effect.Effect<A, E, R>,
  inSpan: (effect: Effect.Effect<A, E, R>) => Effect.Effect<A, E, R>
): Effect.Effect<A, E, R> => Effect.tracerWith((tracer) => (isTraced(tracer) ? inSpan(effect) : effect))

/** Whether spans made under `tracer` go anywhere: whether it is not Effect's own (see {@link traced}). */
export const isTraced = (tracer: Tracer.Tracer): boolean => tracer !== untraced

/** `store.append`, in a span with the stream, the expected version, the event count and the last position. */
export const append = (
  store: EventStore,
  streamId: string,
  expected: ExpectedVersion,
  events: ReadonlyArray<EventToAppend>
) =>
  traced(store.append(streamId, expected, events), (append) =>
    append.pipe(
      Effect.tap((result: AppendResult) =>
        Effect.annotateCurrentSpan({
          [attribute.position]: result.position,
          [attribute.streamVersion]: result.streamVersion
        })
      ),
      Effect.withSpan(span.append, {
        captureStackTrace: false,
        attributes: {
          [attribute.stream]: streamId,
          [attribute.expectedVersion]: expected._tag === "Exact" ? String(expected.version) : expected._tag,
          [attribute.eventCount]: events.length
        }
      })
    )
  )

/** `store.readStream`, in a span with the stream, the first version asked for and the events read. */
export const readStream = (store: EventStore, streamId: string, options?: ReadStreamOptions) =>
  traced(store.readStream(streamId, options), (read) =>
    read.pipe(
      Effect.tap((page) => Effect.annotateCurrentSpan(attribute.eventCount, page.length)),
      Effect.withSpan(span.readStream, {
        captureStackTrace: false,
        attributes: { [attribute.stream]: streamId, [attribute.streamVersion]: options?.fromVersion ?? 1 }
      })
    )
  )

/** `store.readAllPage`, in a span with the position read after, the events read and the last position. */
export const readAllPage = (store: EventStore, after: number, limit: number) =>
  traced(store.readAllPage(after, limit), (read) =>
    read.pipe(
      Effect.tap((page) =>
        Effect.annotateCurrentSpan({
          [attribute.eventCount]: page.length,
          [attribute.position]: page[page.length - 1]?.position ?? after
        })
      ),
      Effect.withSpan(span.readAll, { captureStackTrace: false, attributes: { [attribute.after]: after } })
    )
  )

/** The `_tag` of a command, when it has one: the command type of the handling span. */
export const commandType = (command: unknown): string =>
  typeof command === "object" && command !== null && "_tag" in command && typeof command._tag === "string"
    ? command._tag
    : "unknown"
