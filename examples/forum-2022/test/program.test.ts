import { describe, expect, it } from "@effect/vitest"
import { SqlClient } from "@effect/sql"
import { SqliteClient } from "@effect/sql-sqlite-node"
import { EventLoop } from "@kemitraan/eventsourcing/testing"
import { Effect } from "effect"
import * as fs from "node:fs/promises"
import * as os from "node:os"
import * as path from "node:path"
import { fileURLToPath } from "node:url"
import * as Program from "../src/Program.js"

const dataDir = fileURLToPath(new URL("../data/", import.meta.url))

describe("npm start", () => {
  it.live(
    "leaves forum-2022.sqlite with the read models as tables that answer with the published figures",
    () =>
      Effect.gen(function* () {
        const dir = yield* Effect.promise(() => fs.mkdtemp(path.join(os.tmpdir(), "forum-2022-program-")))
        const out: Array<string> = []
        const io = { stdout: (text: string) => void out.push(text), stderr: { write: () => true } }
        // The replay takes seconds: it leaves the event loop its turn so that vitest's messages get answered.
        const status = yield* EventLoop.breathing(
          Program.main({ argv: [], env: { INIT_CWD: dir }, cwd: dir, dataDir, io })
        )
        expect(status).toBe(0)
        const rows = yield* Effect.flatMap(SqlClient.SqlClient, (sql) =>
          sql.unsafe<{
            readonly smes: number
            readonly provinces: number
            readonly counterparts: number
            readonly potential: number
          }>(
            "select smes_registered as smes, provinces, counterparts_assessed as counterparts, potential_value as potential from forum_summary"
          )
        ).pipe(Effect.provide(SqliteClient.layer({ filename: path.join(dir, "forum-2022.sqlite"), readonly: true })))
        expect(rows).toEqual([{ smes: 748, provinces: 25, counterparts: 17, potential: 224_800_000_000 }])
        yield* Effect.promise(() => fs.rm(dir, { recursive: true, force: true }))
      }),
    120_000
  )
})
