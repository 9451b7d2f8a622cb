/**
 * The embedded default store: the kernel's `EventStore` and `ReadModelStore` in one SQLite file,
 * on `@effect/sql-sqlite-node` (better-sqlite3). A thin driver: it opens the client, sets the
 * pragmas, and gives `@kemitraan/sql` its write transaction (`BEGIN IMMEDIATE`) and the meaning of
 * SQLite's error codes; the stores themselves are `@kemitraan/sql`'s.
 *
 * ```ts
 * import { SqliteStore } from "@kemitraan/sqlite"
 * const StoreLive = SqliteStore.layer({ filename: "kemitraan.db" })
 * ```
 *
 * Opening a store sets the connection's pragmas (WAL journal, `synchronous`, busy timeout, and the
 * page cache's size when asked) and applies the schema migrations. Durability: with the default
 * `synchronous = FULL` every acknowledged append is in the WAL file on disk before the append
 * returns, so neither a killed process nor a power cut loses it. `NORMAL` syncs the WAL only at checkpoints: a killed process
 * still loses nothing, but a power cut or OS crash may roll back the last appends acknowledged
 * before it (the file stays consistent).
 *
 * @since 0.1.0
 */
import * as SqlClient from "@effect/sql/SqlClient"
import type * as SqliteClient from "@effect/sql-sqlite-node/SqliteClient"
import * as Cause from "effect/Cause"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Option from "effect/Option"
import { identity } from "effect/Function"
import { EventStoreError } from "@kemitraan/eventsourcing"
import { SqlDriver, SqlMigrations, SqlStore } from "@kemitraan/sql"
import * as AppendBatch from "./internal/appendBatch.js"
import { type Held, HeldConnection, layer as heldClientLayer } from "./internal/heldClient.js"
import { classify, codeOf, isBusyCode, sqliteMessage } from "./internal/sqliteError.js"
import * as SqliteTransaction from "./SqliteTransaction.js"

/** How the connection trades durability for speed, and how long it waits for another writer. */
export interface ConnectionOptions {
  /**
   * `"FULL"` (the default): each commit is synced to disk before it returns. `"NORMAL"`: faster
   * commits; a power cut may lose the last ones (a process crash loses none).
   */
  readonly synchronous?: "FULL" | "NORMAL" | undefined
  /** How long a write waits for another connection's lock before failing with `StoreBusy`. Default 5 seconds. */
  readonly busyTimeout?: Duration.DurationInput | undefined
  /**
   * The most memory SQLite's page cache may take, in KiB (`PRAGMA cache_size`), a positive integer.
   * Default: better-sqlite3's, 16,000 KiB. A rebuild reads the whole log once, and a page cache that
   * large mostly keeps pages of the log it will not read again: {@link rebuildPageCacheKib} keeps a
   * rebuild's process about 14 MB smaller, for the same CPU time (see docs/performance.md).
   */
  readonly pageCacheKib?: number | undefined
}

/**
 * A page cache for a process that rebuilds read models: SQLite's own default size (2 MiB), an
 * eighth of better-sqlite3's.
 */
export const rebuildPageCacheKib = 2_048

/** Where the database lives, and how its connection behaves. */
export interface Options extends ConnectionOptions {
  /** The database file (created if missing), or `":memory:"` for a private database in memory. */
  readonly filename: string
}

/** The failures of opening a store. */
export type OpenError = EventStoreError.StoreBusy | EventStoreError.StoreFailure

/** The services a store layer provides. */
export type Stores = SqlStore.Stores

/** The default busy timeout. */
export const defaultBusyTimeout: Duration.Duration = Duration.seconds(5)

const requireSqlite = (sql: SqlClient.SqlClient) =>
  sql.onDialectOrElse({
    sqlite: () => Effect.void,
    orElse: () =>
      Effect.fail(
        new EventStoreError.StoreFailure({
          operation: "open the store",
          reason: "the SqlClient is not a SQLite client"
        })
      )
  })

/**
 * Sets the pragmas the store's guarantees rest on. The busy timeout comes first and the WAL
 * journal only after `SqlMigrations.check` accepted the database: switching the journal writes to
 * the file, and a file that is not the store's must be left as it was.
 */
export const configure = (options?: ConnectionOptions): Effect.Effect<void, OpenError, SqlClient.SqlClient> =>
  Effect.gen(function* () {
    const sql = yield* SqlClient.SqlClient
    yield* requireSqlite(sql)
    const driver = driverOf(sql)
    const timeout = Math.round(Duration.toMillis(options?.busyTimeout ?? defaultBusyTimeout))
    const onError = SqlDriver.toStoreError(driver, "configure the connection")
    const pageCache = options?.pageCacheKib
    if (pageCache !== undefined && !(Number.isSafeInteger(pageCache) && pageCache > 0)) {
      return yield* new EventStoreError.StoreFailure({
        operation: "configure the connection",
        reason: `pageCacheKib must be a positive integer, got ${pageCache}`
      })
    }
    yield* Effect.mapError(sql.unsafe(`PRAGMA busy_timeout = ${timeout}`), onError)
    // A negative cache_size is a size in KiB (a positive one counts pages).
    if (pageCache !== undefined) yield* Effect.mapError(sql.unsafe(`PRAGMA cache_size = -${pageCache}`), onError)
    yield* SqlMigrations.check(driver)
    yield* Effect.mapError(
      Effect.all([
        sql.unsafe("PRAGMA journal_mode = WAL"),
        sql.unsafe(`PRAGMA synchronous = ${options?.synchronous ?? "FULL"}`)
      ]),
      onError
    )
  })

