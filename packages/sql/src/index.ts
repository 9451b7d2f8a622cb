/**
 * @kemitraan/sql: Kemitraan's stores written once on `@effect/sql`: the event store, the read
 * models' checkpoints and tables (their DDL generated from the row schemas), and the migrations of
 * the store's own tables. Drivers (`@kemitraan/sqlite`) supply the client and a {@link SqlDriver}.
 *
 * @since 0.2.0
 */

/** What a driver supplies: its write transaction and what a failed statement means. */
export * as SqlDriver from "./SqlDriver.js"

/** The kernel's event store on a SQL client. */
export * as SqlEventStore from "./SqlEventStore.js"

/** The versioned migrations of the store's own tables: the log and the checkpoints. */
export * as SqlMigrations from "./SqlMigrations.js"

/** The kernel's projection leases on a SQL client: one owner per read model among nodes, on the database's clock. */
export * as SqlProjectionLeases from "./SqlProjectionLeases.js"

/** The kernel's read-model store on a SQL client: tables from row schemas, commits with checkpoints. */
export * as SqlReadModelStore from "./SqlReadModelStore.js"

/** Both stores on one client, after the migrations. */
export * as SqlStore from "./SqlStore.js"
