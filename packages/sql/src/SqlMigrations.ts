/**
 * The store's own tables, as a versioned list of `@effect/sql` migrations: the log, the read
 * models' checkpoints, and the leases of read models among nodes. Read models' tables are not among them: an application creates those
 * with `ReadModelStore.createTables`. The migrations run when a store opens, inside one write
 * transaction, so two processes opening a new database at once cannot both migrate it; running
 * them again does nothing.
 *
 * The list only grows: a change to the schema is a new entry with the next number, never an edit
 * of an old one. The migrator records the highest number applied in {@link table}. Before it
 * migrates, {@link check} refuses a file it must not touch (a newer version's, another
 * application's).
 *
 * @since 0.2.0
 */
import * as Migrator from "@effect/sql/Migrator"
import * as SqlClient from "@effect/sql/SqlClient"
import type { SqlError } from "@effect/sql/SqlError"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Option from "effect/Option"
import * as Predicate from "effect/Predicate"
import * as Schema from "effect/Schema"
import { EventStoreError } from "@kemitraan/eventsourcing"
import { dialectOf } from "./internal/dialect.js"
import * as PgSchema from "./internal/pgSchema.js"
import { type SqlDriver, toStoreError } from "./SqlDriver.js"

/** The table in which the migrator records the migrations applied. */
export const table = "kemitraan_migrations"

const statements = (...texts: ReadonlyArray<string>): Effect.Effect<void, SqlError, SqlClient.SqlClient> =>
  Effect.flatMap(SqlClient.SqlClient, (sql) => Effect.forEach(texts, (text) => sql.unsafe(text), { discard: true }))

/**
 * The log. `position` is the rowid, so reading the log in order is a walk of the table itself;
 * `UNIQUE (stream_id, stream_version)` is both the optimistic-concurrency guard and the index
 * that reads a stream and finds its version. STRICT column types and the CHECKs guarantee the
 * envelope's shape, so that reads need only check the column types.
 */
const createEvents = statements(`CREATE TABLE IF NOT EXISTS events (
  position INTEGER PRIMARY KEY CHECK (position >= 1),
  stream_id TEXT NOT NULL CHECK (stream_id <> ''),
  stream_version INTEGER NOT NULL CHECK (stream_version >= 1),
  event_id TEXT NOT NULL UNIQUE CHECK (event_id <> ''),
  type TEXT NOT NULL CHECK (type <> ''),
  data TEXT NOT NULL,
  metadata TEXT NOT NULL,
  recorded_at TEXT NOT NULL,
  UNIQUE (stream_id, stream_version)
) STRICT`)

const checkpointsTable = (name: string) => `CREATE TABLE ${name} (
  name TEXT PRIMARY KEY CHECK (name <> ''),
  version INTEGER NOT NULL,
  position INTEGER NOT NULL CHECK (position >= 0),
  updated_at TEXT NOT NULL
) STRICT`

/**
 * One row per read model: the last position its tables show, and its version. Releases before
 * 0.2.0 kept a projection's whole state here and wrote the forum domain's tables in migration 3;
 * a checkpoint of that kind is meaningless to a read model, so 4 starts the table afresh (read
 * models then rebuild), and 3 is kept, empty, so that the numbers of older databases still line up.
 */
const createCheckpoints = statements(`CREATE TABLE IF NOT EXISTS checkpoints (
  name TEXT PRIMARY KEY,
  version INTEGER NOT NULL,
  position INTEGER NOT NULL CHECK (position >= 0),
  state TEXT NOT NULL,
  updated_at TEXT NOT NULL
) STRICT`)

const checkpointsWithoutState = statements(
  "DROP TABLE IF EXISTS read_models",
  "DROP TABLE IF EXISTS checkpoints",
  checkpointsTable("checkpoints")
)

/**
 * The leases of read models among the nodes sharing the store (see `SqlProjectionLeases`), and the
 * nodes alive. Times are epoch milliseconds of the database's clock; a free lease has no owner and
 * keeps its epoch, so that the next owner's is higher still.
 */
const projectionLeaseTables = (integer: string, options: string) => [
  `CREATE TABLE IF NOT EXISTS projection_leases (
  name TEXT PRIMARY KEY CHECK (name <> ''),
  owner TEXT CHECK (owner <> ''),
  epoch ${integer} NOT NULL CHECK (epoch >= 1),
  lease_until ${integer} NOT NULL
)${options}`,
  `CREATE TABLE IF NOT EXISTS projection_nodes (
  owner TEXT PRIMARY KEY CHECK (owner <> ''),
  alive_until ${integer} NOT NULL
)${options}`
]

