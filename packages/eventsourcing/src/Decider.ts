/**
 * The decider pattern: an aggregate as three plain things. `evolve` is pure and total, so that a
 * replay costs a loop and nothing more; `decide` returns the events a command produces or a typed
 * domain error, and may be an Effect when it needs a service.
 *
 * `decide` gets the command's instants (`CommandTime.Instants`: when it happened, when it is
 * recorded) as an argument: the command handler reads the `Clock` once per attempt and passes them,
 * so a decider needs no effect to know the time. It returns an `Effect`; an `Either` is an `Effect`
 * too, so a pure decider answers with `Either.right(events)` or `Either.left(error)`, and the handler
 * takes such an answer without running it.
 *
 * @since 0.1.0
 */
import type { Effect } from "effect"
import type { Instants } from "./CommandTime.js"

/** An aggregate: how commands become events, and how events fold into state. */
export interface Decider<in Command, in out Event, in out State, out Err = never, out R = never> {
  readonly initialState: State
  readonly evolve: (state: State, event: Event) => State
  /** The events `command` produces on `state`, decided at the command's instants `time`. */
  readonly decide: (command: Command, state: State, time: Instants) => Effect.Effect<ReadonlyArray<Event>, Err, R>
}

/** Builds a decider; an identity that fixes the type parameters from the functions given. */
export const make = <Command, Event, State, Err = never, R = never>(
  decider: Decider<Command, Event, State, Err, R>
): Decider<Command, Event, State, Err, R> => decider

/** Folds events into state from the decider's initial state. */
export const fold = <Event, State>(
  decider: { readonly initialState: State; readonly evolve: (state: State, event: Event) => State },
  events: Iterable<Event>,
  from: State = decider.initialState
): State => {
  let state = from
  for (const event of events) state = decider.evolve(state, event)
  return state
}
