/**
 * The stores on one SQL client: the kernel's `EventStore` and `ReadModelStore`, after the store's
 * migrations. A driver (`@kemitraan/sqlite`, say) opens the client, sets it up, and hands this its
 * {@link SqlDriver}; everything else is here, written once.
 *
 * @since 0.2.0
 */
import { SqlClient } from "@effect/sql"
import { Context, Effect, Layer } from "effect"
import { EventStore, type EventStoreError, ReadModelStore } from "@kemitraan/eventsourcing"
import type { SqlDriver } from "./SqlDriver.js"
import * as SqlEventStore from "./SqlEventStore.js"
import * as SqlMigrations from "./SqlMigrations.js"
import * as SqlReadModelStore from "./SqlReadModelStore.js"

/** The services a store provides. */
export type Stores = EventStore.EventStore | ReadModelStore.ReadModelStore

/** The failures of opening a store. */
export type OpenError = EventStoreError.StoreBusy | EventStoreError.StoreFailure

/** Applies the migrations, and makes both stores on the `SqlClient` in context. */
export const make = (
  driver: SqlDriver
): Effect.Effect<
  { readonly eventStore: EventStore.EventStore; readonly readModelStore: ReadModelStore.ReadModelStore },
  OpenError,
  SqlClient.SqlClient
> =>
  Effect.gen(function* () {
    const sql = yield* SqlClient.SqlClient
    yield* SqlMigrations.run(driver)
    return {
      eventStore: SqlEventStore.makeWith(sql, driver),
      readModelStore: SqlReadModelStore.makeWith(sql, driver)
    }
  })

/** Both stores on the `SqlClient` in context, as a layer. */
export const layer = (driver: SqlDriver): Layer.Layer<Stores, OpenError, SqlClient.SqlClient> =>
  Layer.effectContext(
    Effect.map(make(driver), ({ eventStore, readModelStore }) =>
      Context.make(EventStore.EventStore, eventStore).pipe(Context.add(ReadModelStore.ReadModelStore, readModelStore))
    )
  )
