/**
 * The stores on one SQL client: the kernel's `EventStore` and `ReadModelStore`, after the store's
 * migrations. A driver (`@kemitraan/sqlite`, say) opens the client, sets it up, and hands this its
 * {@link SqlDriver}; everything else is here, written once.
 *
 * @since 0.2.0
 */
import * as SqlClient from "@effect/sql/SqlClient"
import * as Context from "effect/Context"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import {
  EventStore,
  type EventStoreError,
  ProjectionLeases,
  ReadModelStore,
  StreamFold
} from "@kemitraan/eventsourcing"
import type { SqlDriver } from "./SqlDriver.js"
import * as SqlEventStore from "./SqlEventStore.js"
import * as SqlMigrations from "./SqlMigrations.js"
import * as SqlProjectionLeases from "./SqlProjectionLeases.js"
import * as SqlReadModelStore from "./SqlReadModelStore.js"

/**
 * The services a store provides: the event store with the cache of its stream folds, the read-model
 * store, and the leases of read models among the nodes sharing the store.
 */
export type Stores =
  EventStore.EventStore | StreamFold.Cache | ReadModelStore.ReadModelStore | ProjectionLeases.ProjectionLeases

/** The failures of opening a store. */
export type OpenError = EventStoreError.StoreBusy | EventStoreError.StoreFailure

/** Applies the migrations, and makes the stores and the leases on the `SqlClient` in context. */
export const make = (
  driver: SqlDriver
): Effect.Effect<
  {
    readonly eventStore: EventStore.EventStore
    readonly readModelStore: ReadModelStore.ReadModelStore
    readonly leases: ProjectionLeases.ProjectionLeases
  },
  OpenError,
  SqlClient.SqlClient
> =>
  Effect.gen(function* () {
    const sql = yield* SqlClient.SqlClient
    yield* SqlMigrations.run(driver)
    return {
      eventStore: SqlEventStore.makeWith(sql, driver),
      readModelStore: SqlReadModelStore.makeWith(sql, driver),
      leases: SqlProjectionLeases.makeWith(sql, driver)
    }
  })

/** The stores and the leases on the `SqlClient` in context, with the cache of the event store's stream folds, as a layer. */
export const layer = (driver: SqlDriver): Layer.Layer<Stores, OpenError, SqlClient.SqlClient> =>
  Layer.effectContext(
    Effect.map(make(driver), ({ eventStore, leases, readModelStore }) =>
      Context.make(EventStore.EventStore, eventStore).pipe(
        // A stream the cache keeps nothing of is taken for a new one where the driver writes an
        // append in the caller's step (SQLite's held connection): a new stream's command then
        // runs one statement, not two; a wrong guess costs a refused insert and its explanation,
        // and the cache's pauses after wrong guesses keep those few.
        Context.add(StreamFold.Cache, StreamFold.makeCache(eventStore, { guessNew: driver.appendNow !== undefined })),
        Context.add(ReadModelStore.ReadModelStore, readModelStore),
        Context.add(ProjectionLeases.ProjectionLeases, leases)
      )
    )
  )
