/**
 * The forum dataset of the example: published facts, synthetic records, their loader and generator.
 *
 * @since 0.1.0
 */

/** The dataset: its files, `load(dir)`, `decode` and `encode`. */
export * as Dataset from "./Dataset.js"

/** The typed failures of loading the dataset. */
export * as DatasetError from "./DatasetError.js"

/** The seeded, deterministic generator of the dataset. */
export * as Generator from "./Generator.js"

/** The figures and facts the sources publish. */
export * as Published from "./Published.js"

/** The schema of every record. */
export * as Records from "./Records.js"
