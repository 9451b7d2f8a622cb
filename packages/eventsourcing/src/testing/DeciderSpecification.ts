/**
 * Given/when/then specifications for deciders, so that a decider's tests read as its rules:
 *
 * ```ts
 * const spec = DeciderSpecification.for(forum)
 * it.effect("a registered SME cannot register again", () =>
 *   spec.given([SmeRegistered.make(sme1)]).when(register(sme1)).thenFails(new AlreadyRegistered({ smeId: "sme-1" }))
 * )
 * ```
 *
 * Every step returns an `Effect`, so a specification runs in `it.effect` with the `TestClock` and
 * whatever services `decide` needs. `decide` gets the instants a command handler would give it: the
 * clock's reading, and the business time `when` was given (`when(command, { occurredAt })`), if any. Events and errors are compared with `Equal.equals` in a
 * structural region: plain objects, arrays and dates by value, `Data` and `Schema` classes by
 * their own equality. A mismatch fails with {@link SpecificationFailed}, whose message shows the
 * command, what was expected and what `decide` returned.
 *
 * @since 0.1.0
 */
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Equal from "effect/Equal"
import * as Schema from "effect/Schema"
import * as Utils from "effect/Utils"
import { inspect } from "node:util"
import * as CommandTime from "../CommandTime.js"
import { type Decider, fold } from "../Decider.js"

/** A specification did not hold: `decide` answered otherwise than expected. */
export class SpecificationFailed extends Schema.TaggedError<SpecificationFailed>(
  "@kemitraan/eventsourcing/testing/SpecificationFailed"
)("SpecificationFailed", {
  reason: Schema.String,
  command: Schema.String,
  expected: Schema.String,
  actual: Schema.String
}) {
  override get message(): string {
    return `${this.reason}\n  when:     ${this.command}\n  expected: ${this.expected}\n  actual:   ${this.actual}`
  }
}

/** The last step: what `decide` must answer. */
export interface Then<Event, Err, R> {
  /** Succeeds when `decide` returns exactly these events, in this order. */
  readonly then: (expected: ReadonlyArray<Event>) => Effect.Effect<void, SpecificationFailed, R>
  /** Succeeds when `decide` fails with exactly this error. */
  readonly thenFails: (expected: Err) => Effect.Effect<void, SpecificationFailed, R>
}

/** What the command being decided carries besides itself. */
export interface WhenOptions {
  /** When the command happened (its business time). Default: when it is recorded, the clock's now. */
  readonly occurredAt?: Date | undefined
}

/** The middle step: the command to decide on. */
export interface When<Command, Event, Err, R> {
  readonly when: (command: Command, options?: WhenOptions) => Then<Event, Err, R>
}

/** A specification of one decider; start with `given` (an empty history is `given([])`). */
export interface Specification<Command, Event, Err, R> {
  readonly given: (events: ReadonlyArray<Event>) => When<Command, Event, Err, R>
}

const equivalent = (actual: unknown, expected: unknown): boolean =>
  Utils.structuralRegion(() => Equal.equals(actual, expected))

const show = (value: unknown): string => inspect(value, { depth: 8, breakLength: 100 })

const mismatch = (reason: string, command: unknown, expected: unknown, actual: unknown) =>
  new SpecificationFailed({ reason, command: show(command), expected: show(expected), actual: show(actual) })

// `then` makes the step a "thenable": an `await` on it would call `then(resolve, reject)` and hang.
// Failing loudly instead points at the mistake.
const refuseAwait = (expected: unknown): void => {
  if (typeof expected === "function") {
    throw new TypeError(
      "a decider specification is an Effect: run it with `yield*` or `Effect.runPromise`, not `await`"
    )
  }
}

const thenStep = <Command, Event, State, Err, R>(
  decider: Decider<Command, Event, State, Err, R>,
  history: ReadonlyArray<Event>,
  command: Command,
  options: WhenOptions | undefined
): Then<Event, Err, R> => {
  const decide = Effect.either(
    Effect.flatMap(CommandTime.at(options?.occurredAt), (time) => decider.decide(command, fold(decider, history), time))
  )
  return {
    then: (expected) => {
      refuseAwait(expected)
      return Effect.flatMap(
        decide,
        Either.match({
          onLeft: (error) =>
            Effect.fail(mismatch("decide failed where events were expected", command, expected, error)),
          onRight: (actual) =>
            equivalent(actual, expected)
              ? Effect.void
              : Effect.fail(mismatch("decide returned other events than expected", command, expected, actual))
        })
      )
    },
    thenFails: (expected) =>
      Effect.flatMap(
        decide,
        Either.match({
          onLeft: (error) =>
            equivalent(error, expected)
              ? Effect.void
              : Effect.fail(mismatch("decide failed with another error than expected", command, expected, error)),
          onRight: (events) =>
            Effect.fail(mismatch("decide succeeded where a failure was expected", command, expected, events))
        })
      )
  }
}

/** Starts a specification of `decider`. */
const forDecider = <Command, Event, State, Err, R>(
  decider: Decider<Command, Event, State, Err, R>
): Specification<Command, Event, Err, R> => ({
  given: (history) => ({ when: (command, options) => thenStep(decider, history, command, options) })
})

/** Starts a specification of a decider: `DeciderSpecification.for(decider).given(events).when(command)`. */
export { forDecider as for }
