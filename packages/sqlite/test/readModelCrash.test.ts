import { Effect } from "effect"
import * as fc from "fast-check"
import { ReadModelRunner, ReadModelStore } from "@kemitraan/eventsourcing"
import { ReadModelConformance } from "@kemitraan/eventsourcing/testing"
import { SqliteStore } from "@kemitraan/sqlite"
import { afterAll, describe, expect, it } from "vitest"
import { startCatchUp } from "./support/catchUpProcess.js"
import { tempDatabaseFile } from "./support/tempDatabase.js"
import { xorshift } from "./support/xorshift.js"

const database = tempDatabaseFile()
afterAll(() => database.remove())

const model = ReadModelConformance.ledger(1)

const onFile = <A>(effect: Effect.Effect<A, unknown, SqliteStore.Stores>): Promise<A> =>
  Effect.runPromise(
    Effect.provide(
      Effect.zipRight(ReadModelStore.createTables([model]), effect),
      SqliteStore.layer({ filename: database.filename })
    )
  )

/** `howMany` ledger events, the same ones for a seed. */
const ledgerEvents = (seed: number, howMany: number) =>
  fc.sample(ReadModelConformance.ledgerEvent, { seed, numRuns: howMany })

/** The stored checkpoint's position and the head, once the tables were found equal to a rebuild stopped at it. */
const checkTables = Effect.gen(function* () {
  const log = yield* ReadModelConformance.ledgerHistory
  const position = yield* ReadModelConformance.expectTablesAtCheckpoint(model, log)
  return { position, head: log.at(-1)?.position ?? 0 }
})

/** The same moments and choices on every run of the test. */
const random = xorshift(104_729)

describe("read models: crash safety", () => {
  it("a catch-up killed with SIGKILL at random moments, 20 times and more, leaves the tables equal to a rebuild stopped at the stored checkpoint; a last catch-up equals a full rebuild", async () => {
    await onFile(ReadModelConformance.appendLedgerEvents(ledgerEvents(1, 1200)))
    const checkpoints: Array<number> = []
    let killedMidRun = 0
    const kills = 30
    // How long a process runs before its kill, at most: halved when a process finished first (a fast
    // machine), grown when the kill came mid-run, so that most kills land mid-run at any speed.
    let window = 300
    // Processes take seconds to start: a few are started ahead, each waiting for its turn.
    const ahead = 2
    const start = () =>
      startCatchUp({
        filename: database.filename,
        pageSize: 1 + random(8),
        commitEvery: 1 + random(4),
        cacheRows: random(40)
      })
    const waiting = Array.from({ length: ahead }, start)
    for (let k = 0; k < kills; k++) {
      const run = waiting.shift()!
      if (k + ahead < kills) waiting.push(start())
      await run.ready
      run.go()
      await new Promise((resolve) => setTimeout(resolve, 1 + random(window)))
      run.kill()
      const ended = await run.done
      expect(ended.stderr).toBe("")
      expect(ended.lines.filter((line) => line.startsWith("failure"))).toEqual([])
      const { head, position } = await onFile(checkTables)
      if (ended.signal === "SIGKILL" && position < head) {
        killedMidRun++
        window = Math.min(600, Math.round(window * 1.25))
      } else {
        window = Math.max(4, Math.round(window / 2))
      }
      checkpoints.push(position)
      // More work for the next process, as a live log would give it.
      await onFile(ReadModelConformance.appendLedgerEvents(ledgerEvents(k + 2, 40)))
    }
    expect(killedMidRun).toBeGreaterThanOrEqual(20)
    // The checkpoint never goes back, and the killed processes got somewhere.
    expect(checkpoints).toEqual([...checkpoints].sort((a, b) => a - b))
    expect(new Set(checkpoints).size).toBeGreaterThanOrEqual(10)
    const final = await onFile(
      Effect.gen(function* () {
        const progress = yield* ReadModelRunner.catchUp(model, { pageSize: 50, commitEvery: 500 })
        const log = yield* ReadModelConformance.ledgerHistory
        const tables = yield* ReadModelRunner.snapshot(model)
        return {
          progress,
          head: log.at(-1)?.position ?? 0,
          tables,
          rebuilt: ReadModelConformance.rebuiltTables(model, log)
        }
      })
    )
    expect(final.progress.position).toBe(final.head)
    expect(final.tables).toEqual(final.rebuilt)
  }, 300_000)
})
