import { describe, expect, it } from "@effect/vitest"
import { SqlClient } from "@effect/sql"
import { PgStore } from "@kemitraan/postgres"
import { EventLoop } from "@kemitraan/eventsourcing/testing"
import { Effect } from "effect"
import { randomBytes } from "node:crypto"
import { fileURLToPath } from "node:url"
import { inject } from "vitest"
import * as Program from "../src/Program.js"

declare module "vitest" {
  export interface ProvidedContext {
    readonly postgresUrl: string
  }
}

const dataDir = fileURLToPath(new URL("../data/", import.meta.url))

describe("npm start -- --store postgres://…", () => {
  it.live(
    "replays into a PostgreSQL schema, reproduces every published figure, and leaves the read models as its tables",
    () =>
      Effect.gen(function* () {
        const url = inject("postgresUrl")
        const schema = `forum_${randomBytes(6).toString("hex")}`
        const out: Array<string> = []
        const io = { stdout: (text: string) => void out.push(text), stderr: { write: () => true } }
        const argv = ["--store", url, "--schema", schema]
        const status = yield* EventLoop.breathing(Program.main({ argv, env: {}, cwd: dataDir, dataDir, io }))
        expect(out.join("")).toContain(`schema ${schema}.`)
        expect(status).toBe(0)
        const rows = yield* Effect.flatMap(SqlClient.SqlClient, (sql) =>
          sql.unsafe<{ readonly smes: string; readonly potential: string }>(
            "select smes_registered::text as smes, potential_value::text as potential from forum_summary"
          )
        ).pipe(Effect.provide(PgStore.layerPgClient({ url, schema, maxConnections: 1 })))
        expect(rows).toEqual([{ smes: "748", potential: "224800000000" }])
        // A second run into the same schema, not the default one, is refused without --force.
        expect(yield* Program.main({ argv, env: {}, cwd: dataDir, dataDir, io })).toBe(2)
      }),
    300_000
  )
})
