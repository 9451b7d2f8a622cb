import * as Cause from "effect/Cause"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Exit from "effect/Exit"
import * as Option from "effect/Option"
import { expect } from "vitest"

/** The failures a store may answer misuse with: its typed errors, never a defect. */
const typedTags = new Set([
  "InvalidStoreRequest",
  "WrongExpectedVersion",
  "EventIdConflict",
  "StoreBusy",
  "StoreFailure",
  "EventDecodeError",
  "EventEncodeError"
])

/** What one call came to. */
export type Outcome<A> =
  | { readonly _tag: "Succeeded"; readonly value: A }
  | { readonly _tag: "Refused"; readonly error: { readonly _tag: string } }

/**
 * Runs one call under a deadline and fails the case unless it returned in time and either
 * succeeded or failed with one of the store's typed errors (a defect, a throw, an untyped failure
 * or a hang each fail it).
 */
export const bounded = <A, E, R>(
  call: Effect.Effect<A, E, R>,
  timeout: Duration.DurationInput,
  what: string
): Effect.Effect<Outcome<A>, never, R> =>
  Effect.map(
    Effect.exit(
      Effect.timeout(
        Effect.suspend(() => call),
        timeout
      )
    ),
    (exit) => {
      if (Exit.isSuccess(exit)) return { _tag: "Succeeded", value: exit.value }
      const failure = Cause.failureOption(exit.cause)
      const error: unknown = Option.getOrUndefined(failure)
      if (error instanceof Cause.TimeoutException) {
        expect.fail(`${what} did not return within ${Duration.format(Duration.decode(timeout))}`)
      }
      const tag = typeof error === "object" && error !== null && "_tag" in error ? error._tag : undefined
      if (Option.isNone(failure) || typeof tag !== "string" || !typedTags.has(tag)) {
        expect.fail(`${what} did not fail with a typed store error: ${Cause.pretty(exit.cause)}`)
      }
      return { _tag: "Refused", error: { _tag: tag } }
    }
  )

/**
 * Whether two values read the same, exactly: numbers by `Object.is` (so -0 is not 0), arrays
 * element by element, objects by their keys in order.
 */
export const sameValue = (a: unknown, b: unknown): boolean => {
  if (typeof a !== "object" || a === null || typeof b !== "object" || b === null) return Object.is(a, b)
  if (Array.isArray(a) !== Array.isArray(b)) return false
  const keysA = Object.keys(a)
  const keysB = Object.keys(b)
  if (keysA.length !== keysB.length) return false
  for (let i = 0; i < keysA.length; i++) {
    const key = keysA[i]!
    if (key !== keysB[i]) return false
    if (!sameValue((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key])) return false
  }
  return true
}
