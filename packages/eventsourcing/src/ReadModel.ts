/**
 * A read model: a projection whose output is tables. It declares its tables (see `Table`), says for
 * each event which rows it will read (its look-ups), and folds the event into row changes: puts and
 * removals by key. The tables are the read model; whatever a run holds in memory is a cache of
 * rows, dropped at a commit when it grows large, so memory follows the rows touched between two
 * commits, not the size of the model.
 *
 * ```ts
 * const SmesPerProvince = Table.make({
 *   name: "smes_per_province",
 *   row: Schema.Struct({ province: Schema.String, smes: Schema.NonNegativeInt }),
 *   key: ["province"]
 * })
 * const smesPerProvince = ReadModel.make({
 *   name: "smes-per-province",
 *   version: 1,
 *   catalog: ForumEvents,
 *   tables: [SmesPerProvince],
 *   lookups: ({ event }) => [ReadModel.lookup(SmesPerProvince, { province: event.province })],
 *   evolve: (rows, { event }) => {
 *     const smes = rows.get(SmesPerProvince, { province: event.province })?.smes ?? 0
 *     rows.put(SmesPerProvince, { province: event.province, smes: smes + 1 })
 *   }
 * })
 * ```
 *
 * `evolve` stays a plain function. Look-ups, computed from the event alone before a page is folded,
 * let a store load every row a page needs in one round trip. They are a prefetch, not a contract: an
 * event that reads rows the run does not hold has its changes undone, the rows are loaded, and the
 * event is folded again, so a row that can only be known from another row (the old province of a
 * business that moved) costs one more round trip, never a wrong answer.
 *
 * @since 0.2.0
 */
import type { EventCatalog } from "./EventCatalog.js"
import type { RecordedEvent } from "./RecordedEvent.js"
import type { AnyRow, AnyTable, KeyOf, Table } from "./Table.js"

/** Rows a read model will read for an event: those of a table whose key, or one of its indexes, equals `where`. */
export interface Lookup {
  readonly table: AnyTable
  readonly where: AnyRow
}

/** A look-up of the rows of `table` whose key or index fields equal `where`. */
export const lookup = <Row extends AnyRow>(table: Table<Row>, where: Partial<Row>): Lookup => ({ table, where })

/** The tables as `evolve` sees them: the rows it looked up, and the changes it has made. */
export interface Rows {
  /** The row with this key, or undefined when there is none. */
  readonly get: <Row extends AnyRow, Key extends keyof Row>(
    table: Table<Row, Key>,
    key: KeyOf<Row, Key>
  ) => Row | undefined
  /** The rows whose fields equal `where` (the fields of an index), in key order. */
  readonly find: <Row extends AnyRow>(table: Table<Row>, where: Partial<Row>) => ReadonlyArray<Row>
  /** Writes a row: inserts it, or replaces the row with its key. */
  readonly put: <Row extends AnyRow>(table: Table<Row>, row: Row) => void
  /** Removes the row with this key, if there is one. */
  readonly remove: <Row extends AnyRow, Key extends keyof Row>(table: Table<Row, Key>, key: KeyOf<Row, Key>) => void
}

/** A named, versioned projection into tables. */
export interface ReadModel<Event extends { readonly _tag: string }> {
  /** Unique within a store: its checkpoint's name. */
  readonly name: string
  /** Bump it when the tables or `evolve` change meaning: a catch-up then rebuilds from position 0. */
  readonly version: number
  readonly catalog: EventCatalog<Event>
  /** When given, only events of these types are decoded and folded; others are skipped. */
  readonly eventTypes?: ReadonlyArray<Event["_tag"]> | undefined
  readonly tables: ReadonlyArray<AnyTable>
  /** The rows `evolve` will read for an event, loaded before its page is folded. Default: none. */
  readonly lookups?: ((event: RecordedEvent<Event>) => ReadonlyArray<Lookup>) | undefined
  /**
   * Folds one event into row changes. Deterministic, and touches nothing but `rows`: it may be run
   * again for the same event after its changes were undone.
   */
  readonly evolve: (rows: Rows, event: RecordedEvent<Event>) => void
}

/** Declares a read model. Throws when a table name appears twice: a programming error. */
export const make = <Event extends { readonly _tag: string }>(model: ReadModel<Event>): ReadModel<Event> => {
  const names = new Set<string>()
  for (const table of model.tables) {
    if (names.has(table.name)) throw new Error(`read model "${model.name}": table "${table.name}" appears twice`)
    names.add(table.name)
  }
  return model
}
