/**
 * Stores for the tests: each build of {@link layerFresh} opens both stores in a new schema of the
 * test server (`inject("postgresUrl")`), so that test cases never see each other's events.
 */
import { randomBytes } from "node:crypto"
import type { SqlClient } from "@effect/sql"
import { Effect, Layer } from "effect"
import { inject } from "vitest"
import { PgStore } from "@kemitraan/postgres"

/** A new schema name, `kt_` and 16 hex digits. */
export const freshSchema = (): string => `kt_${randomBytes(8).toString("hex")}`

/** Both stores in a new schema each time the layer is built. */
export const layerFresh = (
  options?: Omit<PgStore.Options, "url" | "schema">
): Layer.Layer<PgStore.Stores | SqlClient.SqlClient, PgStore.OpenError> =>
  Layer.unwrapEffect(
    Effect.sync(() =>
      PgStore.layer({ maxConnections: 4, ...options, url: inject("postgresUrl"), schema: freshSchema() })
    )
  )
