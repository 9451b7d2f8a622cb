/**
 * Runs read models against the event store: catch up from the checkpoint, rebuild from position 0,
 * or fold a read model as of any position into an in-memory store.
 *
 * A run reads the log in pages. For each page it loads, in one call to the store, the rows the
 * page's events look up and does not hold yet; then it folds the events with the model's plain
 * `evolve`. Every `commitEvery` events it commits the rows changed since the last commit with the
 * new checkpoint, in one transaction; when the rows it holds pass `cacheRows` it drops them, so a
 * run's memory does not follow the size of its tables.
 *
 * @since 0.2.0
 */
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Option from "effect/Option"
import { EventStore, defaultPageSize } from "./EventStore.js"
import { type EventDecodeError, InvalidStoreRequest, type StoreError } from "./EventStoreError.js"
import * as Spans from "./internal/spans.js"
import { Journal, RowsNotHeld, TableRows } from "./internal/tableRows.js"
import type { ProjectionLeaseLost } from "./ProjectionLeases.js"
import type { Lookup, ReadModel, Rows } from "./ReadModel.js"
import * as ReadModelStore from "./ReadModelStore.js"
import type { RecordedEvent, StoredEvent } from "./RecordedEvent.js"
import type { AnyRow, AnyTable, KeyOf, Table } from "./Table.js"

/** Options of a catch-up. */
export interface CatchUpOptions {
  /** Events fetched per page. Default {@link defaultPageSize}. */
  readonly pageSize?: number | undefined
  /** Commit once at least this many events were read since the last commit. Default 10,000. */
  readonly commitEvery?: number | undefined
  /** Stop after this global position (inclusive). Default: the end of the log. */
  readonly until?: number | undefined
  /** The rows a run keeps in memory after a commit; past it they are dropped. Default 100,000. */
  readonly cacheRows?: number | undefined
}

/** What a run did. */
export interface Progress {
  /** The global position of the last event seen (folded or skipped); 0 before any. */
  readonly position: number
  /** Rows written (inserted, changed or deleted) by the run's commits. */
  readonly rowsWritten: number
  readonly commits: number
}

/**
 * Failures of a read-model run. `ProjectionLeaseLost` only when the store's commits are fenced by a
 * lease (as `ProjectionWorker` does): the node lost the read model to another.
 */
export type ReadModelError = StoreError | EventDecodeError | ProjectionLeaseLost

/** The default `commitEvery`. */
export const defaultCommitEvery = 10_000

/** The default `cacheRows`. */
export const defaultCacheRows = 100_000

const integerFrom =
  (least: number, what: string) => (operation: string, name: string, value: number | undefined, fallback: number) =>
    value === undefined
      ? Either.right(fallback)
      : Number.isSafeInteger(value) && value >= least
        ? Either.right(value)
        : Either.left(new InvalidStoreRequest({ operation, reason: `${name} must be ${what}, got ${value}` }))

const positiveInteger = integerFrom(1, "a positive integer")
const nonNegativeInteger = integerFrom(0, "a non-negative integer")

/** The options of a run, checked, with their defaults filled in. */
interface Settings {
  readonly pageSize: number
  readonly commitEvery: number
  readonly cacheRows: number
  readonly until: number
  /** Only the events it admits are folded; the others are passed over. */
  readonly include: ((event: StoredEvent) => boolean) | undefined
}

// Checked before anything is written: invalid options must not empty a model's tables.
const settingsOf = (
  model: { readonly name: string },
  options: CatchUpOptions | undefined
): Either.Either<Settings, InvalidStoreRequest> => {
  const operation = `catch-up of read model "${model.name}"`
  return Either.all({
    pageSize: positiveInteger(operation, "pageSize", options?.pageSize, defaultPageSize),
    commitEvery: positiveInteger(operation, "commitEvery", options?.commitEvery, defaultCommitEvery),
    cacheRows: nonNegativeInteger(operation, "cacheRows", options?.cacheRows, defaultCacheRows),
    until: nonNegativeInteger(operation, "until", options?.until, Number.MAX_SAFE_INTEGER),
    include: Either.right(undefined)
  })
}

/** The rows a run holds, one table at a time, and the view `evolve` gets of them. */
class Cache {
  readonly tables: Map<string, TableRows>
  readonly rows: Rows
  /** What the event being folded changed, to undo it when it reads rows not held. */
  readonly journal = new Journal()

