import { Effect, Stream } from "effect"
import { EventStore } from "@kemitraan/eventsourcing"
import { SqliteStore } from "@kemitraan/sqlite"
import { afterAll, describe, expect, it } from "vitest"
import { acksOf, startAppender, type Ack, type AppenderRun } from "./support/appenderProcess.js"
import { checkLog } from "./support/checkLog.js"
import { tempDatabaseFile } from "./support/tempDatabase.js"

const database = tempDatabaseFile()
afterAll(() => database.remove())

/** Opens the file through the store and reads the whole log back, decoding every row. */
const readAllThroughStore = (filename: string) =>
  Effect.runPromise(
    Effect.flatMap(EventStore.EventStore, (store) =>
      Stream.runCount(EventStore.readAll(store, { pageSize: 500 }))
    ).pipe(Effect.provide(SqliteStore.layer({ filename })))
  )

describe("crash safety", () => {
  it("appenders killed with SIGKILL at random moments, 20 times, lose no acknowledged append and leave none half-written", async () => {
    // Two lanes of ten processes each, on one file: the processes also race each other for the
    // write lock while they are killed.
    const lanes = 2
    const perLane = 10
    const runs: Array<AppenderRun> = []
    const lane = async (l: number) => {
      for (let k = 0; k < perLane; k++) {
        const appender = startAppender({
          filename: database.filename,
          prefix: `l${l}k${k}`,
          appends: 1_000_000,
          streams: 6,
          maxEventsPerAppend: 30,
          seed: 7919 * (l * perLane + k + 1)
        })
        await appender.ready
        await new Promise((resolve) => setTimeout(resolve, 30 + ((k * 97 + l * 61) % 200)))
        appender.kill()
        runs.push(await appender.done)
      }
    }
    await Promise.all(Array.from({ length: lanes }, (_, l) => lane(l)))
    const acks: Array<Ack> = []
    let kills = 0
    for (const run of runs) {
      expect(run.stderr).toBe("")
      expect(run.lines.filter((line) => line.startsWith("failure"))).toEqual([])
      expect(run.signal).toBe("SIGKILL")
      kills++
      acks.push(...acksOf(run))
    }
    expect(kills).toBeGreaterThanOrEqual(20)
    expect(acks.length).toBeGreaterThan(0)
    const check = checkLog(database.filename, acks)
    expect(check.problems).toEqual([])
    expect(check.appends).toBeGreaterThanOrEqual(acks.length)
    expect(await readAllThroughStore(database.filename)).toBe(check.events)
  }, 180_000)
})
