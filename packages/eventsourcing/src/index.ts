/**
 * @kemitraan/eventsourcing: a domain-free event-sourcing kernel on Effect.
 *
 * @since 0.1.0
 */

/** Wake-ups after appends, for readers that would otherwise only poll. */
export * as AppendSignal from "./AppendSignal.js"

/** Command handling: load, fold, decide, append with the version read, retry a lost race. */
export * as CommandHandler from "./CommandHandler.js"

/** The time of a command, which the handler passes to `decide`: when it happened and when it is recorded. */
export * as CommandTime from "./CommandTime.js"

/** Deciders: `initialState`, `evolve`, `decide`. */
export * as Decider from "./Decider.js"

/** Event catalogues: the tagged events of a domain and their codecs. */
export * as EventCatalog from "./EventCatalog.js"

/** The event store service, its in-memory layer, and typed append and read helpers. */
export * as EventStore from "./EventStore.js"

/** Checks shared by every event-store adapter. */
export * as EventStoreAdapter from "./EventStoreAdapter.js"

/** The typed errors of the store. */
export * as EventStoreError from "./EventStoreError.js"

/** Expected versions (any version, no stream, stream exists, exact n). */
export * as ExpectedVersion from "./ExpectedVersion.js"

/** A clock set by hand: replays of the past, and tests that drive many commands quickly. */
export * as ManualClock from "./ManualClock.js"

/** Leases with a fencing epoch: one owner per read model among the nodes sharing a store. */
export * as ProjectionLeases from "./ProjectionLeases.js"

/** The continuous projection worker: keeps the read models a node holds a lease on caught up. */
export * as ProjectionWorker from "./ProjectionWorker.js"

/** Read models: projections whose output is tables, with look-ups and row changes. */
export * as ReadModel from "./ReadModel.js"

/** Catch-up, rebuild and time travel for read models. */
export * as ReadModelRunner from "./ReadModelRunner.js"

/** Where read models keep their tables and checkpoints, and the in-memory store. */
export * as ReadModelStore from "./ReadModelStore.js"

/** Events as stored and as recorded. */
export * as RecordedEvent from "./RecordedEvent.js"

/** Tables of read models, declared with Schema: name, row schema, key, indexes. */
export * as Table from "./Table.js"

/** Streams folded incrementally, the states of the most recently used ones kept in a layer's cache. */
export * as StreamFold from "./StreamFold.js"