  constructor(tables: ReadonlyArray<AnyTable>) {
    this.tables = new Map(tables.map((table) => [table.name, new TableRows(table, false)]))
    for (const rows of this.tables.values()) rows.journal = this.journal
    // The table of the last call is kept: `evolve` mostly calls several times in a row on one table.
    let lastTable: AnyTable | undefined
    let lastRows: TableRows | undefined
    const of = (table: AnyTable): TableRows => {
      if (table === lastTable && lastRows !== undefined) return lastRows
      const rows = this.tables.get(table.name)
      if (rows === undefined) throw new Error(`table "${table.name}" is not among the read model's tables`)
      lastTable = table
      lastRows = rows
      return rows
    }
    // The view hands back the rows `evolve` put (or the store decoded with the table's schema): they
    // are of the table's row type.
    this.rows = {
      get: <Row extends AnyRow, Key extends keyof Row>(table: Table<Row, Key>, key: KeyOf<Row, Key>) =>
        of(table).get(key) as Row | undefined,
      find: <Row extends AnyRow>(table: Table<Row>, where: Partial<Row>) => of(table).find(where) as ReadonlyArray<Row>,
      put: (table, row) => of(table).put(row),
      remove: (table, key) => of(table).remove(key)
    }
  }

  /** The look-ups of the events not held yet, each once. */
  missing<Event extends { readonly _tag: string }>(
    lookupsOf: (event: RecordedEvent<Event>) => ReadonlyArray<Lookup>,
    events: ReadonlyArray<RecordedEvent<Event>>
  ): Array<Lookup> {
    const seen = new Set<string>()
    const missing: Array<Lookup> = []
    for (const event of events)
      for (const lookup of lookupsOf(event)) {
        const rows = this.tables.get(lookup.table.name)
        if (rows === undefined) {
          throw new Error(`a look-up names table "${lookup.table.name}", which is not among the read model's tables`)
        }
        const notHeld = rows.notHeld(lookup.where)
        if (notHeld === undefined) continue
        const id = `${lookup.table.name}\u0001${notHeld}`
        if (seen.has(id)) continue
        seen.add(id)
        missing.push(lookup)
      }
    return missing
  }

  fill(lookups: ReadonlyArray<Lookup>, loaded: ReadModelStore.Loaded): void {
    lookups.forEach((lookup, i) => this.tables.get(lookup.table.name)?.fill(lookup.where, loaded[i] ?? []))
  }

  get size(): number {
    let size = 0
    for (const rows of this.tables.values()) size += rows.size
    return size
  }

  changes(): Array<ReadModelStore.TableChanges> {
    return [...this.tables.values()]
      .map((rows) => rows.changes())
      .filter((change) => change.upserts.length + change.deletes.length > 0)
  }

  committed(keepAtMost: number): void {
    const drop = this.size > keepAtMost
    if (drop) this.journal.release()
    for (const rows of this.tables.values()) {
      if (drop) rows.clear()
      else rows.committed()
    }
  }

  clear(): void {
    for (const rows of this.tables.values()) rows.clear()
  }
}

/** Where a fold stopped: the event that read rows the run does not hold, and those rows. */
interface Miss {
  readonly index: number
  readonly lookup: Lookup
}

/**
 * Folds events from `from` on until one reads rows the run does not hold; that event's changes are
 * undone, and the caller loads the rows and folds again from it. Anything else `evolve` throws is a
 * defect of the model.
 */
const evolveFrom = <Event extends { readonly _tag: string }>(
  model: ReadModel<Event>,
  cache: Cache,
  events: ReadonlyArray<RecordedEvent<Event>>,
  from: number
): Miss | undefined => {
  const journal = cache.journal
  for (let i = from; i < events.length; i++) {
    journal.reset()
    try {
      model.evolve(cache.rows, events[i]!)
    } catch (error) {
      if (!(error instanceof RowsNotHeld)) throw error
      journal.undo()
      return { index: i, lookup: { table: error.table, where: error.where } }
    }
  }
  journal.reset()
  return undefined
}

/** Folds a page's events, loading the rows they read that the look-ups did not name. */
const evolveAll = <Event extends { readonly _tag: string }>(
  model: ReadModel<Event>,
  cache: Cache,
  store: ReadModelStore.ReadModelStore,
  events: ReadonlyArray<RecordedEvent<Event>>
): Effect.Effect<void, StoreError> =>
  Effect.gen(function* () {
    let from = 0
    while (from < events.length) {
      const miss = yield* Effect.try({
        try: () => evolveFrom(model, cache, events, from),
        catch: (error) => error
      }).pipe(Effect.orDie)
      if (miss === undefined) return
      cache.fill([miss.lookup], yield* store.load([miss.lookup]))
      from = miss.index
    }
  })

