/**
 * @kemitraan/eventsourcing/testing: the conformance suite for event-store adapters and
 * given/when/then specifications for deciders. Needs vitest, @effect/vitest and fast-check.
 *
 * @since 0.1.0
 */

/** Specifications of deciders: given events, when a command, then events or a failure. */
export * as DeciderSpecification from "./DeciderSpecification.js"

/** The conformance suite every event-store adapter must pass. */
export * as EventStoreConformance from "./EventStoreConformance.js"

/** The hostile-input suite every event-store adapter must pass: round-trip exactly or refuse typed, never hang. */
export * as HostileInput from "./HostileInput.js"

/** Valid and damaged encodings of a schema, for testing decoders. */
export * as EncodedInput from "./EncodedInput.js"

/** The conformance suite every read-model store must pass. */
export * as ReadModelConformance from "./ReadModelConformance.js"

/** Long runs that leave the event loop its turn, so that the test runner's messages get answered. */
export * as EventLoop from "./EventLoop.js"

/** The conformance suite every projection-leases implementation must pass, and a small read model for worker tests. */
export * as ProjectionLeasesConformance from "./ProjectionLeasesConformance.js"

/** The test of projection workers in several processes killed and paused at random, for every store. */
export * as ProjectionWorkerChaos from "./ProjectionWorkerChaos.js"
