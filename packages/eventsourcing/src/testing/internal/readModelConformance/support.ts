import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Option from "effect/Option"
import * as Runtime from "effect/Runtime"
import * as fc from "fast-check"
import { expect } from "vitest"
import * as EventStore from "../../../EventStore.js"
import { any } from "../../../ExpectedVersion.js"
import type { ReadModel } from "../../../ReadModel.js"
import * as ReadModelRunner from "../../../ReadModelRunner.js"
import * as ReadModelStore from "../../../ReadModelStore.js"
import type { RecordedEvent } from "../../../RecordedEvent.js"
import {
  Closed,
  Deposited,
  type LedgerEvent,
  LedgerEvents,
  ledgerTables,
  Opened,
  streamOf,
  Transferred,
  Withdrew
} from "./ledger.js"
import { fold } from "./oracle.js"
import type { ReadModelCase, ReadModelLayer } from "./ReadModelCase.js"

/** What a case needs: both stores, built for it alone. */
export type Stores = EventStore.EventStore | ReadModelStore.ReadModelStore

const account = fc.constantFrom("a", "b", "c", "d", "e")
const amount = fc.integer({ min: 1, max: 500 })

/** Any ledger event: opens, deposits, withdrawals, transfers and closures of five accounts. */
export const ledgerEvent: fc.Arbitrary<LedgerEvent> = fc.oneof(
  {
    weight: 3,
    arbitrary: fc
      .record({ account, owner: fc.constantFrom("ani", "budi", "citra"), branch: fc.constantFrom(null, "jkt", "sby") })
      .map((fields) => Opened.make(fields))
  },
  { weight: 3, arbitrary: fc.record({ account, amount }).map((fields) => Deposited.make(fields)) },
  { weight: 2, arbitrary: fc.record({ account, amount }).map((fields) => Withdrew.make(fields)) },
  { weight: 3, arbitrary: fc.record({ from: account, to: account, amount }).map((fields) => Transferred.make(fields)) },
  { weight: 1, arbitrary: fc.record({ account }).map((fields) => Closed.make(fields)) }
)

/** Up to `maxLength` ledger events. */
export const ledgerEvents = (maxLength: number): fc.Arbitrary<Array<LedgerEvent>> =>
  fc.array(ledgerEvent, { maxLength })

/** Appends events in order, consecutive events of one stream in one append. */
export const appendAll = (events: ReadonlyArray<LedgerEvent>): Effect.Effect<void, unknown, EventStore.EventStore> =>
  Effect.gen(function* () {
    let start = 0
    while (start < events.length) {
      const stream = streamOf(events[start]!)
      let end = start + 1
      while (end < events.length && streamOf(events[end]!) === stream) end++
      yield* EventStore.appendEvents(LedgerEvents, stream, any, events.slice(start, end))
      start = end
    }
  })

/** The log as recorded, up to the first event that does not decode. */
export const history: Effect.Effect<Array<RecordedEvent<LedgerEvent>>, unknown, EventStore.EventStore> = Effect.gen(
  function* () {
    const store = yield* EventStore.EventStore
    const head = yield* store.headPosition
    const recorded: Array<RecordedEvent<LedgerEvent>> = []
    for (const stored of yield* store.readAllPage(0, head + 1)) {
      const decoded = LedgerEvents.decode(stored)
      if (Either.isLeft(decoded)) break
      recorded.push(decoded.right)
    }
    return recorded
  }
)

/** The stored checkpoint of a read model. */
export const checkpointOf = (
  model: ReadModel<LedgerEvent>
): Effect.Effect<Option.Option<ReadModelStore.Checkpoint>, unknown, ReadModelStore.ReadModelStore> =>
  Effect.flatMap(ReadModelStore.ReadModelStore, (store) => store.checkpoint(model.name))

/** Expects the tables to hold exactly what a rebuild from 0 stopped at `position` holds. */
export const expectTablesAt = (
  model: ReadModel<LedgerEvent>,
  log: ReadonlyArray<RecordedEvent<LedgerEvent>>,
  position: number,
  message?: string
): Effect.Effect<void, unknown, ReadModelStore.ReadModelStore> =>
  Effect.map(ReadModelRunner.snapshot(model), (tables) => {
    expect(tables, message ?? `the tables as of position ${position}`).toEqual(fold(model, log, position))
  })

/**
 * Expects the stored checkpoint to be of `model`'s version and the tables to show the log exactly
 * up to it (nothing when there is none): what every commit, and every crash between commits, leaves.
 * Returns the checkpoint's position.
 */
export const expectTablesAtCheckpoint = (
  model: ReadModel<LedgerEvent>,
  log: ReadonlyArray<RecordedEvent<LedgerEvent>>
): Effect.Effect<number, unknown, ReadModelStore.ReadModelStore> =>
  Effect.gen(function* () {
    const saved = yield* checkpointOf(model)
    const position = Option.match(saved, { onNone: () => 0, onSome: (checkpoint) => checkpoint.position })
    if (Option.isSome(saved)) expect(saved.value).toEqual({ name: model.name, version: model.version, position })
    yield* expectTablesAt(model, log, position, `the tables as of their checkpoint at ${position}`)
    return position
  })

/** A case that runs `effect` against stores built for it alone, the ledger's tables created. */
export const storeCase = (name: string, effect: Effect.Effect<void, unknown, Stores>): ReadModelCase => ({
  name,
  run: (layer) => Effect.provide(withTables(effect), layer)
})

/** A case that checks `check` for `runs` samples of `arbitrary`, each against stores built for it alone. */
export const propertyCase = <A>(
  name: string,
  arbitrary: fc.Arbitrary<A>,
  runs: number,
  check: (sample: A) => Effect.Effect<void, unknown, Stores>
): ReadModelCase => ({
  name,
  run: (layer: ReadModelLayer) =>
    Effect.gen(function* () {
      const run = Runtime.runPromise(yield* Effect.runtime<never>())
      yield* Effect.promise(() =>
        fc.assert(
          fc.asyncProperty(arbitrary, (sample) => run(Effect.provide(withTables(check(sample)), layer))),
          { numRuns: runs }
        )
      )
    })
})

const withTables = <A, E>(effect: Effect.Effect<A, E, Stores>) =>
  Effect.zipRight(ReadModelStore.createTables([{ tables: ledgerTables }]), effect)