const decodePage = <Event extends { readonly _tag: string }>(
  model: ReadModel<Event>,
  wanted: ReadonlySet<string> | undefined,
  page: ReadonlyArray<StoredEvent>,
  include: Settings["include"]
): Either.Either<Array<RecordedEvent<Event>>, EventDecodeError> => {
  const decoded: Array<RecordedEvent<Event>> = []
  for (const stored of page) {
    if (wanted !== undefined && !wanted.has(stored.type)) continue
    if (include !== undefined && !include(stored)) continue
    const event = model.catalog.decode(stored)
    if (Either.isLeft(event)) return Either.left(event.left)
    decoded.push(event.right)
  }
  return Either.right(decoded)
}

/** One pass from `start`, committing as it goes; fails with `CheckpointMoved` when another run commits first. */
const pass = <Event extends { readonly _tag: string }>(
  model: ReadModel<Event>,
  start: number,
  { cacheRows, commitEvery, include, pageSize, until }: Settings
): Effect.Effect<
  Progress,
  ReadModelError | ReadModelStore.CheckpointMoved,
  EventStore | ReadModelStore.ReadModelStore
> =>
  Effect.gen(function* () {
    const events = yield* EventStore
    const store = yield* ReadModelStore.ReadModelStore
    const wanted = model.eventTypes === undefined ? undefined : new Set<string>(model.eventTypes)
    const cache = new Cache(model.tables)
    let position = start
    let committed = start
    let rowsWritten = 0
    let commits = 0
    const commit = Effect.suspend(() => {
      const changes = cache.changes()
      const checkpoint = { name: model.name, version: model.version, position }
      let rows = 0
      for (const change of changes) rows += change.upserts.length + change.deletes.length
      return Effect.map(store.commit({ checkpoint, previous: committed, changes }), () => {
        rowsWritten += rows
        commits += 1
        committed = position
        cache.committed(cacheRows)
      }).pipe(
        Effect.withSpan(Spans.span.commit, {
          captureStackTrace: false,
          attributes: {
            [Spans.attribute.readModel]: model.name,
            [Spans.attribute.previous]: committed,
            [Spans.attribute.position]: position,
            [Spans.attribute.rows]: rows
          }
        })
      )
    })
    while (position < until) {
      const limit = Math.min(pageSize, until - position)
      const page = yield* Spans.readAllPage(events, position, limit)
      const last = page[page.length - 1]
      const inRange = last !== undefined && last.position > until ? page.filter((e) => e.position <= until) : page
      const decoded = yield* decodePage(model, wanted, inRange, include)
      const missing = model.lookups === undefined ? [] : cache.missing(model.lookups, decoded)
      if (missing.length > 0) cache.fill(missing, yield* store.load(missing))
      yield* evolveAll(model, cache, store, decoded)
      const end = inRange[inRange.length - 1]
      if (end !== undefined) position = end.position
      if (position - committed >= commitEvery) yield* commit
      // A short page is the end of the log; an event past `until` is the end of the range.
      if (page.length < limit || inRange.length < page.length) break
    }
    if (position !== committed) yield* commit
    return { position, rowsWritten, commits }
  })

const startOf = <Event extends { readonly _tag: string }>(
  model: ReadModel<Event>
): Effect.Effect<
  number,
  StoreError | ProjectionLeaseLost | ReadModelStore.CheckpointMoved,
  ReadModelStore.ReadModelStore
> =>
  Effect.gen(function* () {
    const store = yield* ReadModelStore.ReadModelStore
    const saved = yield* store.checkpoint(model.name)
    if (Option.isSome(saved) && saved.value.version === model.version) return saved.value.position
    if (Option.isSome(saved) && saved.value.version > model.version) {
      // A newer release of the model owns the tables (a rolling deploy, say): an older one must not
      // empty them, or the two would rebuild over each other for ever.
      return yield* new InvalidStoreRequest({
        operation: `catch-up of read model "${model.name}"`,
        reason: `its tables are of version ${saved.value.version}, newer than this model's ${model.version}`
      })
    }
    // No checkpoint, or one of an older version: the tables start again from nothing, unless another
    // run committed since the checkpoint was read (CheckpointMoved: this run starts again from it).
    yield* store.reset(model.name, model.tables, undefined, saved)
    return 0
  })

/** How many times a catch-up starts again when another run moves the checkpoint back. */
const attempts = 5

/**
 * Catches a read model up with the log: from its checkpoint (from 0 when there is none, or when the
 * model's version changed, after emptying its tables), committing rows and checkpoint as it goes.
 * When another run commits first, it starts again from the new checkpoint.
 */
export const catchUp = <Event extends { readonly _tag: string }>(
  model: ReadModel<Event>,
  options?: CatchUpOptions
): Effect.Effect<Progress, ReadModelError, EventStore | ReadModelStore.ReadModelStore> =>
  Effect.flatMap(settingsOf(model, options), (settings) => catchUpWith(model, settings))

