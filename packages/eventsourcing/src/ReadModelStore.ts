/**
 * Where read models keep their tables and checkpoints. A checkpoint is a position and the model's
 * version, committed in one transaction with the rows changed since the previous commit, so the
 * tables always show the log exactly up to their checkpoint.
 *
 * Queries read tables through {@link get} and {@link list}, the same in every store; the in-memory
 * store ({@link layerMemory}, {@link makeMemory}) serves tests and `ReadModelRunner.asOf`.
 *
 * @since 0.2.0
 */
import * as Context from "effect/Context"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Layer from "effect/Layer"
import * as Option from "effect/Option"
import * as Schema from "effect/Schema"
import { InvalidStoreRequest, type StoreError } from "./EventStoreError.js"
import { type TableChanges, TableRows } from "./internal/tableRows.js"
import type { ProjectionLeaseLost } from "./ProjectionLeases.js"
import type { Lookup } from "./ReadModel.js"
import type { AnyRow, AnyTable, KeyOf, Table } from "./Table.js"

export type { TableChanges } from "./internal/tableRows.js"

/** A read model's saved progress: the last position folded into its tables, and its version. */
export const Checkpoint = Schema.Struct({
  name: Schema.NonEmptyString,
  version: Schema.Int,
  position: Schema.NonNegativeInt
})

/** A read model's saved progress. */
export type Checkpoint = typeof Checkpoint.Type

/**
 * A check a write runs first, inside its transaction, before it writes anything: a node renewing the
 * lease it holds on the read model (`ProjectionLeases.renew`). When it fails the write is rolled back,
 * so a node that lost its lease can never write over its successor. It must run on the store's own
 * database (the same `SqlClient`), or it is not part of the transaction.
 */
export type Fence = Effect.Effect<void, ProjectionLeaseLost | StoreError>

/** What one commit writes: the changed rows of each table and the new checkpoint, together. */
export interface Commit {
  readonly checkpoint: Checkpoint
  /**
   * The position the stored checkpoint must still be at (0 for none): the changes were folded from
   * the tables as they stood there. Another run that committed in between fails the commit.
   */
  readonly previous: number
  readonly changes: ReadonlyArray<TableChanges>
  /** Run first in the commit's transaction; when it fails, nothing is written. */
  readonly fence?: Fence | undefined
}

/**
 * A commit found the checkpoint moved by another run since this run read it, or written by another
 * version of the model: nothing was written.
 */
export class CheckpointMoved extends Schema.TaggedError<CheckpointMoved>("@kemitraan/eventsourcing/CheckpointMoved")(
  "CheckpointMoved",
  {
    name: Schema.String,
    expected: Schema.Number,
    actual: Schema.Number,
    version: Schema.Number,
    actualVersion: Schema.NullOr(Schema.Number)
  }
) {
  override get message(): string {
    return this.actualVersion !== null && this.actualVersion !== this.version
      ? `read model "${this.name}": its checkpoint is of version ${this.actualVersion}, not ${this.version}; another version of the model committed`
      : `read model "${this.name}": its checkpoint is at ${this.actual}, not ${this.expected}; another run committed first`
  }
}

/**
 * Whether a commit may go ahead over the stored checkpoint: it must still be where the run started
 * (none for 0), and of the model's version. Every store calls this inside its write transaction.
 */
export const checkCommit = (
  commit: Commit,
  stored: Option.Option<Checkpoint>
): Either.Either<void, CheckpointMoved> => {
  const actual = Option.match(stored, { onNone: () => 0, onSome: (found) => found.position })
  const actualVersion = Option.match(stored, { onNone: () => null, onSome: (found) => found.version })
  const { name, version } = commit.checkpoint
  return actual === commit.previous && (actualVersion === null || actualVersion === version)
    ? Either.void
    : Either.left(new CheckpointMoved({ name, expected: commit.previous, actual, version, actualVersion }))
}

/**
 * Whether a reset may go ahead over the stored checkpoint: when the run names the checkpoint it saw
 * (`over`), the stored one must still be it (none for none). Every store calls this inside its write
 * transaction, before it empties anything.
 */
export const checkReset = (
  name: string,
  over: Option.Option<Checkpoint> | undefined,
  stored: Option.Option<Checkpoint>
): Either.Either<void, CheckpointMoved> => {
  if (over === undefined) return Either.void
  const same = Option.match(over, {
    onNone: () => Option.isNone(stored),
    onSome: (seen) =>
      Option.isSome(stored) && stored.value.position === seen.position && stored.value.version === seen.version
  })
  if (same) return Either.void
  const positionOf = Option.match({ onNone: () => 0, onSome: (found: Checkpoint) => found.position })
  const actualVersion = Option.match(stored, { onNone: () => null, onSome: (found) => found.version })
  return Either.left(
    new CheckpointMoved({
      name,
      expected: positionOf(over),
      actual: positionOf(stored),
      version: Option.match(over, { onNone: () => actualVersion ?? 0, onSome: (seen) => seen.version }),
      actualVersion
    })
  )
}

/** The rows found for each look-up, in the order of the look-ups. */
export type Loaded = ReadonlyArray<ReadonlyArray<AnyRow>>

