/**
 * A small domain-free read model for tests of projection workers: one table of counters per model
 * name, so that a test can run several models at once. No vitest here: plain processes load it.
 */
import * as Effect from "effect/Effect"
import * as Schema from "effect/Schema"
import * as EventCatalog from "../../EventCatalog.js"
import * as EventStore from "../../EventStore.js"
import { any } from "../../ExpectedVersion.js"
import * as ReadModel from "../../ReadModel.js"
import * as ReadModelRunner from "../../ReadModelRunner.js"
import * as ReadModelStore from "../../ReadModelStore.js"
import * as Table from "../../Table.js"

/** The event of {@link tally}: a counter went up by one. */
export const Ticked = Schema.TaggedStruct("Ticked", { counter: Schema.String })

/** The catalogue of {@link tally}'s one event. */
export const TallyEvents = EventCatalog.make(Ticked)

/** The table of a tally read model named `name`: the ticks of each counter, and the last position. */
export const tallyTable = (name: string) =>
  Table.make({
    name: `${name.replaceAll("-", "_")}_tallies`,
    row: Schema.Struct({ counter: Schema.String, ticks: Schema.NonNegativeInt, last: Schema.NonNegativeInt }),
    key: ["counter"]
  })

/** A read model counting ticks per counter; each name has its own table. */
export const tally = (name: string): ReadModel.ReadModel<typeof Ticked.Type> => {
  const table = tallyTable(name)
  return ReadModel.make({
    name,
    version: 1,
    catalog: TallyEvents,
    tables: [table],
    lookups: ({ event }) => [ReadModel.lookup(table, { counter: event.counter })],
    evolve: (rows, { event, position }) => {
      const ticks = rows.get(table, { counter: event.counter })?.ticks ?? 0
      rows.put(table, { counter: event.counter, ticks: ticks + 1, last: position })
    }
  })
}

/** Appends ticks of counters, one append each, to the counter's own stream. */
export const appendTicks = (counters: ReadonlyArray<string>): Effect.Effect<void, unknown, EventStore.EventStore> =>
  Effect.forEach(
    counters,
    (counter) => EventStore.appendEvents(TallyEvents, `counter-${counter}`, any, [Ticked.make({ counter })]),
    { discard: true }
  )

/**
 * A read model's tables as stored, and as a fold of the whole log from 0 into memory gives them:
 * after a worker caught up, the two must be equal.
 */
export const storedAndRebuilt = <Event extends { readonly _tag: string }>(
  model: ReadModel.ReadModel<Event>
): Effect.Effect<
  {
    readonly stored: Record<string, ReadonlyArray<Table.AnyRow>>
    readonly rebuilt: Record<string, ReadonlyArray<Table.AnyRow>>
  },
  ReadModelRunner.ReadModelError,
  EventStore.EventStore | ReadModelStore.ReadModelStore
> =>
  Effect.gen(function* () {
    const stored = yield* ReadModelRunner.snapshot(model)
    const memory = yield* ReadModelRunner.run(model)
    const rebuilt = yield* Effect.provideService(ReadModelRunner.snapshot(model), ReadModelStore.ReadModelStore, memory)
    return { stored, rebuilt }
  })