const catchUpWith = <Event extends { readonly _tag: string }>(
  model: ReadModel<Event>,
  settings: Settings
): Effect.Effect<Progress, ReadModelError, EventStore | ReadModelStore.ReadModelStore> => {
  const attempt = (
    settings: Settings,
    left: number
  ): Effect.Effect<Progress, ReadModelError, EventStore | ReadModelStore.ReadModelStore> =>
    Effect.flatMap(startOf(model), (start) => pass(model, start, settings)).pipe(
      Effect.catchTag("CheckpointMoved", (moved) =>
        // A checkpoint moved forward is another run's progress, which this run starts again from;
        // only a checkpoint moved back (a reset) uses up an attempt, so two runs cannot fight forever.
        moved.actual > moved.expected && (moved.actualVersion === null || moved.actualVersion === model.version)
          ? attempt(settings, left)
          : left > 1
            ? attempt(settings, left - 1)
            : Effect.fail(
                new InvalidStoreRequest({ operation: `catch-up of read model "${model.name}"`, reason: moved.message })
              )
      )
    )
  return attempt(settings, attempts)
}

/** Empties a read model's tables and forgets its checkpoint, then catches up from position 0. */
export const rebuild = <Event extends { readonly _tag: string }>(
  model: ReadModel<Event>,
  options?: CatchUpOptions
): Effect.Effect<Progress, ReadModelError, EventStore | ReadModelStore.ReadModelStore> =>
  Effect.flatMap(settingsOf(model, options), () =>
    Effect.zipRight(
      Effect.flatMap(ReadModelStore.ReadModelStore, (store) =>
        // A reset with no checkpoint to match cannot find it moved; a store that says so is refused.
        Effect.catchTag(store.reset(model.name, model.tables), "CheckpointMoved", (moved) =>
          Effect.fail(
            new InvalidStoreRequest({ operation: `rebuild of read model "${model.name}"`, reason: moved.message })
          )
        )
      ),
      catchUp(model, options)
    )
  )

/** Options of a fold into memory. */
export interface AsOfOptions {
  /** Events fetched per page. Default {@link defaultPageSize}. */
  readonly pageSize?: number | undefined
  /**
   * The in-memory store to fold into (several read models into one store, say), its tables
   * created if missing. Default: a fresh one.
   */
  readonly into?: ReadModelStore.ReadModelStore | undefined
  /**
   * Only the events it admits are folded, the others passed over: the read model as of a business
   * time, say, `(event) => event.metadata.occurredAt <= instant`, whatever order they were recorded
   * in. Default: every event up to `position`.
   */
  readonly include?: ((event: StoredEvent) => boolean) | undefined
}

/**
 * The read model as it stood at global position `position` (inclusive), folded from 0 into an
 * in-memory store, which it returns: run the model's queries against it with
 * `Effect.provideService(ReadModelStore.ReadModelStore, store)`.
 */
export const asOf = <Event extends { readonly _tag: string }>(
  model: ReadModel<Event>,
  position: number,
  options?: AsOfOptions
): Effect.Effect<ReadModelStore.ReadModelStore, ReadModelError, EventStore> =>
  Effect.gen(function* () {
    const store = options?.into ?? ReadModelStore.makeMemory()
    yield* store.createTables(model.tables)
    const settings = yield* settingsOf(model, {
      pageSize: options?.pageSize,
      until: position,
      commitEvery: Number.MAX_SAFE_INTEGER
    })
    yield* Effect.provideService(
      catchUpWith(model, { ...settings, include: options?.include }),
      ReadModelStore.ReadModelStore,
      store
    )
    return store
  })

/** The read model over the whole log, folded into a fresh in-memory store. */
export const run = <Event extends { readonly _tag: string }>(
  model: ReadModel<Event>,
  options?: AsOfOptions
): Effect.Effect<ReadModelStore.ReadModelStore, ReadModelError, EventStore> =>
  asOf(model, Number.MAX_SAFE_INTEGER, options)

/** The rows of every table of a read model, by table name, in key order: for comparing two stores. */
export const snapshot = (model: {
  readonly tables: ReadonlyArray<AnyTable>
}): Effect.Effect<Record<string, ReadonlyArray<AnyRow>>, StoreError, ReadModelStore.ReadModelStore> =>
  Effect.flatMap(ReadModelStore.ReadModelStore, (store) =>
    Effect.map(
      Effect.forEach(model.tables, (table) => store.list(table, {})),
      (lists) => Object.fromEntries(model.tables.map((table, i) => [table.name, lists[i] ?? []]))
    )
  )
