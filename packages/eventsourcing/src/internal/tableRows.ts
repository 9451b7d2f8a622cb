/**
 * The rows of one table held in memory, with its secondary indexes and the changes since the last
 * commit. The in-memory store keeps every row of a table in one (`complete`); a read-model run keeps
 * in one the rows it loaded and changed since its last commit (`partial`), and refuses a read of a
 * row it was not told to load, so that a model that forgets to declare a look-up fails in every
 * store, not only in a SQL one.
 */
import type { AnyRow, AnyTable } from "../Table.js"

/**
 * A read of rows a run does not hold: the run undoes the event's changes, loads the rows and folds
 * the event again.
 */
export class RowsNotHeld {
  constructor(
    readonly table: AnyTable,
    readonly where: AnyRow
  ) {}
}

/** What a change replaced, so that an event's changes can be undone. */
interface Undo {
  readonly rows: TableRows
  readonly id: string
  readonly row: AnyRow | null | undefined
  readonly dirty: AnyRow | undefined
}

/**
 * One value of a key string: a letter for its type, then the value. No part holds a NUL (a string
 * with one, and anything but a string, number, bigint, boolean or null, goes as JSON, which escapes it),
 * so parts joined by NULs give one string per list of values.
 */
const part = (value: unknown): string => {
  switch (typeof value) {
    case "string":
      return value.includes("\u0000") ? `j${JSON.stringify(value)}` : `s${value}`
    case "number":
      return `n${value}`
    case "boolean":
      return value ? "t" : "f"
    case "bigint":
      return `b${value}`
    default:
      return value === null || value === undefined ? "z" : `j${JSON.stringify(value)}`
  }
}

/**
 * The string a row is found by: its values in the given fields. Built by concatenation: it is
 * made for every get, put and look-up, and `JSON.stringify` of an array of the values took a
 * twentieth of a rebuild.
 */
export const keyString = (row: AnyRow, fields: ReadonlyArray<string>): string => {
  if (fields.length === 1) return part(row[fields[0]!])
  let key = part(row[fields[0]!])
  for (let i = 1; i < fields.length; i++) key += `\u0000${part(row[fields[i]!])}`
  return key
}

const compareValues = (a: unknown, b: unknown): number => {
  if (a === b) return 0
  if (a === null || a === undefined) return -1
  if (b === null || b === undefined) return 1
  if (typeof a === "number" && typeof b === "number") return a - b
  const x = String(a)
  const y = String(b)
  return x < y ? -1 : x > y ? 1 : 0
}

/** Orders rows by the given fields, nulls first: the order every store lists rows in. */
export const compareBy =
  (fields: ReadonlyArray<string>) =>
  (a: AnyRow, b: AnyRow): number => {
    for (const field of fields) {
      const order = compareValues(a[field], b[field])
      if (order !== 0) return order
    }
    return 0
  }

const pick = (row: AnyRow, fields: ReadonlyArray<string>): AnyRow =>
  Object.fromEntries(fields.map((field) => [field, row[field] ?? null]))

/** Whether two lists name the same fields, in any order. */
const sameFields = (a: ReadonlyArray<string>, b: ReadonlyArray<string>): boolean =>
  a.length === b.length && a.every((field) => b.includes(field))

const sameRow = (a: AnyRow, b: AnyRow, fields: ReadonlyArray<string>): boolean => {
  for (const field of fields) if (a[field] !== b[field]) return false
  return true
}

interface Index {
  readonly fields: ReadonlyArray<string>
  readonly rows: Map<string, Set<string>>
  /** The index values whose rows are all held (partial tables only). */
  readonly loaded: Set<string>
}

/** The changes of a table since the last commit. */
export interface TableChanges {
  readonly table: AnyTable
  /** New and changed rows. */
  readonly upserts: ReadonlyArray<AnyRow>
  /** The keys (key fields only) of deleted rows. */
  readonly deletes: ReadonlyArray<AnyRow>
}

/** Rows of one table, held in memory. */
export class TableRows {
  /** By key string; null marks a row known not to exist. */
  private readonly rows = new Map<string, AnyRow | null>()
  private readonly dirty = new Map<string, AnyRow>()
  private readonly indexes: ReadonlyArray<Index>
  /** The indexes on a leading part of the key. */
  private readonly prefixIndexes: ReadonlyArray<Index>
  private readonly fields: ReadonlyArray<string>
  private readonly compare: (a: AnyRow, b: AnyRow) => number

  constructor(
    readonly table: AnyTable,
    readonly complete: boolean
  ) {
    this.indexes = table.indexes.map((fields) => ({ fields, rows: new Map(), loaded: new Set() }))
    this.prefixIndexes = this.indexes.filter((index) => index.fields.every((field, i) => table.key[i] === field))
    this.fields = table.columns.map((column) => column.field)
    this.compare = compareBy(table.key)
  }

  /** When set, every change records what it replaced here. */
  journal: Array<Undo> | undefined = undefined

  private record(id: string): void {
    this.journal?.push({ rows: this, id, row: this.rows.get(id), dirty: this.dirty.get(id) })
  }

  /** Puts back what a change replaced. */
  static undo(undo: Undo): void {
    const { rows, id, row, dirty } = undo
    const current = rows.rows.get(id)
    if (current !== undefined && current !== null) rows.unindex(id, current)
    if (row === undefined) rows.rows.delete(id)
    else {
      rows.rows.set(id, row)
      if (row !== null) rows.index(id, row)
    }
    if (dirty === undefined) rows.dirty.delete(id)
    else rows.dirty.set(id, dirty)
  }

  /** Rows held, absent ones included. */
  get size(): number {
    return this.rows.size
  }

