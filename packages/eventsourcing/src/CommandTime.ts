/**
 * The time of a command: when it happened (its business time) and when it is recorded. A command
 * may carry when it happened, so that a past forum is entered with its real dates; it is recorded
 * when the `Clock` says. A command handler reads the clock once per attempt and hands the decider
 * both instants as the third argument of `decide`; outside a handler, {@link at} reads them from the
 * `Clock`, so tests still control time.
 *
 * @since 0.2.0
 */
import * as Clock from "effect/Clock"
import * as Effect from "effect/Effect"

/** The instants of one command. */
export interface Instants {
  /** When it happened: the business time the command carried, else {@link recordedAt}. */
  readonly occurredAt: Date
  /** When it is recorded: read from the `Clock`. */
  readonly recordedAt: Date
  /** Whether the command carried its business time. */
  readonly given: boolean
}

/** The instants of a command recorded at `recordedAt` that happened at `occurredAt`, or then when it is absent. */
export const make = (recordedAt: Date, occurredAt?: Date | undefined): Instants =>
  occurredAt === undefined
    ? { occurredAt: recordedAt, recordedAt, given: false }
    : { occurredAt, recordedAt, given: true }

/** Reads the clock: the instants of a command that happened at `occurredAt`, or now when it is absent. */
export const at = (occurredAt?: Date | undefined): Effect.Effect<Instants> =>
  Effect.map(Clock.currentTimeMillis, (millis) => make(new Date(millis), occurredAt))
