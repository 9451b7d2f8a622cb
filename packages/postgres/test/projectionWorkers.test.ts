import { spawn } from "node:child_process"
import { fileURLToPath } from "node:url"
import { SqlClient } from "@effect/sql"
import { Effect, Schema } from "effect"
import { ProjectionWorkerChaos } from "@kemitraan/eventsourcing/testing"
import { PgStore } from "@kemitraan/postgres"
import { describe, inject, it } from "vitest"
import { freshSchema } from "./support/pgStore.js"

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url))

/** A worker process (`fixtures/projectionWorker.ts`) on the schema. */
const startWorker = (url: string, schema: string, owner: string, leaseMillis: number): ProjectionWorkerChaos.Worker => {
  const preload = new URL("./fixtures/preload.mjs", import.meta.url).href
  const argv = [here("./fixtures/projectionWorker.ts"), url, schema, owner, String(leaseMillis)]
  const child = spawn(process.execPath, ["--import", preload, "--import", "tsx", ...argv], {
    cwd: here(".."),
    env: { ...process.env, TSX_TSCONFIG_PATH: here("./fixtures/tsconfig.fixtures.json") },
    stdio: ["ignore", "pipe", "pipe"]
  })
  const output = { stdout: "", stderr: "" }
  let onReady = () => {}
  const ready = new Promise<void>((resolve) => (onReady = resolve))
  child.stdout.setEncoding("utf8").on("data", (chunk: string) => {
    output.stdout += chunk
    if (output.stdout.startsWith("ready\n")) onReady()
  })
  child.stderr.setEncoding("utf8").on("data", (chunk: string) => (output.stderr += chunk))
  const done = new Promise<{ lines: Array<string>; stderr: string }>((resolve, reject) => {
    child.on("error", reject)
    child.on("close", () => {
      onReady()
      resolve({ lines: output.stdout.split("\n").filter((line) => line !== ""), stderr: output.stderr })
    })
  })
  const pauseFor = (millis: number) => {
    // Resumed from outside this process, as the scenario asks (see `Worker.pauseFor`).
    child.kill("SIGSTOP")
    const resume = spawn("sh", ["-c", `sleep ${millis / 1000}; kill -CONT ${child.pid}`], { stdio: "ignore" })
    return new Promise<void>((resolve) => resume.on("close", () => resolve()))
  }
  return { ready, done, signal: (signal) => void child.kill(signal), pauseFor }
}

const AuditRows = Schema.Array(
  Schema.Struct({
    name: Schema.String,
    position: Schema.NumberFromString,
    committer: Schema.String,
    leaseOwner: Schema.NullOr(Schema.String),
    leaseEpoch: Schema.NullOr(Schema.NumberFromString)
  })
)

describe("projection workers in several processes on one PostgreSQL schema", () => {
  it(
    ProjectionWorkerChaos.title,
    async () => {
      const url = inject("postgresUrl")
      const schema = freshSchema()
      const onStore = <A>(effect: Effect.Effect<A, unknown, PgStore.Stores | SqlClient.SqlClient>): Promise<A> =>
        Effect.runPromise(Effect.provide(effect, PgStore.layer({ url, schema, maxConnections: 2 })))
      await onStore(
        Effect.flatMap(
          SqlClient.SqlClient,
          (
            sql
          ) => sql`CREATE TABLE lease_audit (seq bigserial PRIMARY KEY, name text NOT NULL, position bigint NOT NULL,
          committer text NOT NULL, lease_owner text, lease_epoch bigint)`
        )
      )
      const leaseMillis = 800
      let seed = 104_723
      await ProjectionWorkerChaos.run({
        start: (owner) => startWorker(url, schema, owner, leaseMillis),
        onStore,
        audit: () =>
          onStore(
            Effect.flatMap(SqlClient.SqlClient, (sql) =>
              Effect.flatMap(
                sql`SELECT name, position::text, committer, lease_owner AS "leaseOwner", lease_epoch::text AS "leaseEpoch"
                  FROM lease_audit ORDER BY seq`,
                Schema.decodeUnknown(AuditRows)
              )
            )
          ),
        leaseMillis,
        random: (below) => {
          seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648
          return seed % below
        }
      })
    },
    240_000
  )
})
