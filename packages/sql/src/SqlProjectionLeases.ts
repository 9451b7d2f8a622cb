/**
 * The kernel's `ProjectionLeases` on a SQL database: a row per read model in `projection_leases`
 * and one per live node in `projection_nodes` (see `SqlMigrations`), each change one statement. Time
 * is the database's clock, so that every node of one database agrees on when a lease expires.
 *
 * Taking a lease is one upsert that succeeds only when the row is free, already the owner's, or
 * expired. Renewing it is one `UPDATE ... WHERE owner = ? AND epoch = ?`: used as a commit's fence,
 * it runs on the commit's transaction (the same `SqlClient`), where it holds the row's lock until
 * the commit ends, so no other node can take the lease between the check and the writes.
 *
 * @since 0.3.0
 */
import * as SqlClient from "@effect/sql/SqlClient"
import type { SqlError } from "@effect/sql/SqlError"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Option from "effect/Option"
import * as ParseResult from "effect/ParseResult"
import * as Schema from "effect/Schema"
import { EventStoreError, ProjectionLeases } from "@kemitraan/eventsourcing"
import { type SqlDriver, toStoreError } from "./SqlDriver.js"

/** An integer as a driver returns it: a number, or text for a 64-bit column (PostgreSQL's `int8`). */
const Integer = Schema.Union(Schema.Int, Schema.compose(Schema.NumberFromString, Schema.Int))

const HeldRow = Schema.Tuple(Schema.NonEmptyString, Integer)
const LeaseRow = Schema.Tuple(Schema.NonEmptyString, Schema.NonEmptyString, Integer, Integer)
const CountRow = Schema.Tuple(Integer)

/** The database's clock in epoch milliseconds, as an SQL expression of the client's dialect. */
const nowOf = (sql: SqlClient.SqlClient): string =>
  sql.onDialectOrElse({
    pg: () => "(floor(extract(epoch from clock_timestamp()) * 1000))::bigint",
    orElse: () => "CAST((julianday('now') - 2440587.5) * 86400000.0 AS INTEGER)"
  })

/** Makes leases on the given client and driver. The tables must exist (see `SqlMigrations`). */
export const makeWith = (sql: SqlClient.SqlClient, driver: SqlDriver): ProjectionLeases.ProjectionLeases => {
  const now = sql.literal(nowOf(sql))

  const decoded = <A, I>(
    operation: string,
    schema: Schema.Schema<A, I>,
    effect: Effect.Effect<ReadonlyArray<ReadonlyArray<unknown>>, SqlError>
  ): Effect.Effect<ReadonlyArray<A>, EventStoreError.StoreError> =>
    Effect.flatMap(Effect.mapError(effect, toStoreError(driver, operation)), (rows) =>
      Either.match(Schema.decodeUnknownEither(Schema.Array(schema))(rows), {
        onLeft: (error) =>
          Effect.fail(
            new EventStoreError.StoreFailure({
              operation,
              reason: `a row of projection_leases does not decode: ${ParseResult.TreeFormatter.formatErrorSync(error)}`
            })
          ),
        onRight: Effect.succeed
      })
    )

  const written = (operation: string, effect: Effect.Effect<unknown, SqlError>) =>
    Effect.asVoid(Effect.mapError(effect, toStoreError(driver, operation)))

  const acquire: ProjectionLeases.ProjectionLeases["acquire"] = (name, owner, ttlMillis) =>
    Effect.map(
      decoded(
        `take the lease of read model "${name}"`,
        HeldRow,
        sql`INSERT INTO projection_leases (name, owner, epoch, lease_until)
            VALUES (${name}, ${owner}, 1, ${now} + ${ttlMillis})
            ON CONFLICT (name) DO UPDATE SET
              epoch = CASE WHEN projection_leases.owner = excluded.owner
                THEN projection_leases.epoch ELSE projection_leases.epoch + 1 END,
              owner = excluded.owner,
              lease_until = excluded.lease_until
            WHERE projection_leases.owner IS NULL OR projection_leases.owner = excluded.owner
              OR projection_leases.lease_until <= ${now}
            RETURNING owner, epoch`.values
      ),
      (rows) => Option.map(Option.fromNullable(rows[0]), ([taker, epoch]) => ({ name, owner: taker, epoch }))
    )

  const renew: ProjectionLeases.ProjectionLeases["renew"] = (held, ttlMillis) =>
    Effect.flatMap(
      decoded(
        `renew the lease of read model "${held.name}"`,
        HeldRow,
        sql`UPDATE projection_leases SET lease_until = ${now} + ${ttlMillis}
            WHERE name = ${held.name} AND owner = ${held.owner} AND epoch = ${held.epoch}
            RETURNING owner, epoch`.values
      ),
      (rows) => (rows.length === 1 ? Effect.void : Effect.fail(new ProjectionLeases.ProjectionLeaseLost(held)))
    )

  const release: ProjectionLeases.ProjectionLeases["release"] = (held) =>
    written(
      `give up the lease of read model "${held.name}"`,
      sql`UPDATE projection_leases SET owner = NULL, lease_until = 0
          WHERE name = ${held.name} AND owner = ${held.owner} AND epoch = ${held.epoch}`
    )

  const join: ProjectionLeases.ProjectionLeases["join"] = (owner, ttlMillis) => {
    const operation = `announce projection node "${owner}"`
    return Effect.zipRight(
      written(
        operation,
        Effect.zipRight(
          sql`INSERT INTO projection_nodes (owner, alive_until) VALUES (${owner}, ${now} + ${ttlMillis})
              ON CONFLICT (owner) DO UPDATE SET alive_until = excluded.alive_until`,
          sql`DELETE FROM projection_nodes WHERE alive_until <= ${now}`
        )
      ),
      Effect.map(
        decoded(operation, CountRow, sql`SELECT count(*) FROM projection_nodes WHERE alive_until > ${now}`.values),
        (rows) => Math.max(1, rows[0]?.[0] ?? 1)
      )
    )
  }

  const leave: ProjectionLeases.ProjectionLeases["leave"] = (owner) =>
    written(
      `withdraw projection node "${owner}"`,
      Effect.zipRight(
        sql`UPDATE projection_leases SET owner = NULL, lease_until = 0 WHERE owner = ${owner}`,
        sql`DELETE FROM projection_nodes WHERE owner = ${owner}`
      )
    )

  const held: ProjectionLeases.ProjectionLeases["held"] = Effect.map(
    decoded(
      "list the projection leases",
      LeaseRow,
      sql`SELECT name, owner, epoch, lease_until FROM projection_leases
          WHERE owner IS NOT NULL AND lease_until > ${now} ORDER BY name`.values
    ),
    (rows) => rows.map(([name, owner, epoch, leaseUntil]) => ({ name, owner, epoch, leaseUntil }))
  )

  return ProjectionLeases.ProjectionLeases.of({ acquire, renew, release, join, leave, held })
}

/** Makes leases on the `SqlClient` in context. */
export const make = (driver: SqlDriver): Effect.Effect<ProjectionLeases.ProjectionLeases, never, SqlClient.SqlClient> =>
  Effect.map(SqlClient.SqlClient, (sql) => makeWith(sql, driver))
