/**
 * @kemitraan/core/testing: fast-check arbitraries of the domain and generators of whole forums, for
 * testing code that consumes Kemitraan's events against realistic and adversarial histories.
 *
 * @since 0.1.0
 */

/** Generators of forums as command sequences: consistent ones and adversarial ones. */
export * as ForumScenario from "./ForumScenario.js"

/** Arbitraries of values, commands and events. */
export * as KemitraanArbitrary from "./KemitraanArbitrary.js"

/** The kernel's clock set by hand, for driving many commands quickly (here too, for existing imports). */
export { ManualClock } from "@kemitraan/eventsourcing"

/** The seeded PRNG (mulberry32) of every synthetic generator, and its integer draws. */
export * as Prng from "./Prng.js"

/** A synthetic national programme of domain events, shaped like the founding forum, for load tests and benchmarks. */
export * as Programme from "./Programme.js"
