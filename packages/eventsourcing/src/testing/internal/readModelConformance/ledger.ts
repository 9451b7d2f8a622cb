/**
 * The suite's read-model family: a small ledger of accounts, domain-free and its own. Its tables
 * cover what a store must keep: a composite key of two texts and one of text and integer, a
 * secondary index, deletes, nullable columns, integers (negative ones too), booleans and text. Some
 * rows can only be found from other rows (an account's owner), so `evolve` reads rows its look-ups
 * did not name, and the runner undoes and folds such events again.
 */
import * as Schema from "effect/Schema"
import * as EventCatalog from "../../../EventCatalog.js"
import * as ReadModel from "../../../ReadModel.js"
import type { Rows } from "../../../ReadModel.js"
import * as Table from "../../../Table.js"

/** An account opened, or opened again: it (re)joins its owner's accounts. */
export const Opened = Schema.TaggedStruct("Opened", {
  account: Schema.String,
  owner: Schema.String,
  branch: Schema.NullOr(Schema.String)
})

/** Money paid into an account. */
export const Deposited = Schema.TaggedStruct("Deposited", { account: Schema.String, amount: Schema.Int })

/** Money taken out of an account; a balance may go below zero. */
export const Withdrew = Schema.TaggedStruct("Withdrew", { account: Schema.String, amount: Schema.Int })

/** Money moved between two accounts. */
export const Transferred = Schema.TaggedStruct("Transferred", {
  from: Schema.String,
  to: Schema.String,
  amount: Schema.Int
})

/** An account closed: it leaves its owner, and the transfers to and from it are forgotten. */
export const Closed = Schema.TaggedStruct("Closed", { account: Schema.String })

/** The ledger's events. */
export type LedgerEvent =
  typeof Opened.Type | typeof Deposited.Type | typeof Withdrew.Type | typeof Transferred.Type | typeof Closed.Type

/** The ledger's catalogue. */
export const LedgerEvents = EventCatalog.make(Opened, Deposited, Withdrew, Transferred, Closed)

/** The stream an event belongs to: its account's (a transfer's sender's). */
export const streamOf = (event: LedgerEvent): string =>
  `account-${event._tag === "Transferred" ? event.from : event.account}`

const Account = Schema.Struct({
  account: Schema.String,
  owner: Schema.String,
  branch: Schema.NullOr(Schema.String),
  balance: Schema.Int,
  open: Schema.Boolean,
  movements: Schema.NonNegativeInt
})

/** One row per account; found by owner through an index. */
export const Accounts = Table.make({
  name: "ledger_accounts",
  row: Account,
  key: ["account"],
  indexes: [["owner"]]
})

/** One row per owner with an open account: a row whose value follows other tables' rows. */
export const Owners = Table.make({
  name: "ledger_owners",
  row: Schema.Struct({
    owner: Schema.String,
    accounts: Schema.NonNegativeInt,
    balance: Schema.Int,
    overdrawn: Schema.Boolean
  }),
  key: ["owner"]
})

/** Transfers per pair of open accounts: a composite key of two texts, found by either side. */
export const Transfers = Table.make({
  name: "ledger_transfers",
  row: Schema.Struct({
    fromAccount: Schema.String,
    toAccount: Schema.String,
    transfers: Schema.NonNegativeInt,
    total: Schema.Int,
    lastAmount: Schema.Int
  }),
  key: ["fromAccount", "toAccount"],
  indexes: [["toAccount"], ["fromAccount"]]
})

/**
 * The last movements of each account: a composite key of text and integer, whose oldest row is
 * deleted with every new one, without being read.
 */
export const Movements = Table.make({
  name: "ledger_movements",
  row: Schema.Struct({
    account: Schema.String,
    seq: Schema.Int,
    amount: Schema.Int,
    counterparty: Schema.NullOr(Schema.String)
  }),
  key: ["account", "seq"]
})

/** Movements kept per account. */
export const keptMovements = 3

type Account = typeof Account.Type

const joinOwner = (rows: Rows, owner: string, balance: number): void => {
  const old = rows.get(Owners, { owner })
  const total = (old?.balance ?? 0) + balance
  rows.put(Owners, { owner, accounts: (old?.accounts ?? 0) + 1, balance: total, overdrawn: total < 0 })
}

// The owner comes from the account's row, not from the event: a read no look-up names.
const leaveOwner = (rows: Rows, account: Account): void => {
  const old = rows.get(Owners, { owner: account.owner })
  if (old === undefined) return
  if (old.accounts <= 1) return rows.remove(Owners, { owner: account.owner })
  const balance = old.balance - account.balance
  rows.put(Owners, { owner: account.owner, accounts: old.accounts - 1, balance, overdrawn: balance < 0 })
}

