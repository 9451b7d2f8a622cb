/**
 * Time within a stream. Every event records `at`, its business time: when it happened. A command
 * may carry that time (the kernel's `CommandTime.Instants`, which the handler passes to `decide`), so
 * that a past forum is entered with its real dates; otherwise it happened when it is recorded, as
 * Effect's `Clock` reads.
 *
 * Two rules. A command without a business time is decided at the clock's instant, which may not be
 * earlier than the last event of its stream, so that time never goes backwards within a stream (a
 * wrong clock, a replay fed out of order): {@link TimeWentBackwards}. A command with a business time
 * may be entered late, earlier than the last event of its stream (a consultation's outcome recorded
 * after the forum closed), but never later than it is recorded: {@link OccurredInTheFuture}.
 *
 * @since 0.1.0
 */
import type { CommandTime } from "@kemitraan/eventsourcing"
import * as Either from "effect/Either"
import * as Schema from "effect/Schema"

/** The clock reads earlier than the last event of the stream: nothing was decided. */
export class TimeWentBackwards extends Schema.TaggedError<TimeWentBackwards>("@kemitraan/core/TimeWentBackwards")(
  "TimeWentBackwards",
  { stream: Schema.String, lastEventAt: Schema.DateFromSelf, now: Schema.DateFromSelf }
) {
  override get message(): string {
    return `the clock reads ${this.now.toISOString()}, earlier than the last event of ${this.stream} (${this.lastEventAt.toISOString()}): time never goes backwards within a stream`
  }
}

/** A command says it happened later than it is recorded: nothing was decided. */
export class OccurredInTheFuture extends Schema.TaggedError<OccurredInTheFuture>("@kemitraan/core/OccurredInTheFuture")(
  "OccurredInTheFuture",
  { stream: Schema.String, occurredAt: Schema.DateFromSelf, now: Schema.DateFromSelf }
) {
  override get message(): string {
    return `a command for ${this.stream} says it happened at ${this.occurredAt.toISOString()}, later than the clock reads (${this.now.toISOString()}): only what has happened is recorded`
  }
}

/** What the time rules may fail with. */
export type TimeError = TimeWentBackwards | OccurredInTheFuture

/** The instant of an empty stream's last event: none, so any clock reading is later. */
export const beginning = Number.NEGATIVE_INFINITY

/**
 * The business time of a command decided at `time` (the instants the command handler passes to
 * `decide`): the time it carried, or the clock's. Fails when a carried time is later than the clock,
 * or the clock earlier than `lastEventAt` (epoch ms). A plain function: no effect to run.
 */
export const now = (
  stream: string,
  lastEventAt: number,
  time: CommandTime.Instants
): Either.Either<Date, TimeError> => {
  const { given, occurredAt, recordedAt } = time
  if (given) {
    return occurredAt.getTime() > recordedAt.getTime()
      ? Either.left(new OccurredInTheFuture({ stream, occurredAt, now: recordedAt }))
      : Either.right(occurredAt)
  }
  return recordedAt.getTime() < lastEventAt
    ? Either.left(new TimeWentBackwards({ stream, lastEventAt: new Date(lastEventAt), now: recordedAt }))
    : Either.right(recordedAt)
}

/** The instant of a stream's latest event once `at` is folded: an event entered late moves it no earlier. */
export const latest = (lastAt: number, at: Date): number => Math.max(lastAt, at.getTime())
