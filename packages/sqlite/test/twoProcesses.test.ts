import { afterAll, describe, expect, it } from "vitest"
import { acksOf, startAppender } from "./support/appenderProcess.js"
import { checkLog } from "./support/checkLog.js"
import { tempDatabaseFile } from "./support/tempDatabase.js"

const database = tempDatabaseFile()
afterAll(() => database.remove())

interface Tally {
  readonly acks: number
  readonly conflicts: number
  readonly busy: number
}

const tallyOf = (lines: ReadonlyArray<string>): Tally | undefined => {
  const done = lines.find((line) => line.startsWith("done "))
  if (done === undefined) return undefined
  const parsed: unknown = JSON.parse(done.slice("done ".length))
  if (typeof parsed !== "object" || parsed === null) return undefined
  const { acks, busy, conflicts } = { acks: -1, busy: -1, conflicts: -1, ...parsed }
  return typeof acks === "number" && typeof busy === "number" && typeof conflicts === "number"
    ? { acks, conflicts, busy }
    : undefined
}

describe("two processes on one file", () => {
  it("2 × 2,000 appends at exact versions into 50 shared streams: every acknowledged event stored once, losers get typed conflicts", async () => {
    const perProcess = 2_000
    const appenders = ["a", "b"].map((prefix, i) =>
      startAppender(
        { filename: database.filename, prefix, appends: perProcess, streams: 50, maxEventsPerAppend: 1, seed: 31 + i },
        { wait: true }
      )
    )
    await Promise.all(appenders.map((appender) => appender.ready))
    for (const appender of appenders) appender.go()
    const runs = await Promise.all(appenders.map((appender) => appender.done))
    const tallies = runs.map((run) => tallyOf(run.lines))
    for (const run of runs) {
      expect(run.stderr).toBe("")
      expect(run.lines.filter((line) => line.startsWith("failure"))).toEqual([])
      expect(run.code).toBe(0)
    }
    for (const tally of tallies) {
      expect(tally).toBeDefined()
      expect((tally?.acks ?? 0) + (tally?.conflicts ?? 0) + (tally?.busy ?? 0)).toBe(perProcess)
      expect(tally?.busy).toBe(0)
    }
    const acks = runs.flatMap(acksOf)
    const conflicts = tallies.reduce((sum, tally) => sum + (tally?.conflicts ?? 0), 0)
    // Both processes wrote while the other did: some appends lost the race and were told so.
    expect(conflicts).toBeGreaterThan(0)
    const check = checkLog(database.filename, acks)
    expect(check.problems).toEqual([])
    expect(check.events).toBe(acks.length)
    console.info(`two processes: ${acks.length} appends acknowledged, ${conflicts} version conflicts`)
  }, 120_000)
})
