/**
 * @kemitraan/postgres: the store for more than one machine, a thin driver of `@kemitraan/sql` on
 * `@effect/sql-pg`.
 *
 * @since 0.2.0
 */

/** Both stores in one PostgreSQL schema. */
export * as PgStore from "./PgStore.js"

/** Wake-ups after appends, by `LISTEN` on a connection of its own: projection workers catch up at once. */
export * as PgAppendSignal from "./PgAppendSignal.js"
