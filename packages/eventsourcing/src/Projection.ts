/**
 * A projection: a read model folded from recorded events. It has a name and a version; a runner
 * keeps a checkpoint per name and rebuilds from position 0 when the version changes.
 *
 * `evolve` is a plain function. It may update the state it is given in place and return it: the
 * runner owns every state it folds, never shares one between runs, and never reads a state again
 * after handing it to `evolve`. That keeps large read models (hundreds of thousands of businesses)
 * fast without copying. `initialState` is therefore a function that makes a fresh state.
 *
 * @since 0.1.0
 */
import { type Either, type ParseResult, Schema } from "effect"
import type { EventCatalog } from "./EventCatalog.js"
import type { RecordedEvent } from "./RecordedEvent.js"

/** A named, versioned fold over recorded events of a catalogue. */
export interface Projection<State, Event extends { readonly _tag: string }> {
  /** Unique within a checkpoint store. */
  readonly name: string
  /** Bump it when `evolve` changes meaning: the runner then rebuilds from position 0. */
  readonly version: number
  readonly catalog: EventCatalog<Event>
  /** When given, only events of these types are decoded and folded; others are skipped. */
  readonly eventTypes?: ReadonlyArray<Event["_tag"]> | undefined
  /** Makes a fresh, empty state. */
  readonly initialState: () => State
  /** Folds one event into the state. Deterministic; touches nothing but the state. */
  readonly evolve: (state: State, event: RecordedEvent<Event>) => State
  /** How the state is saved beside its checkpoint (as JSON). */
  readonly stateCodec: StateCodec<State>
}

/** Encodes a projection's state to JSON-ready values and back. */
export interface StateCodec<State> {
  readonly encode: (state: State) => Either.Either<unknown, ParseResult.ParseError>
  readonly decode: (encoded: unknown) => Either.Either<State, ParseResult.ParseError>
}

/** A projection as written by hand: like {@link Projection}, with a schema for its state. */
export interface ProjectionDefinition<State, StateEncoded, Event extends { readonly _tag: string }> extends Omit<
  Projection<State, Event>,
  "stateCodec"
> {
  /** How the state is saved beside its checkpoint (as JSON). */
  readonly stateSchema: Schema.Schema<State, StateEncoded>
}

/** Builds a projection from its definition, compiling the state schema once. */
export const make = <State, StateEncoded, Event extends { readonly _tag: string }>(
  definition: ProjectionDefinition<State, StateEncoded, Event>
): Projection<State, Event> => {
  const { stateSchema, ...projection } = definition
  return { ...projection, stateCodec: stateCodecOf(stateSchema) }
}

/** A state codec from a schema. */
export const stateCodecOf = <State, StateEncoded>(schema: Schema.Schema<State, StateEncoded>): StateCodec<State> => {
  const encode = Schema.encodeEither(schema)
  const decode = Schema.decodeUnknownEither(schema)
  return { encode: (state) => encode(state), decode: (encoded) => decode(encoded) }
}

/** A projection's state and the last global position folded into it. */
export interface ProjectionState<State> {
  readonly state: State
  /** The global position of the last event seen (folded or skipped); 0 before any. */
  readonly position: number
}
