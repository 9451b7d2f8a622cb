/**
 * A clock that moves only when told to. Driving thousands of commands under `TestClock.adjust`
 * costs milliseconds per step (it yields to other fibers on every adjustment); this clock costs
 * nothing, so a test or a replay can stamp each command with the instant it chooses.
 *
 * ```ts
 * const clock = ManualClock.make(Date.parse("2022-11-24T02:00:00Z"))
 * yield* Kemitraan.handle(command).pipe(Effect.withClock(clock))
 * clock.advance(60_000)
 * ```
 *
 * @since 0.1.0
 */
import { Clock, Effect } from "effect"

/** A clock whose time is set by hand. `sleep` returns at once. */
export interface ManualClock extends Clock.Clock {
  /** Moves the clock forward (or back, to test that time does not go backwards) by `millis`. */
  readonly advance: (millis: number) => void
  /** Sets the clock to an instant, in epoch milliseconds. */
  readonly set: (millis: number) => void
}

/** Makes a manual clock reading `start` (epoch milliseconds). */
export const make = (start: number): ManualClock => {
  let now = start
  return {
    [Clock.ClockTypeId]: Clock.ClockTypeId,
    unsafeCurrentTimeMillis: () => now,
    currentTimeMillis: Effect.sync(() => now),
    unsafeCurrentTimeNanos: () => BigInt(now) * 1_000_000n,
    currentTimeNanos: Effect.sync(() => BigInt(now) * 1_000_000n),
    sleep: () => Effect.void,
    advance: (millis) => {
      now += millis
    },
    set: (millis) => {
      now = millis
    }
  }
}