const createProjectionLeases = Effect.flatMap(SqlClient.SqlClient, (sql) =>
  sql.onDialectOrElse({
    pg: () => statements(...projectionLeaseTables("BIGINT", "")),
    orElse: () => statements(...projectionLeaseTables("INTEGER", " STRICT"))
  })
)

/** The migrations, by `<number>_<name>`, in the form `Migrator.fromRecord` takes. */
export const migrations: Readonly<Record<string, Effect.Effect<void, SqlError, SqlClient.SqlClient>>> = {
  "0001_events": createEvents,
  "0002_checkpoints": createCheckpoints,
  "0003_retired": Effect.void,
  "0004_checkpoints_of_read_models": checkpointsWithoutState,
  "0005_projection_leases": createProjectionLeases
}

/**
 * The migrations on PostgreSQL: the same log in PostgreSQL's types, the head row and the append
 * function (see `docs/decisions/0009-postgres-log-head.md`). Numbered on their own: a schema is
 * only ever one engine's.
 */
export const pgMigrations: Readonly<Record<string, Effect.Effect<void, SqlError, SqlClient.SqlClient>>> = {
  "0001_events": statements(PgSchema.createEvents, ...PgSchema.createHead),
  "0002_checkpoints": statements(PgSchema.createCheckpoints),
  "0003_append_function": statements(PgSchema.createAppendFunction),
  "0004_projection_leases": createProjectionLeases,
  // The append function replaced: the same answers from a few statements per batch, whatever its size.
  "0005_append_function_per_batch": statements(PgSchema.createAppendFunction),
  // The events' data and metadata as one JSON array each instead of text arrays. The text-array
  // function is left beside it (another signature), so that a node of the version before goes on
  // appending during a rolling upgrade: both lock the same head row.
  "0006_append_function_json": statements(PgSchema.createAppendFunction),
  // The same signature and answers, with a shorter way for a batch of one append.
  "0007_append_function_one": statements(PgSchema.createAppendFunction)
}

const migrationsOf = (sql: SqlClient.SqlClient) => (dialectOf(sql).name === "pg" ? pgMigrations : migrations)

const migrate = Migrator.make({})

const latestIdOf = (record: Readonly<Record<string, unknown>>) =>
  Math.max(...Object.keys(record).map((key) => Number.parseInt(key, 10)))

/** Whether every migration is applied: a plain read, so that opening a store waits for no writer. */
const upToDate = (sql: SqlClient.SqlClient) =>
  Effect.gen(function* () {
    const dialect = dialectOf(sql)
    const tables = yield* sql.unsafe<object>(dialect.text(catalogue[dialect.name].table), [table])
    if (tables.length === 0) return false
    const rows = yield* sql.unsafe<object>(`SELECT coalesce(max(migration_id), 0) AS id FROM ${table}`)
    const applied = Schema.decodeUnknownOption(Schema.Struct({ id: Schema.Int }))(rows[0])
    return Option.isSome(applied) && applied.value.id >= latestIdOf(migrationsOf(sql))
  })

/** The catalogue queries: a table by name, the tables, the columns of `events`. */
const catalogue = {
  sqlite: {
    table: "SELECT name FROM sqlite_master WHERE type = 'table' AND name = ?",
    tables:
      "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY name",
    eventsColumns: "SELECT name FROM pragma_table_info('events') ORDER BY cid"
  },
  pg: {
    table:
      "SELECT table_name AS name FROM information_schema.tables WHERE table_schema = current_schema() AND table_name = ?",
    tables:
      "SELECT table_name AS name FROM information_schema.tables WHERE table_schema = current_schema() ORDER BY table_name",
    eventsColumns:
      "SELECT column_name AS name FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = 'events' ORDER BY ordinal_position"
  }
} as const

/** The columns of `events`, in order: a table of that name with others is another application's. */
const eventsColumns = [
  "position",
  "stream_id",
  "stream_version",
  "event_id",
  "type",
  "data",
  "metadata",
  "recorded_at"
].join(", ")

const Names = Schema.Array(Schema.Struct({ name: Schema.String }))
const decodeNames = Schema.decodeUnknownEither(Names)

