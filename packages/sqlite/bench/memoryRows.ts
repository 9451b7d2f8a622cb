/**
 * The raw side's tables while it folds: every row in memory, as plain code would keep them (a map
 * by key, a map of keys per index value), behind the `ReadModel.Rows` view the models' `evolve`s
 * write through. Nothing is checked; the rows are written to SQLite once the log is folded.
 */
import type { ReadModel, Table } from "@kemitraan/eventsourcing"

/** The string a row is found by: its values in the given fields. */
const keyOf = (row: Table.AnyRow, fields: ReadonlyArray<string>): string => {
  let key = ""
  for (const field of fields) {
    const value = row[field]
    key += typeof value === "string" ? `s${value}\u0000` : `${String(value)}\u0000`
  }
  return key
}

const sameFields = (a: ReadonlyArray<string>, b: ReadonlyArray<string>): boolean =>
  a.length === b.length && a.every((field) => b.includes(field))

const compareBy =
  (fields: ReadonlyArray<string>) =>
  (a: Table.AnyRow, b: Table.AnyRow): number => {
    for (const field of fields) {
      const x = a[field]
      const y = b[field]
      if (x === y) continue
      if (typeof x === "number" && typeof y === "number") return x - y
      return String(x) < String(y) ? -1 : 1
    }
    return 0
  }

interface Index {
  readonly fields: ReadonlyArray<string>
  readonly keys: Map<string, Set<string>>
}

/** One table's rows. */
class MemoryTable {
  readonly rows = new Map<string, Table.AnyRow>()
  readonly indexes: ReadonlyArray<Index>
  readonly order: (a: Table.AnyRow, b: Table.AnyRow) => number

  constructor(readonly table: Table.AnyTable) {
    this.indexes = table.indexes.map((fields) => ({ fields, keys: new Map() }))
    this.order = compareBy(table.key)
  }

  get(key: Table.AnyRow): Table.AnyRow | undefined {
    return this.rows.get(keyOf(key, this.table.key))
  }

  find(where: Table.AnyRow): Array<Table.AnyRow> {
    const fields = Object.keys(where)
    if (sameFields(fields, this.table.key)) {
      const row = this.get(where)
      return row === undefined ? [] : [row]
    }
    const index = this.indexes.find((candidate) => sameFields(candidate.fields, fields))
    if (index === undefined) throw new Error(`table "${this.table.name}": no index on (${fields.join(", ")})`)
    const found: Array<Table.AnyRow> = []
    for (const key of index.keys.get(keyOf(where, index.fields)) ?? []) found.push(this.rows.get(key)!)
    return found.sort(this.order)
  }

  put(row: Table.AnyRow): void {
    const key = keyOf(row, this.table.key)
    const old = this.rows.get(key)
    if (old !== undefined) this.unindex(key, old)
    this.rows.set(key, row)
    for (const index of this.indexes) {
      const value = keyOf(row, index.fields)
      let keys = index.keys.get(value)
      if (keys === undefined) {
        keys = new Set()
        index.keys.set(value, keys)
      }
      keys.add(key)
    }
  }

  remove(key: Table.AnyRow): void {
    const id = keyOf(key, this.table.key)
    const old = this.rows.get(id)
    if (old === undefined) return
    this.unindex(id, old)
    this.rows.delete(id)
  }

  private unindex(key: string, row: Table.AnyRow): void {
    for (const index of this.indexes) index.keys.get(keyOf(row, index.fields))?.delete(key)
  }
}

/** Every table of the given list, in memory. */
export class MemoryRows {
  readonly tables: Map<string, MemoryTable>
  readonly rows: ReadModel.Rows

  constructor(tables: ReadonlyArray<Table.AnyTable>) {
    this.tables = new Map(tables.map((table) => [table.name, new MemoryTable(table)]))
    const of = (table: Table.AnyTable): MemoryTable => this.tables.get(table.name)!
    // Rows come back as `evolve` put them: of the table's row type, as in any plain map.
    this.rows = {
      get: (table, key) => of(table).get(key) as never,
      find: (table, where) => of(table).find(where) as never,
      put: (table, row) => of(table).put(row),
      remove: (table, key) => of(table).remove(key)
    }
  }

  /** The rows of a table, in no particular order. */
  rowsOf(table: Table.AnyTable): Iterable<Table.AnyRow> {
    return this.tables.get(table.name)?.rows.values() ?? []
  }
}
