/**
 * The store for more than one machine: the kernel's `EventStore` and `ReadModelStore` in one
 * PostgreSQL schema, on `@effect/sql-pg`. A thin driver: it opens the client with the schema on its
 * `search_path`, creates the schema, and gives `@kemitraan/sql` its write transaction and the
 * meaning of PostgreSQL's SQLSTATEs; the stores, the migrations and the append function are
 * `@kemitraan/sql`'s.
 *
 * ```ts
 * import { PgStore } from "@kemitraan/postgres"
 * const StoreLive = PgStore.layer({ url: "postgres://app@db.internal/kemitraan", schema: "forum" })
 * ```
 *
 * Every append locks the log's one head row until it commits, so positions commit in order and a
 * reader paging from its checkpoint never skips an event that commits late. Appends are one call
 * of a function on the server (no transaction of the caller's may wrap them). Read-model commits
 * take a transaction-scoped advisory lock of the schema, as SQLite's write lock does.
 *
 * @since 0.2.0
 */
import { PgClient } from "@effect/sql-pg"
import { SqlClient } from "@effect/sql"
import { Cause, Duration, Effect, Layer, Option, Redacted } from "effect"
import { EventStoreError } from "@kemitraan/eventsourcing"
import { type SqlDriver, SqlStore } from "@kemitraan/sql"
import { type Held, HeldPool, layer as heldPoolLayer } from "./internal/heldPool.js"
import { classify, pgMessage } from "./internal/pgError.js"

/** Where the store lives, and how long it waits for a lock. */
export interface Options {
  /** A PostgreSQL connection URL (`postgres://user:password@host:5432/database`). */
  readonly url: string | Redacted.Redacted<string>
  /** The schema (namespace) holding the store's tables: lower-case letters, digits and `_`. Default `kemitraan`. */
  readonly schema?: string | undefined
  /** How long an append or a commit waits for a lock before failing with `StoreBusy`. Default 5 seconds. */
  readonly lockTimeout?: Duration.DurationInput | undefined
  /** The most connections the client's pool opens (the store's append calls have their own, one per lane). Default 10. */
  readonly maxConnections?: number | undefined
  /**
   * How many batches of appends this store may have in flight at once, 1 to 8. Default 1: the
   * appends that arrive while a batch commits wait and go together in the next, which suits
   * several processes or nodes appending to one log. 2 suits one process that does all the
   * appending with many concurrent writers: the next batch waits at the server while the last
   * commits (see docs/postgres.md, "Measured").
   */
  readonly appendLanes?: number | undefined
}

/** The failures of opening a store. */
export type OpenError = EventStoreError.StoreBusy | EventStoreError.StoreFailure

/** The services a store layer provides. */
export type Stores = SqlStore.Stores

/** The default schema. */
export const defaultSchema = "kemitraan"

/** The default number of batches of appends in flight. */
export const defaultAppendLanes = 1

/** The default lock timeout. */
export const defaultLockTimeout: Duration.Duration = Duration.seconds(5)

const schemaPattern = /^[a-z_][a-z0-9_]{0,62}$/

const opening = (schema: string) => `open the PostgreSQL store in schema ${JSON.stringify(schema)}`

/**
 * The driver `@kemitraan/sql` runs on: transactions that take the schema's advisory lock, and
 * PostgreSQL's SQLSTATEs; on the store's own client (see {@link layerPgClient}), the append call
 * on the pool it holds.
 */
export const driverOf = (
  sql: SqlClient.SqlClient,
  schema: string,
  lockTimeout: Duration.DurationInput = defaultLockTimeout,
  held?: Held | undefined,
  appendLanes: number = defaultAppendLanes
): SqlDriver.SqlDriver => {
  const millis = Math.max(1, Math.round(Duration.toMillis(lockTimeout)))
  const begin = sql.unsafe("SELECT set_config('lock_timeout', $1, true), pg_advisory_xact_lock(hashtext($2))", [
    `${millis}ms`,
    `kemitraan:${schema}`
  ])
  const generic: SqlDriver.SqlDriver = {
    transaction: (effect) => sql.withTransaction(Effect.zipRight(begin, effect)),
    classify,
    message: pgMessage,
    lockTimeoutMillis: millis,
    appendLanes
  }
  if (held === undefined || held.client !== sql) return generic
  return { ...generic, appendCall: held.values }
}

export {
  /** The pool a store's own client holds beside it, for its hot statements. */
  HeldPool
}

/** The held pool of the client in context, if it is the store's own. */
const heldFor = (sql: SqlClient.SqlClient) =>
  Effect.map(Effect.serviceOption(HeldPool), (held) =>
    Option.isSome(held) && held.value.client === sql ? held.value : undefined
  )