const namesOf = (sql: SqlClient.SqlClient, text: string, params: ReadonlyArray<unknown> = []) =>
  Effect.flatMap(sql.unsafe<object>(text, params), (rows) =>
    Either.match(decodeNames(rows), {
      onLeft: () => Effect.fail(refusal(`unexpected rows from the catalogue: ${JSON.stringify(rows)}`)),
      onRight: (named) => Effect.succeed(named.map((row) => row.name))
    })
  )

const refusal = (reason: string) => new EventStoreError.StoreFailure({ operation: "check the database", reason })

/**
 * Refuses, with plain reads and before anything is written, a database this version must not
 * touch: one written by a newer version (a migration above the newest it knows), one holding
 * tables but no record of Kemitraan's migrations (another application's), and one whose `events`
 * table has other columns than the log's.
 */
export const check = (
  driver: SqlDriver
): Effect.Effect<void, EventStoreError.StoreBusy | EventStoreError.StoreFailure, SqlClient.SqlClient> =>
  Effect.gen(function* () {
    const sql = yield* SqlClient.SqlClient
    const queries = catalogue[dialectOf(sql).name]
    const latestId = latestIdOf(migrationsOf(sql))
    const tables = yield* namesOf(sql, queries.tables)
    if (!tables.includes(table)) {
      if (tables.length === 0) return
      const listed = tables.slice(0, 5).join(", ") + (tables.length > 5 ? ", ..." : "")
      return yield* refusal(`not a Kemitraan store: it holds tables (${listed}) but no ${table}`)
    }
    const rows = yield* sql.unsafe<object>(`SELECT coalesce(max(migration_id), 0) AS id FROM ${table}`)
    const applied = Schema.decodeUnknownOption(Schema.Struct({ id: Schema.Int }))(rows[0])
    if (Option.isNone(applied)) return yield* refusal(`${table} holds no readable migration number`)
    if (applied.value.id > latestId) {
      return yield* refusal(
        `written by a newer version: migration ${applied.value.id} is applied, this version knows up to ${latestId}`
      )
    }
    if (!tables.includes("events")) return
    const columns = (yield* namesOf(sql, queries.eventsColumns)).join(", ")
    if (columns !== eventsColumns) {
      return yield* refusal(`not a Kemitraan store: its events table has columns (${columns}), not (${eventsColumns})`)
    }
  }).pipe(Effect.catchTag("SqlError", (error) => Effect.fail(toStoreError(driver, "check the database")(error))))

/**
 * Applies the migrations not yet applied and returns them as `[number, name]`. Only when some are
 * missing does it take the write lock. Fails with a typed store error (`StoreBusy` when another
 * process held the lock past the busy timeout).
 */
export const run = (
  driver: SqlDriver
): Effect.Effect<
  ReadonlyArray<readonly [id: number, name: string]>,
  EventStoreError.StoreBusy | EventStoreError.StoreFailure,
  SqlClient.SqlClient
> =>
  Effect.gen(function* () {
    const sql = yield* SqlClient.SqlClient
    const onError = toStoreError(driver, "migrate the database")
    yield* check(driver)
    if (yield* Effect.mapError(upToDate(sql), onError)) return []
    const prepare =
      dialectOf(sql).name === "pg" ? sql.unsafe(PgSchema.createMigrationsTable(table)).pipe(Effect.asVoid) : Effect.void
    const migrating = Effect.zipRight(prepare, migrate({ loader: Migrator.fromRecord(migrationsOf(sql)), table }))
    return yield* driver.transaction(migrating).pipe(
      Effect.catchTags({
        SqlError: (error) => Effect.fail(onError(error)),
        MigrationError: (error) => Effect.fail(failure(error.message, error))
      }),
      // The migrator turns a failed migration into a defect; here it is a typed failure to open.
      Effect.catchAllDefect((defect) => Effect.fail(failure(describe(defect), defect)))
    )
  })

const describe = (defect: unknown): string => {
  const inner = Predicate.hasProperty(defect, "cause") ? defect.cause : undefined
  const innerMessage = inner instanceof Error ? `: ${inner.message}` : ""
  return defect instanceof Error ? `${defect.message}${innerMessage}` : `a migration failed: ${String(defect)}`
}

const failure = (reason: string, cause: unknown) =>
  new EventStoreError.StoreFailure({ operation: "migrate the database", reason, cause })