/**
 * The driver `@kemitraan/sql` runs on: `BEGIN IMMEDIATE` transactions and SQLite's error codes;
 * on the store's own client (see {@link layerSqliteClient}), appends and stream reads on the
 * connection and statements it holds.
 */
export const driverOf = (sql: SqlClient.SqlClient, held?: Held | undefined): SqlDriver.SqlDriver => {
  const generic: SqlDriver.SqlDriver = {
    transaction: SqliteTransaction.make(sql, identity),
    classify,
    message: sqliteMessage
  }
  if (held === undefined || held.client !== sql) return generic
  const { appendBatch, appendNow } = AppendBatch.make(held, sql, () => generic)
  return {
    ...generic,
    appendBatch,
    appendNow,
    values: (text, params) => held.exclusive((db) => db.rows(text, params)),
    execute: (text, params) =>
      held.exclusive((db) => {
        db.prepared(text).run(params)
      })
  }
}

export {
  /** The connection a store's own client holds beside it, for its hot statements. */
  HeldConnection
}

/** The held connection of the client in context, if it is the store's own. */
const heldFor = (sql: SqlClient.SqlClient) =>
  Effect.map(Effect.serviceOption(HeldConnection), (held) =>
    Option.isSome(held) && held.value.client === sql ? held.value : undefined
  )

/** How many statements the store's own client ran on its connection (for benchmarks and diagnostics). */
export const statementsRun: Effect.Effect<number, never, HeldConnection> = Effect.map(HeldConnection, (held) =>
  held.statements()
)

/**
 * Configures the `SqlClient` in context, applies the migrations, and makes both stores on it. The
 * client must be a SQLite client with one connection, such as `SqliteClient` of
 * `@effect/sql-sqlite-node`.
 */
export const make = (
  options?: ConnectionOptions
): Effect.Effect<Effect.Effect.Success<ReturnType<typeof SqlStore.make>>, OpenError, SqlClient.SqlClient> =>
  Effect.gen(function* () {
    const sql = yield* SqlClient.SqlClient
    yield* configure(options)
    return yield* SqlStore.make(driverOf(sql, yield* heldFor(sql)))
  })

/** Both stores on an existing `SqlClient` (which must be SQLite). */
export const layerClient = (options?: ConnectionOptions): Layer.Layer<Stores, OpenError, SqlClient.SqlClient> =>
  Layer.unwrapEffect(
    Effect.gen(function* () {
      const sql = yield* SqlClient.SqlClient
      yield* configure(options)
      return SqlStore.layer(driverOf(sql, yield* heldFor(sql)))
    })
  )

const opening = (filename: string) => `open the database ${JSON.stringify(filename)}`

const openError = (filename: string) => (cause: Cause.Cause<unknown>) => {
  const error = Cause.squash(cause)
  const operation = opening(filename)
  const reason = error instanceof Error ? error.message : String(error)
  return Layer.fail(
    isBusyCode(codeOf(error))
      ? new EventStoreError.StoreBusy({ operation, reason })
      : new EventStoreError.StoreFailure({ operation, reason, cause: error })
  )
}

/**
 * Why a file name cannot be opened as a store, or `undefined`. An empty name would open a private
 * temporary database whose data vanish on close; a NUL or a lone surrogate would open another file.
 */
const filenameProblem = (filename: unknown): string | undefined =>
  typeof filename !== "string"
    ? "the file name is not a string"
    : filename.length === 0
      ? "the file name is empty (SQLite would open a temporary database, lost on close)"
      : filename.includes("\0")
        ? "the file name contains a NUL character"
        : /\p{Surrogate}/u.test(filename)
          ? "the file name has a lone UTF-16 surrogate"
          : undefined

/** The error of opening `filename`, saying which file and what step failed. */
const naming =
  (filename: string) =>
  (error: OpenError): OpenError =>
    error._tag === "StoreBusy"
      ? new EventStoreError.StoreBusy({ operation: opening(filename), reason: `${error.operation}: ${error.reason}` })
      : new EventStoreError.StoreFailure({
          operation: opening(filename),
          reason: `${error.operation}: ${error.reason}`,
          cause: error.cause
        })

/**
 * The SQLite client for a file (or `":memory:"`), with its failures to open typed. An unusable
 * file name is refused before anything is opened. The WAL journal is not set here: `configure`
 * sets it once the database is known to be the store's.
 */
export const layerSqliteClient = (
  filename: string
): Layer.Layer<SqliteClient.SqliteClient | SqlClient.SqlClient | HeldConnection, OpenError> => {
  const problem = filenameProblem(filename)
  if (problem !== undefined) {
    return Layer.fail(new EventStoreError.StoreFailure({ operation: opening(String(filename)), reason: problem }))
  }
  return Layer.catchAllCause(heldClientLayer({ filename }), openError(filename))
}

/**
 * Both stores on a database file, created and migrated if needed. The layer also provides the
 * `SqlClient`, for statements of an application's own on the same connection. Every failure to
 * open names the file: a file name that cannot be used, a file written by a newer version, another
 * application's database (all refused before anything is written), a migration that fails.
 */
export const layer = (
  options: Options
): Layer.Layer<Stores | SqliteClient.SqliteClient | SqlClient.SqlClient | HeldConnection, OpenError> =>
  layerClient(options).pipe(
    Layer.catchAll((error) => Layer.fail(naming(options.filename)(error))),
    Layer.provideMerge(layerSqliteClient(options.filename))
  )

/** Both stores on a fresh private database in memory, gone when the layer is released. */
export const layerMemory: Layer.Layer<
  Stores | SqliteClient.SqliteClient | SqlClient.SqlClient | HeldConnection,
  OpenError
> = layer({
  filename: ":memory:"
})
