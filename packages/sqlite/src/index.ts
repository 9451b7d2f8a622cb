/**
 * @kemitraan/sqlite: the embedded default Kemitraan store. Events, checkpoints and read-model
 * tables in one SQLite file: a thin driver of `@kemitraan/sql` on `@effect/sql-sqlite-node` and
 * better-sqlite3.
 *
 * @since 0.1.0
 */

/** The store layers: a database file, `:memory:`, or an existing `SqlClient`. */
export * as SqliteStore from "./SqliteStore.js"

/** Write transactions that take the write lock when they begin. */
export * as SqliteTransaction from "./SqliteTransaction.js"
