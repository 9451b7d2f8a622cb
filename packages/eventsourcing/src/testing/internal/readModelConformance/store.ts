import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import { expect } from "vitest"
import * as ReadModel from "../../../ReadModel.js"
import * as ReadModelStore from "../../../ReadModelStore.js"
import { Accounts, ledgerName, Movements, Owners, Transfers } from "./ledger.js"
import type { ReadModelGroup } from "./ReadModelCase.js"
import { storeCase } from "./support.js"

const account = (name: string, owner: string, balance: number, open = true) => ({
  account: name,
  owner,
  branch: null,
  balance,
  open,
  movements: 0
})

const checkpoint = (position: number) => ({ name: ledgerName, version: 1, position })

const commitAndCheckpoint = storeCase(
  "a commit writes its rows and its checkpoint together; one whose previous position is not the stored one fails with CheckpointMoved naming both and writes nothing",
  Effect.gen(function* () {
    const store = yield* ReadModelStore.ReadModelStore
    const [a, b, c] = [account("a", "ani", 5), account("b", "budi", 7), account("c", "citra", 9)]
    yield* store.commit({
      checkpoint: checkpoint(3),
      previous: 0,
      changes: [{ table: Accounts, upserts: [b, a], deletes: [] }]
    })
    expect(yield* ReadModelStore.list(Accounts)).toEqual([a, b])
    expect(yield* store.checkpoint(ledgerName)).toEqual(Option.some(checkpoint(3)))
    const late = store.commit({
      checkpoint: checkpoint(5),
      previous: 0,
      changes: [{ table: Accounts, upserts: [c], deletes: [{ account: "a" }] }]
    })
    const moved = yield* Effect.flip(late)
    expect(moved).toMatchObject({ _tag: "CheckpointMoved", name: ledgerName, expected: 0, actual: 3 })
    expect(yield* ReadModelStore.list(Accounts)).toEqual([a, b])
    expect(yield* store.checkpoint(ledgerName)).toEqual(Option.some(checkpoint(3)))
    const richer = { ...b, balance: 70 }
    yield* store.commit({
      checkpoint: checkpoint(5),
      previous: 3,
      changes: [{ table: Accounts, upserts: [c, richer], deletes: [{ account: "a" }, { account: "never" }] }]
    })
    expect(yield* ReadModelStore.list(Accounts)).toEqual([richer, c])
    expect(yield* store.checkpoint(ledgerName)).toEqual(Option.some(checkpoint(5)))
  })
)

const otherVersion = storeCase(
  "a commit of another version of the model over the stored checkpoint, at the same position, fails with CheckpointMoved and writes nothing",
  Effect.gen(function* () {
    const store = yield* ReadModelStore.ReadModelStore
    const a = account("a", "ani", 5)
    yield* store.commit({ checkpoint: { ...checkpoint(3), version: 2 }, previous: 0, changes: [] })
    const stale = store.commit({
      checkpoint: checkpoint(4),
      previous: 3,
      changes: [{ table: Accounts, upserts: [a], deletes: [] }]
    })
    const moved = yield* Effect.flip(stale)
    expect(moved).toMatchObject({ _tag: "CheckpointMoved", version: 1, actualVersion: 2 })
    expect(yield* ReadModelStore.list(Accounts)).toEqual([])
    expect(yield* store.checkpoint(ledgerName)).toEqual(Option.some({ ...checkpoint(3), version: 2 }))
  })
)

const resetAndCreate = storeCase(
  "reset empties the tables it is given and forgets the checkpoint, leaving other tables; creating tables again keeps their rows",
  Effect.gen(function* () {
    const store = yield* ReadModelStore.ReadModelStore
    const owner = { owner: "ani", accounts: 1, balance: 5, overdrawn: false }
    yield* store.commit({
      checkpoint: checkpoint(2),
      previous: 0,
      changes: [
        { table: Accounts, upserts: [account("a", "ani", 5)], deletes: [] },
        { table: Owners, upserts: [owner], deletes: [] }
      ]
    })
    yield* store.reset(ledgerName, [Accounts])
    expect(yield* ReadModelStore.list(Accounts)).toEqual([])
    expect(yield* store.checkpoint(ledgerName)).toEqual(Option.none())
    yield* ReadModelStore.createTables([{ tables: [Accounts, Owners, Transfers, Movements] }])
    expect(yield* ReadModelStore.list(Owners)).toEqual([owner])
  })
)

