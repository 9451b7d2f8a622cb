/**
 * What the command line names before it loads anything else (so that `--help` stays quick): the
 * default store and schema, the read models `rebuild` takes, the formats of `report`. A test checks
 * them against the modules they come from.
 *
 * @since 0.1.0
 */

/** The store when `--store` is not given: a SQLite file in the working directory. */
export const defaultStore = "kemitraan.sqlite"

/** The schema of a PostgreSQL store when `--schema` is not given: `PgStore.defaultSchema`. */
export const defaultSchema = "kemitraan"

/** The read models of the example, by name: `ReadModels.all`'s. */
export const readModels = ["ForumSummary", "ClassAdvancement", "SupplyChain", "Provenance"] as const

/** The formats of `report --format`. */
export const reportFormats = ["text", "json", "csv", "html"] as const