/** The URL with the schema first on the connections' `search_path`. */
const withSearchPath = (url: string, schema: string): string => {
  const parsed = new URL(url)
  const given = parsed.searchParams.get("options")
  parsed.searchParams.set("options", `${given === null ? "" : `${given} `}-c search_path=${schema}`)
  return parsed.toString()
}

const failure = (operation: string, reason: string, cause?: unknown) =>
  new EventStoreError.StoreFailure({ operation, reason, cause })

/** Why `appendLanes` is not one the store takes, or `undefined`. */
const lanesProblem = (lanes: unknown): string | undefined =>
  lanes === undefined || (Number.isInteger(lanes) && typeof lanes === "number" && lanes >= 1 && lanes <= 8)
    ? undefined
    : `appendLanes must be an integer from 1 to 8, got ${String(lanes)}`

/**
 * The PostgreSQL client for a store: its connections put the schema first on their `search_path`.
 * The store holds a small pool beside it ({@link HeldPool}), one connection per lane, for its
 * append calls.
 */
export const layerPgClient = (
  options: Options
): Layer.Layer<PgClient.PgClient | SqlClient.SqlClient | HeldPool, OpenError> => {
  const schema = options.schema ?? defaultSchema
  if (!schemaPattern.test(schema)) {
    return Layer.fail(
      failure(
        opening(schema),
        "the schema name must be 1-63 lower-case letters, digits or _, not starting with a digit"
      )
    )
  }
  const lanes = lanesProblem(options.appendLanes)
  if (lanes !== undefined) return Layer.fail(failure(opening(schema), lanes))
  const raw = Redacted.isRedacted(options.url) ? Redacted.value(options.url) : options.url
  let url: string
  try {
    url = withSearchPath(raw, schema)
  } catch {
    return Layer.fail(failure(opening(schema), "the connection URL does not parse"))
  }
  const client = PgClient.layer({
    url: Redacted.make(url),
    maxConnections: options.maxConnections ?? 10,
    applicationName: "kemitraan"
  })
  return Layer.provideMerge(
    heldPoolLayer({
      url,
      applicationName: "kemitraan",
      connections: options.appendLanes ?? defaultAppendLanes
    }),
    client
  ).pipe(
    Layer.catchAllCause((cause) => {
      const error = Cause.squash(cause)
      return Layer.fail(failure(opening(schema), error instanceof Error ? error.message : String(error), error))
    })
  )
}

/** Creates the schema (under the schema's advisory lock, so that two nodes starting at once do not race). */
const createSchema = (driver: SqlDriver.SqlDriver, schema: string) =>
  Effect.flatMap(SqlClient.SqlClient, (sql) =>
    driver
      .transaction(sql.unsafe(`CREATE SCHEMA IF NOT EXISTS "${schema}"`))
      .pipe(
        Effect.mapError((error) =>
          classify(error) === "busy"
            ? new EventStoreError.StoreBusy({ operation: opening(schema), reason: pgMessage(error) })
            : failure(opening(schema), `create the schema: ${pgMessage(error)}`, error)
        )
      )
  )

/** Both stores on the `SqlClient` in context (which must be PostgreSQL's), in `schema`, created and migrated if needed. */
export const layerClient = (
  options: Omit<Options, "url" | "maxConnections"> = {}
): Layer.Layer<Stores, OpenError, SqlClient.SqlClient> =>
  Layer.unwrapEffect(
    Effect.gen(function* () {
      const sql = yield* SqlClient.SqlClient
      const schema = options.schema ?? defaultSchema
      const isPg = sql.onDialectOrElse({ pg: () => true, orElse: () => false })
      if (!isPg) return yield* failure(opening(schema), "the SqlClient is not a PostgreSQL client")
      const lanes = lanesProblem(options.appendLanes)
      if (lanes !== undefined) return yield* failure(opening(schema), lanes)
      const driver = driverOf(sql, schema, options.lockTimeout, yield* heldFor(sql), options.appendLanes)
      yield* createSchema(driver, schema)
      return SqlStore.layer(driver)
    })
  )

/**
 * Both stores in a schema of a PostgreSQL database, created and migrated if needed. The layer also
 * provides the `SqlClient` (and `PgClient`), for statements of an application's own.
 */
export const layer = (
  options: Options
): Layer.Layer<Stores | PgClient.PgClient | SqlClient.SqlClient | HeldPool, OpenError> =>
  layerClient(options).pipe(Layer.provideMerge(layerPgClient(options)))
