/**
 * A `Clock` whose time the replay sets. The domain takes every event's time from Effect's `Clock`,
 * so a replay of the past drives the clock to each record's timestamp before handling its command:
 * events carry the time the dataset says, and a record out of order fails with `TimeWentBackwards`.
 *
 * @since 0.1.0
 */
import { Clock, Effect } from "effect"

/** A clock that reads the time last set. */
export interface ReplayClock {
  readonly clock: Clock.Clock
  /** Sets the time the clock reads, in epoch milliseconds. */
  readonly set: (millis: number) => Effect.Effect<void>
}

/** Makes a replay clock that reads `start` until it is set. Sleeping waits in real time. */
export const make = (start: number): ReplayClock => {
  let now = start
  const real = Clock.make()
  const clock: Clock.Clock = {
    [Clock.ClockTypeId]: Clock.ClockTypeId,
    unsafeCurrentTimeMillis: () => now,
    currentTimeMillis: Effect.sync(() => now),
    unsafeCurrentTimeNanos: () => BigInt(now) * 1_000_000n,
    currentTimeNanos: Effect.sync(() => BigInt(now) * 1_000_000n),
    sleep: (duration) => real.sleep(duration)
  }
  return { clock, set: (millis) => Effect.sync(() => void (now = millis)) }
}
