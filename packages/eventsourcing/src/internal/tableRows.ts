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

/**
 * What an event's changes replaced, so that they can be undone: one entry per change, kept in
 * parallel arrays that are reused from event to event, so that recording a change allocates nothing
 * once the arrays have grown to an event's size.
 */
export class Journal {
  private readonly tables: Array<TableRows> = []
  private readonly ids: Array<string> = []
  private readonly rows: Array<AnyRow | null | undefined> = []
  private readonly dirties: Array<AnyRow | undefined> = []
  private length = 0

  record(table: TableRows, id: string, row: AnyRow | null | undefined, dirty: AnyRow | undefined): void {
    const i = this.length++
    this.tables[i] = table
    this.ids[i] = id
    this.rows[i] = row
    this.dirties[i] = dirty
  }

  /** Forgets what was recorded (the rows it names stay referenced until overwritten or dropped). */
  reset(): void {
    this.length = 0
  }

  /** Puts back what the recorded changes replaced, the last first, and forgets them. */
  undo(): void {
    for (let i = this.length - 1; i >= 0; i--) this.tables[i]!.restore(this.ids[i]!, this.rows[i], this.dirties[i])
    this.length = 0
  }

  /** Drops the references to rows and tables, so that dropped rows can be collected. */
  release(): void {
    this.length = 0
    this.tables.length = 0
    this.ids.length = 0
    this.rows.length = 0
    this.dirties.length = 0
  }
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
  /**
   * The ids of the rows with each value: one id as itself, several in a set (most values of most
   * indexes have one row, and a set for each took a twentieth of what a rebuild kept past young
   * collections).
   */
  readonly rows: Map<string, string | Set<string>>
  /** The index values whose rows are all held (partial tables only). */
  readonly loaded: Set<string>
  /**
   * Whether `rows` is kept up to date. A complete table keeps every index; a partial one only
   * those it has loaded rows by since it was last cleared, since its `find` answers only for
   * values in `loaded`: an index no look-up uses costs nothing.
   */
  active: boolean
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
    this.indexes = table.indexes.map((fields) => ({ fields, rows: new Map(), loaded: new Set(), active: complete }))
    this.prefixIndexes = this.indexes.filter((index) => index.fields.every((field, i) => table.key[i] === field))
    this.fields = table.columns.map((column) => column.field)
    this.compare = compareBy(table.key)
  }

  /** When set, every change records what it replaced here. */
  journal: Journal | undefined = undefined

  private record(id: string): void {
    this.journal?.record(this, id, this.rows.get(id), this.dirty.get(id))
  }

  /** Puts back what a change replaced (see {@link Journal}). */
  restore(id: string, row: AnyRow | null | undefined, dirty: AnyRow | undefined): void {
    const current = this.rows.get(id)
    if (current !== undefined && current !== null) this.unindex(id, current)
    if (row === undefined) this.rows.delete(id)
    else {
      this.rows.set(id, row)
      if (row !== null) this.index(id, row)
    }
    if (dirty === undefined) this.dirty.delete(id)
    else this.dirty.set(id, dirty)
  }

  /** Rows held, absent ones included. */
  get size(): number {
    return this.rows.size
  }

  /** Whether rows can be found by these fields: they are the key or an index. */
  hasLookup(fields: ReadonlyArray<string>): boolean {
    return sameFields(this.table.key, fields) || this.table.indexes.some((index) => sameFields(index, fields))
  }

  /** The index of each list of fields asked for, or null for the key: one field by its name, several as JSON. */
  private readonly byField = new Map<string, Index | null>()
  private readonly byFields = new Map<string, Index | null>()

  /** The index whose fields are exactly these, or undefined when they are the key. */
  indexOf(fields: ReadonlyArray<string>): Index | undefined {
    const lookups = fields.length === 1 ? this.byField : this.byFields
    const id = fields.length === 1 ? fields[0]! : JSON.stringify(fields)
    const known = lookups.get(id)
    if (known !== undefined) return known ?? undefined
    if (sameFields(this.table.key, fields)) {
      lookups.set(id, null)
      return undefined
    }
    const index = this.indexes.find((candidate) => sameFields(candidate.fields, fields))
    if (index === undefined) {
      throw new Error(
        `read model table "${this.table.name}": no key or index on (${fields.join(", ")}); declare it in the table's indexes`
      )
    }
    lookups.set(id, index)
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

  /**
   * Undefined when the rows matching `where` (on the key or on an index) are all held; otherwise a
   * string that names the look-up within this table (two look-ups with the same string load the
   * same rows).
   */
  notHeld(where: AnyRow): string | undefined {
    if (this.complete) return undefined
    const index = this.indexOf(Object.keys(where))
    if (index === undefined) {
      const id = keyString(where, this.table.key)
      return this.rows.has(id) ? undefined : id
    }
    const value = keyString(where, index.fields)
    return index.loaded.has(value) ? undefined : `${this.indexes.indexOf(index)}\u0001${value}`
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
    const ids = index.rows.get(value)
    if (typeof ids === "string") {
      const row = this.rows.get(ids)
      if (row !== undefined && row !== null) found.push(row)
    } else if (ids !== undefined) {
      for (const id of ids) {
        const row = this.rows.get(id)
        if (row !== undefined && row !== null) found.push(row)
      }
    }
    // Most look-ups by an index find one row: no sort to make (sorting copies the array).
    return found.length > 1 ? found.sort(this.compare) : found
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
    for (const index of this.indexes) if (index.active) TableRows.drop(index, id, row)
  }

  private index(id: string, row: AnyRow): void {
    for (const index of this.indexes) if (index.active) TableRows.add(index, id, row)
  }

  private static add(index: Index, id: string, row: AnyRow): void {
    const value = keyString(row, index.fields)
    const ids = index.rows.get(value)
    if (ids === undefined) index.rows.set(value, id)
    else if (typeof ids !== "string") ids.add(id)
    else if (ids !== id) index.rows.set(value, new Set([ids, id]))
  }

  private static drop(index: Index, id: string, row: AnyRow): void {
    const value = keyString(row, index.fields)
    const ids = index.rows.get(value)
    if (ids === id) index.rows.delete(value)
    else if (ids !== undefined && typeof ids !== "string") ids.delete(id)
  }

  /** Starts keeping an index of a partial table: from the rows held now, then at every change. */
  private activate(index: Index): void {
    if (index.active) return
    for (const [id, row] of this.rows) if (row !== null) TableRows.add(index, id, row)
    index.active = true
  }

  /** Writes a row (new or changed); a row equal to the one held changes nothing. */
  put(row: AnyRow): void {
    const id = keyString(row, this.table.key)
    const old = this.rows.get(id)
    if (old !== undefined && old !== null) {
      if (sameRow(old, row, this.fields)) return
      this.record(id)
      this.rows.set(id, row)
      this.reindex(id, old, row)
    } else {
      this.record(id)
      this.rows.set(id, row)
      this.index(id, row)
    }
    if (!this.complete) this.dirty.set(id, row)
  }

  /** Moves a changed row in the indexes whose fields it changed; the others hold its id already. */
  private reindex(id: string, old: AnyRow, row: AnyRow): void {
    for (const index of this.indexes) {
      if (!index.active || sameRow(old, row, index.fields)) continue
      TableRows.drop(index, id, old)
      TableRows.add(index, id, row)
    }
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
    if (index !== undefined) this.activate(index)
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
      index.active = this.complete
    }
  }

  /** Applies another table's changes (the in-memory store's commit). */
  apply(changes: TableChanges): void {
    for (const key of changes.deletes) this.remove(key)
    for (const row of changes.upserts) this.put(row)
  }
}
