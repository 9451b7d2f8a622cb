/**
 * The time of the command being handled: when it happened (its business time) and when it is
 * recorded. A command may carry when it happened, so that a past forum is entered with its real
 * dates; it is recorded when the `Clock` says. A command handler reads the clock once per attempt
 * and gives the decider both instants through {@link CommandTime}; a decider reads them with
 * {@link current}, which falls back to the clock outside a handler, so tests still control time.
 *
 * @since 0.2.0
 */
import * as Clock from "effect/Clock"
import * as Context from "effect/Context"
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"

/** The instants of one command. */
export interface Instants {
  /** When it happened: the business time the command carried, else {@link recordedAt}. */
  readonly occurredAt: Date
  /** When it is recorded: read from the `Clock`. */
  readonly recordedAt: Date
  /** Whether the command carried its business time. */
  readonly given: boolean
}

/** The instants of the command being handled, when a command handler provides them. */
export class CommandTime extends Context.Reference<CommandTime>()("@kemitraan/eventsourcing/CommandTime", {
  defaultValue: (): Option.Option<Instants> => Option.none()
}) {}

/** Reads the clock: the instants of a command that happened at `occurredAt`, or now when it is absent. */
export const at = (occurredAt?: Date | undefined): Effect.Effect<Instants> =>
  Effect.map(Clock.currentTimeMillis, (millis) => {
    const recordedAt = new Date(millis)
    return occurredAt === undefined
      ? { occurredAt: recordedAt, recordedAt, given: false }
      : { occurredAt, recordedAt, given: true }
  })

/** The instants of the command being handled, or, outside a command handler, the clock's. */
export const current: Effect.Effect<Instants> = Effect.flatMap(CommandTime, (time) =>
  Option.isSome(time) ? Effect.succeed(time.value) : at()
)
