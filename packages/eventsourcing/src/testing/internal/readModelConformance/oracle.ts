/**
 * What a read model's tables must hold after the log up to a position: `evolve` folded over every
 * event into plain maps. It shares nothing with the runner or the stores (no pages, look-ups,
 * caches, undo or commits), so it is the rebuild from 0 every run is compared with.
 */
import type { ReadModel, Rows } from "../../../ReadModel.js"
import type { RecordedEvent } from "../../../RecordedEvent.js"
import type { AnyRow, AnyTable } from "../../../Table.js"

/** Every table's rows, by table name, in key order: what `ReadModelRunner.snapshot` gives. */
export type Tables = Record<string, ReadonlyArray<AnyRow>>

const idOf = (row: AnyRow, fields: ReadonlyArray<string>): string => JSON.stringify(fields.map((f) => row[f]))

// Keys of the suite's tables are text and integers, never null: numbers by value, text by code unit.
const byKey =
  (fields: ReadonlyArray<string>) =>
  (a: AnyRow, b: AnyRow): number => {
    for (const field of fields) {
      const x = a[field]
      const y = b[field]
      if (x === y) continue
      if (typeof x === "number" && typeof y === "number") return x - y
      return String(x) < String(y) ? -1 : 1
    }
    return 0
  }

/** The tables of `model` after folding `events` (those at or before `upTo`) from nothing. */
export const fold = <Event extends { readonly _tag: string }>(
  model: ReadModel<Event>,
  events: ReadonlyArray<RecordedEvent<Event>>,
  upTo: number = Number.MAX_SAFE_INTEGER
): Tables => {
  const tables = new Map<string, Map<string, AnyRow>>(model.tables.map((table) => [table.name, new Map()]))
  const of = (table: AnyTable) => tables.get(table.name)!
  const matching = (table: AnyTable, where: AnyRow) =>
    [...of(table).values()]
      .filter((row) => Object.keys(where).every((field) => row[field] === where[field]))
      .sort(byKey(table.key))
  // The oracle's rows are the rows `evolve` put: of the table's row type.
  const rows: Rows = {
    get: (table, key) => of(table).get(idOf(key, table.key)) as never,
    find: (table, where) => matching(table, where) as never,
    put: (table, row) => void of(table).set(idOf(row, table.key), row),
    remove: (table, key) => void of(table).delete(idOf(key, table.key))
  }
  const wanted = model.eventTypes === undefined ? undefined : new Set<string>(model.eventTypes)
  for (const event of events) {
    if (event.position > upTo) break
    if (wanted === undefined || wanted.has(event.type)) model.evolve(rows, event)
  }
  return Object.fromEntries(model.tables.map((table) => [table.name, matching(table, {})]))
}
