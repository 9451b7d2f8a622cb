/**
 * Time within a stream: every event records `at`, the instant it was decided, read from Effect's
 * `Clock`. A decider refuses to decide when the clock reads earlier than the last event of its
 * stream, so that `at` never goes backwards within a stream (a wrong clock, a replay fed out of order).
 *
 * @since 0.1.0
 */
import { Clock, Effect, Schema } from "effect"

/** The clock reads earlier than the last event of the stream: nothing was decided. */
export class TimeWentBackwards extends Schema.TaggedError<TimeWentBackwards>("@kemitraan/core/TimeWentBackwards")(
  "TimeWentBackwards",
  { stream: Schema.String, lastEventAt: Schema.DateFromSelf, now: Schema.DateFromSelf }
) {
  override get message(): string {
    return `the clock reads ${this.now.toISOString()}, earlier than the last event of ${this.stream} (${this.lastEventAt.toISOString()}): time never goes backwards within a stream`
  }
}

/** The instant of an empty stream's last event: none, so any clock reading is later. */
export const beginning = Number.NEGATIVE_INFINITY

/** Reads the clock and fails when it is earlier than `lastEventAt` (epoch milliseconds). */
export const now = (stream: string, lastEventAt: number): Effect.Effect<Date, TimeWentBackwards> =>
  Effect.flatMap(Clock.currentTimeMillis, (millis) =>
    millis < lastEventAt
      ? Effect.fail(new TimeWentBackwards({ stream, lastEventAt: new Date(lastEventAt), now: new Date(millis) }))
      : Effect.succeed(new Date(millis))
  )
