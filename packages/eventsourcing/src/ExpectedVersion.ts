/**
 * What a writer expects of a stream when it appends: the optimistic-concurrency contract of the
 * store. Every adapter enforces all four cases on every append.
 *
 * A stream exists once it holds at least one event; there are no empty streams, so `exact(0)` and
 * `noStream` mean the same thing.
 *
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"

/** Append whatever the stream's state. */
export const Any = Schema.TaggedStruct("Any", {})
/** Append only if the stream has no events yet. */
export const NoStream = Schema.TaggedStruct("NoStream", {})
/** Append only if the stream already has at least one event. */
export const StreamExists = Schema.TaggedStruct("StreamExists", {})
/** Append only if the stream's current version is exactly `version` (0 for a missing stream). */
export const Exact = Schema.TaggedStruct("Exact", { version: Schema.NonNegativeInt })

/** Schema of an expected version, so that it can travel inside errors and commands. */
export const ExpectedVersion = Schema.Union(Any, NoStream, StreamExists, Exact)

/** One of four expectations (any version, no stream, stream exists, exact n). */
export type ExpectedVersion = typeof ExpectedVersion.Type

/** Append whatever the stream's state. */
export const any: ExpectedVersion = Any.make({})
/** Append only to a stream that has no events. */
export const noStream: ExpectedVersion = NoStream.make({})
/** Append only to a stream that has events. */
export const streamExists: ExpectedVersion = StreamExists.make({})
/**
 * Append only if the stream is exactly at `version`. It does not throw on a version that is not a
 * non-negative integer: the append refuses it with a typed `InvalidStoreRequest`. Built as
 * `Exact.make` builds it (the same fields in the same order) without the constructor's work: it
 * runs for every command.
 */
export const exact = (version: number): ExpectedVersion => ({ version, _tag: "Exact" })

/** Whether a stream at `actual` (0 when missing) satisfies `expected`. */
export const isSatisfiedBy = (expected: ExpectedVersion, actual: number): boolean => {
  switch (expected._tag) {
    case "Any":
      return true
    case "NoStream":
      return actual === 0
    case "StreamExists":
      return actual > 0
    case "Exact":
      return actual === expected.version
  }
}

/** A short human-readable form, for messages: `any`, `no stream`, `stream exists`, `exactly 3`. */
export const format = (expected: ExpectedVersion): string => {
  switch (expected._tag) {
    case "Any":
      return "any"
    case "NoStream":
      return "no stream"
    case "StreamExists":
      return "stream exists"
    case "Exact":
      return `exactly ${expected.version}`
  }
}
