/**
 * Wake-ups after appends: a store that can tell its readers that events were appended (PostgreSQL's
 * `LISTEN`/`NOTIFY`, say) provides this service, and a projection worker catches up at once instead
 * of at its next poll. A wake-up is a hint, never a guarantee: one may be lost (a dropped connection,
 * a signal raised between two waits), so readers keep polling as the fallback.
 *
 * ```ts
 * const { notify, signal } = yield* AppendSignal.make
 * // after each append: yield* notify
 * ```
 *
 * @since 0.3.0
 */
import * as Context from "effect/Context"
import * as Effect from "effect/Effect"
import * as PubSub from "effect/PubSub"
import * as Stream from "effect/Stream"
import type { StoreError } from "./EventStoreError.js"

/** The service: a stream that emits after events were appended. */
export interface AppendSignal {
  /** Emits after appends (several appends may give one emission); fails when the store's channel breaks. */
  readonly wakeUps: Stream.Stream<void, StoreError>
}

/** The append-signal service tag. */
export const AppendSignal = Context.GenericTag<AppendSignal>("@kemitraan/eventsourcing/AppendSignal")

/** A signal raised by hand within one process: `notify` after an append wakes every subscriber. */
export const make: Effect.Effect<{ readonly signal: AppendSignal; readonly notify: Effect.Effect<void> }> = Effect.map(
  PubSub.sliding<void>(1),
  (hub) => ({
    signal: AppendSignal.of({ wakeUps: Stream.fromPubSub(hub) }),
    notify: Effect.asVoid(PubSub.publish(hub, undefined))
  })
)