const resetOverMoved = storeCase(
  "a reset over the checkpoint a run saw (none, or one) fails with CheckpointMoved and empties nothing when another run committed since; over the same one it empties",
  Effect.gen(function* () {
    const store = yield* ReadModelStore.ReadModelStore
    const a = account("a", "ani", 5)
    yield* store.commit({
      checkpoint: checkpoint(2),
      previous: 0,
      changes: [{ table: Accounts, upserts: [a], deletes: [] }]
    })
    const overNone = yield* Effect.flip(store.reset(ledgerName, [Accounts], undefined, Option.none()))
    expect(overNone).toMatchObject({ _tag: "CheckpointMoved", name: ledgerName, expected: 0, actual: 2 })
    const overOlder = yield* Effect.flip(store.reset(ledgerName, [Accounts], undefined, Option.some(checkpoint(1))))
    expect(overOlder).toMatchObject({ _tag: "CheckpointMoved", expected: 1, actual: 2 })
    expect(yield* ReadModelStore.list(Accounts)).toEqual([a])
    expect(yield* store.checkpoint(ledgerName)).toEqual(Option.some(checkpoint(2)))
    yield* store.reset(ledgerName, [Accounts], undefined, Option.some(checkpoint(2)))
    expect(yield* ReadModelStore.list(Accounts)).toEqual([])
    yield* store.reset(ledgerName, [Accounts], undefined, Option.none())
    expect(yield* store.checkpoint(ledgerName)).toEqual(Option.none())
  })
)

// Values a store must keep exactly: text beyond ASCII, empty text, null, both booleans, negative
// and the largest safe integers; keys whose text and integer order differ.
const accounts = [
  { account: "B", owner: "Ñoño ✓", branch: "", balance: Number.MAX_SAFE_INTEGER, open: true, movements: 0 },
  { account: "a", owner: "ani", branch: null, balance: -Number.MAX_SAFE_INTEGER, open: false, movements: 10 },
  { account: "a b", owner: "ani", branch: "jkt", balance: 0, open: true, movements: 2 },
  { account: "aa", owner: "budi", branch: null, balance: -1, open: true, movements: 9 }
]
const movements = [10, 9, 2, 100].map((seq) => ({ account: "a", seq, amount: -seq, counterparty: null }))
const transfers = [
  { fromAccount: "aa", toAccount: "a b", transfers: 1, total: 3, lastAmount: 3 },
  { fromAccount: "a", toAccount: "a b", transfers: 2, total: 8, lastAmount: 5 },
  { fromAccount: "a", toAccount: "aa", transfers: 1, total: 1, lastAmount: 1 }
]

const queries = storeCase(
  "rows keep text, null, booleans and integers exactly; list, get and load find them by key, by index and by any field (null too), in key order",
  Effect.gen(function* () {
    const store = yield* ReadModelStore.ReadModelStore
    yield* store.commit({
      checkpoint: checkpoint(1),
      previous: 0,
      changes: [
        { table: Accounts, upserts: accounts, deletes: [] },
        { table: Movements, upserts: movements, deletes: [] },
        { table: Transfers, upserts: transfers, deletes: [] }
      ]
    })
    const [upper, a, ab, aa] = accounts
    expect(yield* ReadModelStore.list(Accounts)).toEqual([upper, a, ab, aa])
    expect(yield* ReadModelStore.list(Movements)).toEqual(
      [2, 9, 10, 100].map((seq) => movements.find((m) => m.seq === seq))
    )
    expect(yield* ReadModelStore.list(Movements, { account: "a" })).toHaveLength(4)
    expect(yield* ReadModelStore.list(Accounts, { owner: "ani" })).toEqual([a, ab])
    expect(yield* ReadModelStore.list(Accounts, { open: false })).toEqual([a])
    expect(yield* ReadModelStore.list(Accounts, { branch: null })).toEqual([a, aa])
    expect(yield* ReadModelStore.list(Accounts, { branch: "" })).toEqual([upper])
    expect(yield* ReadModelStore.list(Accounts, { owner: "ani", open: true })).toEqual([ab])
    expect(yield* ReadModelStore.list(Transfers, { toAccount: "a b" })).toEqual([transfers[1], transfers[0]])
    expect(yield* ReadModelStore.get(Accounts, { account: "a b" })).toEqual(Option.some(ab))
    expect(yield* ReadModelStore.get(Accounts, { account: "A" })).toEqual(Option.none())
    expect(yield* ReadModelStore.get(Movements, { account: "a", seq: 9 })).toEqual(Option.some(movements[1]))
    const loaded = yield* store.load([
      ReadModel.lookup(Accounts, { account: "aa" }),
      ReadModel.lookup(Accounts, { owner: "ani" }),
      ReadModel.lookup(Transfers, { fromAccount: "a" }),
      ReadModel.lookup(Transfers, { fromAccount: "a", toAccount: "aa" }),
      ReadModel.lookup(Accounts, { account: "zz" })
    ])
    expect(loaded).toEqual([[aa], [a, ab], [transfers[1], transfers[2]], [transfers[2]], []])
  })
)

/** The store's own operations, called directly. */
export const storeGroup: ReadModelGroup = {
  name: "store",
  cases: [commitAndCheckpoint, otherVersion, resetAndCreate, resetOverMoved, queries]
}
