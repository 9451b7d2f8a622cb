import { Effect, Stream } from "effect"
import { EventStore } from "@kemitraan/eventsourcing"
import { SqliteStore } from "@kemitraan/sqlite"
import { afterAll, describe, expect, it } from "vitest"
import { acksOf, startAppender, type Ack } from "./support/appenderProcess.js"
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
    // Two at a time: the processes also race each other for the lock while they are killed.
    const rounds = 10
    const perRound = 2
    const acks: Array<Ack> = []
    let kills = 0
    for (let round = 0; round < rounds; round++) {
      const appenders = Array.from({ length: perRound }, (_, i) =>
        startAppender({
          filename: database.filename,
          prefix: `r${round}c${i}`,
          appends: 1_000_000,
          streams: 6,
          maxEventsPerAppend: 30,
          seed: 7919 * (round * perRound + i + 1)
        })
      )
      const runs = await Promise.all(
        appenders.map(async (appender, i) => {
          await appender.ready
          await new Promise((resolve) => setTimeout(resolve, 30 + ((round * 97 + i * 61) % 200)))
          appender.kill()
          return appender.done
        })
      )
      for (const run of runs) {
        expect(run.stderr).toBe("")
        expect(run.lines.filter((line) => line.startsWith("failure"))).toEqual([])
        expect(run.signal).toBe("SIGKILL")
        kills++
        acks.push(...acksOf(run))
      }
    }
    expect(kills).toBeGreaterThanOrEqual(20)
    expect(acks.length).toBeGreaterThan(0)
    const check = checkLog(database.filename, acks)
    expect(check.problems).toEqual([])
    expect(check.appends).toBeGreaterThanOrEqual(acks.length)
    expect(await readAllThroughStore(database.filename)).toBe(check.events)
  }, 180_000)
})
