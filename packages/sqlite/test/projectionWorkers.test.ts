import { SqlClient } from "@effect/sql"
import { Effect, Option, Schema } from "effect"
import { EventStore, ReadModelStore } from "@kemitraan/eventsourcing"
import { ProjectionLeasesConformance } from "@kemitraan/eventsourcing/testing"
import { SqliteStore } from "@kemitraan/sqlite"
import { afterAll, describe, expect, it } from "vitest"
import { tempDatabaseFile } from "./support/tempDatabase.js"
import { xorshift } from "./support/xorshift.js"
import { startWorker, type WorkerProcess, type WorkerRun } from "./support/workerProcess.js"

const database = tempDatabaseFile()
afterAll(() => database.remove())

const models = ["tally-a", "tally-b", "tally-c"].map(ProjectionLeasesConformance.tally)
const leaseMillis = 600

const onFile = <A>(effect: Effect.Effect<A, unknown, SqliteStore.Stores | SqlClient.SqlClient>): Promise<A> =>
  Effect.runPromise(
    Effect.provide(effect, SqliteStore.layer({ filename: database.filename, busyTimeout: "10 seconds" }))
  )

/** The same moments and choices on every run of the test. */
const random = xorshift(7_919)

const sleep = (millis: number) => new Promise((resolve) => setTimeout(resolve, millis))
const ticks = (n: number) => Array.from({ length: n }, () => `c${random(6)}`)
const append = (n: number) => onFile(ProjectionLeasesConformance.appendTicks(ticks(n)))

const AuditRow = Schema.Struct({
  seq: Schema.Int,
  name: Schema.String,
  position: Schema.Int,
  committer: Schema.String,
  lease_owner: Schema.NullOr(Schema.String),
  lease_epoch: Schema.NullOr(Schema.Int)
})

const audit = Effect.flatMap(SqlClient.SqlClient, (sql) =>
  Effect.flatMap(
    sql`SELECT seq, name, position, committer, lease_owner, lease_epoch FROM lease_audit ORDER BY seq`,
    (rows) => Schema.decodeUnknown(Schema.Array(AuditRow))(rows)
  )
)

const caughtUp = Effect.gen(function* () {
  const page = yield* Effect.flatMap(EventStore.EventStore, (store) => store.readAllPage(0, 1_000_000))
  const head = page.at(-1)?.position ?? 0
  const store = yield* ReadModelStore.ReadModelStore
  const saved = yield* Effect.forEach(models, (model) => store.checkpoint(model.name))
  return saved.every((checkpoint) => Option.isSome(checkpoint) && checkpoint.value.position === head)
})

const equalToRebuild = Effect.forEach(models, (model) =>
  Effect.map(ProjectionLeasesConformance.storedAndRebuilt(model), ({ rebuilt, stored }) => ({
    name: model.name,
    equal: JSON.stringify(stored) === JSON.stringify(rebuilt),
    rows: stored
  }))
)

describe("projection workers in several processes on one SQLite file", () => {
  it("3 workers killed (SIGKILL), paused past their leases (SIGSTOP) and restarted at random while a writer appends: every read model ends equal to a rebuild, and no commit was made by a node that had lost its lease", async () => {
    await onFile(
      Effect.gen(function* () {
        yield* ReadModelStore.createTables(models)
        const sql = yield* SqlClient.SqlClient
        yield* sql`CREATE TABLE lease_audit (seq INTEGER PRIMARY KEY, name TEXT NOT NULL, position INTEGER NOT NULL,
          committer TEXT NOT NULL, lease_owner TEXT, lease_epoch INTEGER)`
      })
    )
    await append(30)
    let generation = 0
    const start = (i: number) => startWorker(database.filename, `w${i}-${generation++}`, leaseMillis)
    const workers: Array<WorkerProcess> = [0, 1, 2].map(start)
    const ended: Array<WorkerRun> = []
    await Promise.all(workers.map((worker) => worker.ready))
    let kills = 0
    let pauses = 0
    for (let step = 0; step < 15; step++) {
      await append(10 + random(20))
      const i = random(3)
      const worker = workers[i]!
      if (step % 3 === 0) {
        worker.signal("SIGKILL")
        ended.push(await worker.done)
        workers[i] = start(i)
        kills++
      } else if (step % 3 === 1) {
        // Paused past its lease: the others take its read models over while it sleeps.
        worker.signal("SIGSTOP")
        await sleep(leaseMillis * 2)
        await append(10)
        worker.signal("SIGCONT")
        pauses++
      }
      await sleep(100 + random(400))
    }
    await append(25)
    await Promise.all(workers.map((worker) => worker.ready))
    const deadline = Date.now() + 60_000
    while (!(await onFile(caughtUp))) {
      if (Date.now() > deadline) throw new Error("the workers did not catch every read model up within 60 s")
      await sleep(100)
    }
    for (const worker of workers) worker.signal("SIGKILL")
    for (const worker of workers) ended.push(await worker.done)

    expect(ended.map((run) => run.stderr).filter((text) => text !== "")).toEqual([])
    const lines = ended.flatMap((run) => run.lines)
    expect(lines.filter((line) => line.startsWith("failure"))).toEqual([])
    expect(kills).toBe(5)
    expect(pauses).toBe(5)
    // The paused workers found their leases taken: the fence was exercised, not only the happy path.
    expect(lines.filter((line) => line.includes("no longer holds its lease")).length).toBeGreaterThanOrEqual(1)

    const { rebuilt, rows } = await onFile(Effect.all({ rebuilt: equalToRebuild, rows: audit }))
    expect(rebuilt.filter((model) => !model.equal)).toEqual([])
    expect(rebuilt.every((model) => Object.values(model.rows).every((table) => table.length > 0))).toBe(true)
    // Every commit was made by the lease's owner as its transaction saw it, at an epoch that never goes back.
    expect(rows.filter((row) => row.committer !== row.lease_owner)).toEqual([])
    for (const model of models) {
      const commits = rows.filter((row) => row.name === model.name)
      const epochs = commits.map((row) => row.lease_epoch ?? 0)
      const positions = commits.map((row) => row.position)
      expect(epochs).toEqual([...epochs].sort((a, b) => a - b))
      expect(positions.every((p, k) => k === 0 || p > positions[k - 1]!)).toBe(true)
    }
    // The read models changed hands.
    expect(new Set(rows.map((row) => `${row.name}:${row.lease_epoch}`)).size).toBeGreaterThan(models.length * 2)
  }, 240_000)
})
