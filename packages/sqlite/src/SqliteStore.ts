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
 * Opening a store sets the connection's pragmas (WAL journal, `synchronous`, busy timeout) and
 * applies the schema migrations. Durability: with the default `synchronous = FULL` every
 * acknowledged append is in the WAL file on disk before the append returns, so neither a killed
 * process nor a power cut loses it. `NORMAL` syncs the WAL only at checkpoints: a killed process
 * still loses nothing, but a power cut or OS crash may roll back the last appends acknowledged
 * before it (the file stays consistent).
 *
 * @since 0.1.0
 */
import { SqlClient } from "@effect/sql"
import { SqliteClient } from "@effect/sql-sqlite-node"
import { Cause, Duration, Effect, identity, Layer } from "effect"
import { EventStoreError } from "@kemitraan/eventsourcing"
import { SqlDriver, SqlStore } from "@kemitraan/sql"
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
}

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

/** Sets the pragmas the store's guarantees rest on. */
export const configure = (options?: ConnectionOptions): Effect.Effect<void, OpenError, SqlClient.SqlClient> =>
  Effect.gen(function* () {
    const sql = yield* SqlClient.SqlClient
    yield* requireSqlite(sql)
    const timeout = Math.round(Duration.toMillis(options?.busyTimeout ?? defaultBusyTimeout))
    yield* Effect.mapError(
      Effect.all([
        sql.unsafe(`PRAGMA busy_timeout = ${timeout}`),
        sql.unsafe(`PRAGMA synchronous = ${options?.synchronous ?? "FULL"}`)
      ]),
      SqlDriver.toStoreError(driverOf(sql), "configure the connection")
    )
  })

/** The driver `@kemitraan/sql` runs on: `BEGIN IMMEDIATE` transactions and SQLite's error codes. */
export const driverOf = (sql: SqlClient.SqlClient): SqlDriver.SqlDriver => ({
  transaction: SqliteTransaction.make(sql, identity),
  classify,
  message: sqliteMessage
})

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
    return yield* SqlStore.make(driverOf(sql))
  })

/** Both stores on an existing `SqlClient` (which must be SQLite). */
export const layerClient = (options?: ConnectionOptions): Layer.Layer<Stores, OpenError, SqlClient.SqlClient> =>
  Layer.unwrapEffect(
    Effect.gen(function* () {
      const sql = yield* SqlClient.SqlClient
      yield* configure(options)
      return SqlStore.layer(driverOf(sql))
    })
  )

const openError = (filename: string) => (cause: Cause.Cause<unknown>) => {
  const error = Cause.squash(cause)
  const operation = `open the database "${filename}"`
  const reason = error instanceof Error ? error.message : String(error)
  return Layer.fail(
    isBusyCode(codeOf(error))
      ? new EventStoreError.StoreBusy({ operation, reason })
      : new EventStoreError.StoreFailure({ operation, reason, cause: error })
  )
}

/** The SQLite client for a file (or `":memory:"`), with its failures to open typed. */
export const layerSqliteClient = (
  filename: string
): Layer.Layer<SqliteClient.SqliteClient | SqlClient.SqlClient, OpenError> =>
  Layer.catchAllCause(SqliteClient.layer({ filename }), openError(filename))

/**
 * Both stores on a database file, created and migrated if needed. The layer also provides the
 * `SqlClient`, for statements of an application's own on the same connection.
 */
export const layer = (
  options: Options
): Layer.Layer<Stores | SqliteClient.SqliteClient | SqlClient.SqlClient, OpenError> =>
  layerClient(options).pipe(Layer.provideMerge(layerSqliteClient(options.filename)))

/** Both stores on a fresh private database in memory, gone when the layer is released. */
export const layerMemory: Layer.Layer<Stores | SqliteClient.SqliteClient | SqlClient.SqlClient, OpenError> = layer({
  filename: ":memory:"
})
