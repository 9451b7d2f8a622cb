/**
 * @kemitraan/sqlite: the embedded default Kemitraan store. Events, checkpoints and (later) read
 * models in one SQLite file, on `@effect/sql` and better-sqlite3.
 *
 * @since 0.1.0
 */

/** The kernel's checkpoint store on SQLite: one row per projection, written in real transactions. */
export * as SqliteCheckpointStore from "./SqliteCheckpointStore.js"

/** The kernel's event store on SQLite: `BEGIN IMMEDIATE` appends, keyset-paged reads decoded with Schema. */
export * as SqliteEventStore from "./SqliteEventStore.js"

/** The versioned schema migrations, applied when a store opens. */
export * as SqliteMigrations from "./SqliteMigrations.js"

/** The store layers: a database file, `:memory:`, or an existing `SqlClient`. */
export * as SqliteStore from "./SqliteStore.js"

/** Write transactions that take the write lock when they begin. */
export * as SqliteTransaction from "./SqliteTransaction.js"

/** The core's read models as tables (forum summary, class advancement, supply chain), written with their checkpoints. */
export * as SqliteReadModels from "./SqliteReadModels.js"
