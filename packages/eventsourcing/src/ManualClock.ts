/**
 * A clock that moves only when told to. Events take their time from Effect's `Clock`, so a replay
 * of the past sets this clock to each record's instant before handling its command, and a test
 * stamps each command with the instant it chooses. Driving thousands of commands under
 * `TestClock.adjust` costs milliseconds per step (it yields to other fibers on every adjustment);
 * setting this clock costs nothing.
 *
 * ```ts
 * const clock = ManualClock.make(Date.parse("2022-11-24T02:00:00Z"))
 * yield* handle(command).pipe(Effect.withClock(clock))
 * clock.advance(60_000)
 * ```
 *
 * @since 0.1.0
 */
import * as Clock from "effect/Clock"
import * as Effect from "effect/Effect"

/** A clock whose time is set by hand. */
export interface ManualClock extends Clock.Clock {
  /** Moves the clock forward (or back, to test that time does not go backwards) by `millis`. */
  readonly advance: (millis: number) => void
  /** Sets the clock to an instant, in epoch milliseconds. */
  readonly set: (millis: number) => void
}

/**
 * Makes a manual clock reading `start` (epoch milliseconds). Sleeping waits in real time: the time
 * read is the one set, but a retry that backs off from a busy store must still leave it time.
 */
export const make = (start: number): ManualClock => {
  let now = start
  const real = Clock.make()
  return {
    [Clock.ClockTypeId]: Clock.ClockTypeId,
    unsafeCurrentTimeMillis: () => now,
    currentTimeMillis: Effect.sync(() => now),
    unsafeCurrentTimeNanos: () => BigInt(now) * 1_000_000n,
    currentTimeNanos: Effect.sync(() => BigInt(now) * 1_000_000n),
    sleep: (duration) => real.sleep(duration),
    advance: (millis) => {
      now += millis
    },
    set: (millis) => {
      now = millis
    }
  }
}