  /** Whether rows can be found by these fields: they are the key or an index. */
  hasLookup(fields: ReadonlyArray<string>): boolean {
    return sameFields(this.table.key, fields) || this.table.indexes.some((index) => sameFields(index, fields))
  }

  /** The index whose fields are exactly these, or undefined when they are the key. */
  indexOf(fields: ReadonlyArray<string>): Index | undefined {
    if (sameFields(this.table.key, fields)) return undefined
    const index = this.indexes.find((candidate) => sameFields(candidate.fields, fields))
    if (index === undefined) {
      throw new Error(
        `read model table "${this.table.name}": no key or index on (${fields.join(", ")}); declare it in the table's indexes`
      )
    }
    return index
  }

  /**
   * Whether every row with this key's leading fields is held: an index on a leading part of the key
   * was loaded for them, so a key not among the rows held has no row.
   */
  private heldUnderPrefix(key: AnyRow): boolean {
    for (const index of this.prefixIndexes) if (index.loaded.has(keyString(key, index.fields))) return true
    return false
  }

  /** Whether the rows matching `where` (on the key or on an index) are all held. */
  holds(where: AnyRow): boolean {
    if (this.complete) return true
    const fields = Object.keys(where)
    const index = this.indexOf(fields)
    return index === undefined
      ? this.rows.has(keyString(where, this.table.key))
      : index.loaded.has(keyString(where, index.fields))
  }

  /** The row with this key, or undefined when there is none. */
  get(key: AnyRow): AnyRow | undefined {
    const id = keyString(key, this.table.key)
    const row = this.rows.get(id)
    if (row === undefined && !this.complete && !this.heldUnderPrefix(key)) {
      throw new RowsNotHeld(this.table, pick(key, this.table.key))
    }
    return row ?? undefined
  }

  /** The rows whose index fields equal `where`, in key order. */
  find(where: AnyRow): Array<AnyRow> {
    const fields = Object.keys(where)
    const index = this.indexOf(fields)
    if (index === undefined) {
      const row = this.get(where)
      return row === undefined ? [] : [row]
    }
    const value = keyString(where, index.fields)
    if (!this.complete && !index.loaded.has(value)) throw new RowsNotHeld(this.table, pick(where, index.fields))
    const found: Array<AnyRow> = []
    for (const id of index.rows.get(value) ?? []) {
      const row = this.rows.get(id)
      if (row !== undefined && row !== null) found.push(row)
    }
    return found.sort(this.compare)
  }

  /** Every row held whose fields equal `where` (every row when it is empty), in key order. */
  all(where: AnyRow = {}): Array<AnyRow> {
    const fields = Object.keys(where)
    const found: Array<AnyRow> = []
    for (const row of this.rows.values()) {
      if (row !== null && fields.every((field) => row[field] === where[field])) found.push(row)
    }
    return found.sort(this.compare)
  }

  private unindex(id: string, row: AnyRow): void {
    for (const index of this.indexes) index.rows.get(keyString(row, index.fields))?.delete(id)
  }

  private index(id: string, row: AnyRow): void {
    for (const index of this.indexes) {
      const value = keyString(row, index.fields)
      let ids = index.rows.get(value)
      if (ids === undefined) {
        ids = new Set()
        index.rows.set(value, ids)
      }
      ids.add(id)
    }
  }

  /** Writes a row (new or changed); a row equal to the one held changes nothing. */
  put(row: AnyRow): void {
    const id = keyString(row, this.table.key)
    const old = this.rows.get(id)
    if (old !== undefined && old !== null) {
      if (sameRow(old, row, this.fields)) return
      this.record(id)
      this.unindex(id, old)
    } else this.record(id)
    this.rows.set(id, row)
    this.index(id, row)
    if (!this.complete) this.dirty.set(id, row)
  }

  /** Deletes the row with this key, if any. */
  remove(key: AnyRow): void {
    const id = keyString(key, this.table.key)
    const old = this.rows.get(id)
    if (old === null) return
    this.record(id)
    if (old !== undefined) this.unindex(id, old)
    if (this.complete) {
      this.rows.delete(id)
      return
    }
    this.rows.set(id, null)
    this.dirty.set(id, pick(key, this.table.key))
  }

  /** Records rows loaded for a look-up; rows already held (and perhaps changed) win over them. */
  fill(where: AnyRow, loaded: ReadonlyArray<AnyRow>): void {
    const fields = Object.keys(where)
    const index = this.indexOf(fields)
    for (const row of loaded) {
      const id = keyString(row, this.table.key)
      if (this.rows.has(id)) continue
      this.rows.set(id, row)
      this.index(id, row)
    }
    if (index === undefined) {
      const id = keyString(where, this.table.key)
      if (!this.rows.has(id)) this.rows.set(id, null)
    } else {
      index.loaded.add(keyString(where, index.fields))
    }
  }

  /** The rows written and the keys deleted since the last commit. */
  changes(): TableChanges {
    const upserts: Array<AnyRow> = []
    const deletes: Array<AnyRow> = []
    for (const [id, row] of this.dirty) {
      if (this.rows.get(id) === null) deletes.push(row)
      else upserts.push(row)
    }
    return { table: this.table, upserts, deletes }
  }

  /** Forgets the changes: they are committed. */
  committed(): void {
    this.dirty.clear()
  }

  /** Forgets every row held. */
  clear(): void {
    this.rows.clear()
    this.dirty.clear()
    for (const index of this.indexes) {
      index.rows.clear()
      index.loaded.clear()
    }
  }

  /** Applies another table's changes (the in-memory store's commit). */
  apply(changes: TableChanges): void {
    for (const key of changes.deletes) this.remove(key)
    for (const row of changes.upserts) this.put(row)
  }
}
