import { describe, expect, it } from "@effect/vitest"
import {
  EventStore,
  ExpectedVersion,
  ManualClock,
  ReadModel,
  ReadModelRunner,
  ReadModelStore,
  Table
} from "@kemitraan/eventsourcing"
import { Effect, Option, Schema } from "effect"
import { type AccountEvent, AccountEvents, Deposited } from "./fixtures/Account.js"

/** The sum of the deposits, in one row. */
const Total = Table.make({ name: "total", row: Schema.Struct({ id: Schema.String, sum: Schema.Int }), key: ["id"] })
const totals = ReadModel.make<AccountEvent>({
  name: "totals",
  version: 1,
  catalog: AccountEvents,
  tables: [Total],
  lookups: () => [ReadModel.lookup(Total, { id: "all" })],
  evolve: (rows, { event }) => {
    if (event._tag !== "Deposited") return
    rows.put(Total, { id: "all", sum: (rows.get(Total, { id: "all" })?.sum ?? 0) + event.amount })
  }
})

const day = (date: string) => Date.parse(`${date}T00:00:00Z`)

/** Deposits recorded in this order, each at the instant the clock reads: 2023, then 2021, then 2022. */
const recordOutOfOrder = Effect.gen(function* () {
  const clock = ManualClock.make(0)
  for (const [date, amount] of [
    ["2023-01-01", 100],
    ["2021-01-01", 10],
    ["2022-01-01", 1]
  ] as const) {
    clock.set(day(date))
    yield* EventStore.appendEvents(AccountEvents, "Account-a", ExpectedVersion.any, [
      Deposited.make({ accountId: "a", amount })
    ]).pipe(Effect.withClock(clock))
  }
})

const sumAsOf = (
  position: number,
  include?: (event: { readonly metadata: { readonly occurredAt: Date } }) => boolean
) =>
  Effect.flatMap(ReadModelRunner.asOf(totals, position, { include }), (store) =>
    ReadModelStore.get(Total, { id: "all" }).pipe(
      Effect.map(Option.match({ onNone: () => 0, onSome: (row) => row.sum })),
      Effect.provideService(ReadModelStore.ReadModelStore, store)
    )
  )

describe("ReadModelRunner.asOf with include", () => {
  it.effect("folds only the events the filter admits, whatever order they were recorded in", () =>
    Effect.gen(function* () {
      yield* recordOutOfOrder
      const byBusinessTime = (until: string) => (event: { readonly metadata: { readonly occurredAt: Date } }) =>
        event.metadata.occurredAt.getTime() <= day(until)
      expect(yield* sumAsOf(Number.MAX_SAFE_INTEGER, byBusinessTime("2021-06-30"))).toBe(10)
      expect(yield* sumAsOf(Number.MAX_SAFE_INTEGER, byBusinessTime("2022-06-30"))).toBe(11)
      expect(yield* sumAsOf(Number.MAX_SAFE_INTEGER, byBusinessTime("2023-06-30"))).toBe(111)
      // By position, the first event recorded is the 2023 one.
      expect(yield* sumAsOf(1)).toBe(100)
      // Both together: the first two recorded, of which only the 2021 one occurred by 2022.
      expect(yield* sumAsOf(2, byBusinessTime("2022-06-30"))).toBe(10)
    }).pipe(Effect.provide(EventStore.layerMemory))
  )
})