/** The service a store provides. */
export interface ReadModelStore {
  /** Creates the tables (and their indexes) that do not exist yet. */
  readonly createTables: (tables: ReadonlyArray<AnyTable>) => Effect.Effect<void, StoreError>
  /** The checkpoint of a read model, if it has one. */
  readonly checkpoint: (name: string) => Effect.Effect<Option.Option<Checkpoint>, StoreError>
  /** The rows of each look-up. */
  readonly load: (lookups: ReadonlyArray<Lookup>) => Effect.Effect<Loaded, StoreError>
  /** Writes the changes and the checkpoint in one transaction, if the checkpoint is still at `previous`. */
  readonly commit: (commit: Commit) => Effect.Effect<void, StoreError | CheckpointMoved | ProjectionLeaseLost>
  /**
   * Empties the tables and forgets the checkpoint, in one transaction, after the fence if one is given.
   * With `over`, only if the stored checkpoint is still that one (or still none): a run that saw no
   * checkpoint must not empty the rows another run committed since (it fails with CheckpointMoved).
   */
  readonly reset: (
    name: string,
    tables: ReadonlyArray<AnyTable>,
    fence?: Fence,
    over?: Option.Option<Checkpoint>
  ) => Effect.Effect<void, StoreError | ProjectionLeaseLost | CheckpointMoved>
  /** The rows of a table whose fields equal `where` (every row when it is empty), in key order. */
  readonly list: (table: AnyTable, where: AnyRow) => Effect.Effect<ReadonlyArray<AnyRow>, StoreError>
}

/** The read-model store service tag. */
export const ReadModelStore = Context.GenericTag<ReadModelStore>("@kemitraan/eventsourcing/ReadModelStore")

/** Creates the tables of read models that do not exist yet: one call for an application's models. */
export const createTables = (
  models: ReadonlyArray<{ readonly tables: ReadonlyArray<AnyTable> }>
): Effect.Effect<void, StoreError, ReadModelStore> =>
  Effect.flatMap(ReadModelStore, (store) => store.createTables(models.flatMap((model) => model.tables)))

/**
 * The rows of a table whose fields equal `where` (every row when it is omitted), in key order.
 * A row is given back as its table's row type: stores decode what they read with the table's schema.
 */
export const list = <Row extends AnyRow>(
  table: Table<Row>,
  where?: Partial<Row>
): Effect.Effect<ReadonlyArray<Row>, StoreError, ReadModelStore> =>
  Effect.flatMap(ReadModelStore, (store) => store.list(table, where ?? {})) as Effect.Effect<
    ReadonlyArray<Row>,
    StoreError,
    ReadModelStore
  >

/** The row of a table with this key, if there is one. */
export const get = <Row extends AnyRow, Key extends keyof Row>(
  table: Table<Row, Key>,
  key: KeyOf<Row, Key>
): Effect.Effect<Option.Option<Row>, StoreError, ReadModelStore> =>
  Effect.map(
    Effect.flatMap(ReadModelStore, (store) => store.list(table, key)),
    // Stores decode what they read with the table's schema: a row is of the table's row type.
    (rows) => Option.fromNullable(rows[0] as Row | undefined)
  )

const unknownTable = (operation: string, name: string) =>
  new InvalidStoreRequest({ operation, reason: `no table "${name}": create it first (ReadModelStore.createTables)` })

/** Makes a read-model store held in memory. */
export const makeMemory = (): ReadModelStore => {
  const tables = new Map<string, TableRows>()
  const checkpoints = new Map<string, Checkpoint>()
  const tableOf = (operation: string, table: AnyTable) =>
    Effect.suspend(() => {
      const rows = tables.get(table.name)
      return rows === undefined ? Effect.fail(unknownTable(operation, table.name)) : Effect.succeed(rows)
    })
  return ReadModelStore.of({
    createTables: (declared) =>
      Effect.sync(() => {
        for (const table of declared) if (!tables.has(table.name)) tables.set(table.name, new TableRows(table, true))
      }),
    checkpoint: (name) => Effect.sync(() => Option.fromNullable(checkpoints.get(name))),
    load: (lookups) =>
      Effect.forEach(lookups, (lookup) =>
        Effect.map(tableOf("load read-model rows", lookup.table), (rows) => rows.find(lookup.where))
      ),
    // After the fence, one synchronous step, so that no other fiber can commit between the check and
    // the writes.
    commit: (commit) =>
      Effect.zipRight(
        commit.fence ?? Effect.void,
        Effect.suspend((): Effect.Effect<void, StoreError | CheckpointMoved> => {
          const { changes, checkpoint } = commit
          const allowed = checkCommit(commit, Option.fromNullable(checkpoints.get(checkpoint.name)))
          if (Either.isLeft(allowed)) return Effect.fail(allowed.left)
          const targets = changes.map((change) => tables.get(change.table.name))
          const missing = changes.find((_, i) => targets[i] === undefined)
          if (missing !== undefined) return Effect.fail(unknownTable("commit a read model", missing.table.name))
          changes.forEach((change, i) => targets[i]?.apply(change))
          checkpoints.set(checkpoint.name, checkpoint)
          return Effect.void
        })
      ),
    reset: (name, declared, fence, over) =>
      Effect.zipRight(
        fence ?? Effect.void,
        Effect.suspend(() => {
          const allowed = checkReset(name, over, Option.fromNullable(checkpoints.get(name)))
          if (Either.isLeft(allowed)) return Effect.fail(allowed.left)
          for (const table of declared) tables.get(table.name)?.clear()
          checkpoints.delete(name)
          return Effect.void
        })
      ),
    list: (table, where) =>
      Effect.map(tableOf("list read-model rows", table), (rows) => {
        const fields = Object.keys(where)
        return fields.length > 0 && rows.hasLookup(fields) ? rows.find(where) : rows.all(where)
      })
  })
}

/** A read-model store held in memory. */
export const layerMemory: Layer.Layer<ReadModelStore> = Layer.sync(ReadModelStore, makeMemory)
