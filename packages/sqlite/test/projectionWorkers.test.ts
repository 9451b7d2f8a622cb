import { SqlClient } from "@effect/sql"
import { Effect, Schema } from "effect"
import { ProjectionWorkerChaos } from "@kemitraan/eventsourcing/testing"
import { SqliteStore } from "@kemitraan/sqlite"
import { afterAll, describe, it } from "vitest"
import { tempDatabaseFile } from "./support/tempDatabase.js"
import { startWorker } from "./support/workerProcess.js"
import { xorshift } from "./support/xorshift.js"

const database = tempDatabaseFile()
afterAll(() => database.remove())

const onFile = <A>(effect: Effect.Effect<A, unknown, SqliteStore.Stores | SqlClient.SqlClient>): Promise<A> =>
  Effect.runPromise(
    Effect.provide(effect, SqliteStore.layer({ filename: database.filename, busyTimeout: "10 seconds" }))
  )

const AuditRows = Schema.Array(
  Schema.Struct({
    name: Schema.String,
    position: Schema.Int,
    committer: Schema.String,
    leaseOwner: Schema.NullOr(Schema.String),
    leaseEpoch: Schema.NullOr(Schema.Int)
  })
)

const audit = () =>
  onFile(
    Effect.flatMap(SqlClient.SqlClient, (sql) =>
      Effect.flatMap(
        sql`SELECT name, position, committer, lease_owner AS "leaseOwner", lease_epoch AS "leaseEpoch"
            FROM lease_audit ORDER BY seq`,
        Schema.decodeUnknown(AuditRows)
      )
    )
  )

describe("projection workers in several processes on one SQLite file", () => {
  it(
    ProjectionWorkerChaos.title,
    async () => {
      await onFile(
        Effect.flatMap(
          SqlClient.SqlClient,
          (sql) => sql`CREATE TABLE lease_audit (seq INTEGER PRIMARY KEY, name TEXT NOT NULL, position INTEGER NOT NULL,
          committer TEXT NOT NULL, lease_owner TEXT, lease_epoch INTEGER)`
        )
      )
      const leaseMillis = 600
      await ProjectionWorkerChaos.run({
        start: (owner) => startWorker(database.filename, owner, leaseMillis),
        onStore: onFile,
        audit,
        leaseMillis,
        random: xorshift(7_919)
      })
    },
    240_000
  )
})
