/**
 * `--store` with a PostgreSQL URL, on a real server: the forum replayed into PostgreSQL reports the
 * same figures as the same replay into SQLite; an export from SQLite imported into PostgreSQL gives
 * the same events (the same export, byte for byte) and the same read-model tables; a password in
 * the URL is never printed.
 */
import { NodeContext } from "@effect/platform-node"
import { describe, expect, it } from "@effect/vitest"
import { ReadModelRunner, ReadModelStore } from "@kemitraan/eventsourcing"
import { EventLoop } from "@kemitraan/eventsourcing/testing"
import { ReadModels } from "@kemitraan/example-forum-2022"
import { Effect, Either, Option } from "effect"
import * as fs from "node:fs"
import * as os from "node:os"
import * as path from "node:path"
import { afterAll, beforeAll, vi } from "vitest"
import * as Cli from "../src/Cli.js"
import { ExitCode } from "../src/Errors.js"
import * as Store from "../src/Store.js"
import * as Postgres from "./support/postgres.js"

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "kemitraan-cli-pg-"))
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }))
const sqlite = path.join(dir, "forum.sqlite")
const file = (name: string) => path.join(dir, name)

/** Runs `kemitraan ...args` in this process, on the breathing scheduler; answers the exit status. */
const kemitraan = (...args: ReadonlyArray<string>): Promise<number> =>
  Effect.runPromise(
    EventLoop.breathing(Cli.run(["node", "kemitraan", ...args])).pipe(Effect.provide(NodeContext.layer))
  )

/** The JSON report of a store, without the line naming the store. */
const reportOf = async (...store: ReadonlyArray<string>): Promise<unknown> => {
  const out = file(`report-${Math.random().toString(36).slice(2)}.json`)
  expect(await kemitraan("report", "--format", "json", "--out", out, ...store)).toBe(ExitCode.ok)
  const { store: _store, ...report } = JSON.parse(fs.readFileSync(out, "utf8"))
  return report
}

/** Every read model caught up, then every table's rows, of the store a target names. */
const tablesOf = (target: Store.Target) =>
  Effect.runPromise(
    EventLoop.breathing(
      Effect.gen(function* () {
        yield* ReadModelStore.createTables(ReadModels.all)
        yield* Effect.forEach(ReadModels.all, (model) => ReadModelRunner.catchUp(model), { discard: true })
        return yield* Effect.forEach(ReadModels.all, (model) => ReadModelRunner.snapshot(model))
      })
    ).pipe(Effect.provide(Store.layer(target)))
  )

const targetOf = (store: string, schema?: string): Store.Target =>
  Either.getOrThrow(Store.target(store, Option.fromNullable(schema)))

beforeAll(async () => {
  expect(await kemitraan("replay", "--store", sqlite)).toBe(ExitCode.ok)
}, 600_000)

describe("kemitraan on PostgreSQL", () => {
  it("replays the forum into PostgreSQL; its report has the figures of SQLite's", { timeout: 600_000 }, async () => {
    const schema = Postgres.freshSchema()
    const pg = ["--store", Postgres.url(), "--schema", schema]
    expect(await kemitraan("replay", ...pg)).toBe(ExitCode.ok)
    const fromPg = await reportOf(...pg)
    expect(fromPg).toMatchObject({ position: 8084, reconciliation: { reconciled: true } })
    expect(fromPg).toEqual(await reportOf("--store", sqlite))
    // A second replay finds every command handled and writes nothing.
    expect(await kemitraan("replay", ...pg)).toBe(ExitCode.ok)
    expect(await reportOf(...pg)).toEqual(fromPg)
  })

  it(
    "an export from SQLite imported into PostgreSQL gives identical events and read-model tables",
    { timeout: 600_000 },
    async () => {
      const schema = Postgres.freshSchema()
      const pg = ["--store", Postgres.url(), "--schema", schema]
      expect(await kemitraan("export", "--store", sqlite, "--out", file("from-sqlite.jsonl"))).toBe(ExitCode.ok)
      expect(await kemitraan("import", file("from-sqlite.jsonl"), ...pg)).toBe(ExitCode.ok)
      expect(await kemitraan("export", ...pg, "--out", file("from-pg.jsonl"))).toBe(ExitCode.ok)
      const exported = fs.readFileSync(file("from-sqlite.jsonl"), "utf8")
      expect(exported.trimEnd().split("\n")).toHaveLength(8084)
      expect(fs.readFileSync(file("from-pg.jsonl"), "utf8")).toBe(exported)

      const fromPg = await tablesOf(targetOf(Postgres.url(), schema))
      const fromSqlite = await tablesOf(targetOf(sqlite))
      expect(fromPg.flatMap((model) => Object.values(model)).reduce((n, rows) => n + rows.length, 0)).toBeGreaterThan(
        1000
      )
      expect(fromPg).toEqual(fromSqlite)
      // rebuild refolds PostgreSQL's tables from its log, to the same rows.
      expect(await kemitraan("rebuild", ...pg)).toBe(ExitCode.ok)
      expect(await tablesOf(targetOf(Postgres.url(), schema))).toEqual(fromSqlite)
    }
  )

  it("never prints the password of a URL", async () => {
    const url = "postgres://kemitraan:s3cr3t-pw@127.0.0.1:1/kemitraan?password=0th3r-pw"
    const target = targetOf(url, "forum")
    expect(target.label).toBe("postgres://kemitraan:***@127.0.0.1:1/kemitraan?password=*** (schema forum)")
    expect(Store.target(sqlite, Option.some("forum"))).toMatchObject({ _tag: "Left", left: { _tag: "UsageError" } })
    const printed = vi.spyOn(console, "error").mockImplementation(() => undefined)
    let text = ""
    const status = await kemitraan("stats", "--store", url).finally(() => {
      text = printed.mock.calls.flat().join("\n")
      printed.mockRestore()
    })
    expect(status).toBe(ExitCode.failed)
    expect(text).toContain("PostgreSQL")
    expect(text).not.toMatch(/s3cr3t|0th3r/)
  })
})