const move = (rows: Rows, account: Account, amount: number, counterparty: string | null): void => {
  const seq = account.movements + 1
  rows.put(Accounts, { ...account, balance: account.balance + amount, movements: seq })
  rows.put(Movements, { account: account.account, seq, amount, counterparty })
  rows.remove(Movements, { account: account.account, seq: seq - keptMovements })
  const owner = rows.get(Owners, { owner: account.owner })
  if (owner === undefined) return
  const balance = owner.balance + amount
  rows.put(Owners, { ...owner, balance, overdrawn: balance < 0 })
}

const openAccount = (rows: Rows, account: string): Account | undefined => {
  const row = rows.get(Accounts, { account })
  return row?.open === true ? row : undefined
}

const close = (rows: Rows, account: Account, keepClosed: boolean): void => {
  leaveOwner(rows, account)
  // Transfers from the account are found by an index no look-up names; those to it by one it does.
  for (const pair of rows.find(Transfers, { fromAccount: account.account })) rows.remove(Transfers, pair)
  for (const pair of rows.find(Transfers, { toAccount: account.account })) rows.remove(Transfers, pair)
  if (keepClosed) return rows.put(Accounts, { ...account, open: false })
  rows.remove(Accounts, { account: account.account })
  for (let seq = account.movements; seq > account.movements - keptMovements && seq > 0; seq--) {
    rows.remove(Movements, { account: account.account, seq })
  }
}

const evolveWith =
  (keepClosed: boolean) =>
  (rows: Rows, { event }: { readonly event: LedgerEvent }): void => {
    switch (event._tag) {
      case "Opened": {
        const old = rows.get(Accounts, { account: event.account })
        if (old?.open === true) leaveOwner(rows, old)
        const balance = old?.balance ?? 0
        rows.put(Accounts, {
          account: event.account,
          owner: event.owner,
          branch: event.branch,
          balance,
          open: true,
          movements: old?.movements ?? 0
        })
        return joinOwner(rows, event.owner, balance)
      }
      case "Deposited":
      case "Withdrew": {
        const account = openAccount(rows, event.account)
        if (account === undefined) return
        return move(rows, account, event._tag === "Deposited" ? event.amount : -event.amount, null)
      }
      case "Transferred": {
        const from = openAccount(rows, event.from)
        const to = openAccount(rows, event.to)
        if (from === undefined || to === undefined || event.from === event.to) return
        move(rows, from, -event.amount, event.to)
        move(rows, to, event.amount, event.from)
        const pair = rows.get(Transfers, { fromAccount: event.from, toAccount: event.to })
        return rows.put(Transfers, {
          fromAccount: event.from,
          toAccount: event.to,
          transfers: (pair?.transfers ?? 0) + 1,
          total: (pair?.total ?? 0) + event.amount,
          lastAmount: event.amount
        })
      }
      case "Closed": {
        const account = openAccount(rows, event.account)
        if (account !== undefined) close(rows, account, keepClosed)
      }
    }
  }

const lookups = ({ event }: { readonly event: LedgerEvent }): ReadonlyArray<ReadModel.Lookup> => {
  switch (event._tag) {
    case "Opened":
      return [ReadModel.lookup(Accounts, { account: event.account }), ReadModel.lookup(Owners, { owner: event.owner })]
    case "Deposited":
    case "Withdrew":
      return [ReadModel.lookup(Accounts, { account: event.account })]
    case "Transferred":
      return [
        ReadModel.lookup(Accounts, { account: event.from }),
        ReadModel.lookup(Accounts, { account: event.to }),
        ReadModel.lookup(Transfers, { fromAccount: event.from, toAccount: event.to })
      ]
    case "Closed":
      return [
        ReadModel.lookup(Accounts, { account: event.account }),
        ReadModel.lookup(Transfers, { toAccount: event.account })
      ]
  }
}

/** The ledger's tables, the same in every version. */
export const ledgerTables = [Accounts, Owners, Transfers, Movements]

/** The ledger's name: every version of it shares it, and so its checkpoint and tables. */
export const ledgerName = "conformance-ledger"

/**
 * The ledger read model. Version 1 keeps closed accounts (not open); version 2 deletes them with
 * their movements, so rows version 1 left behind are wrong for version 2.
 */
export const ledger = (version: 1 | 2): ReadModel.ReadModel<LedgerEvent> =>
  ReadModel.make({
    name: ledgerName,
    version,
    catalog: LedgerEvents,
    tables: ledgerTables,
    lookups,
    evolve: evolveWith(version === 1)
  })
