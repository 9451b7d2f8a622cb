import { join } from "node:path"
import { describe, expect, it } from "vitest"
import { freshSchema } from "./support/pgStore.js"
import { start } from "./support/server.js"
import { type Ack, acksOf, checkLog, startWriter, type WriterRun } from "./support/writers.js"

describe("crash safety on a cluster of its own with fsync on", () => {
  it("writers killed with SIGKILL at random moments, 20 times, lose no acknowledged append and leave none half-written; nor does a crash of the server", async () => {
    const server = await start({ fsync: true })
    try {
      const schema = freshSchema()
      const lanes = 2
      const perLane = 10
      const runs: Array<WriterRun> = []
      // Two lanes of ten writers each: the writers also race each other for the log's head while
      // they are killed, with appends of up to 20 events.
      const lane = async (l: number) => {
        for (let k = 0; k < perLane; k++) {
          const writer = startWriter({
            url: server.url,
            schema,
            prefix: `l${l}k${k}`,
            appends: 1_000_000,
            streams: 5,
            maxEvents: 20,
            seed: 7919 * (l * perLane + k + 1),
            wait: false
          })
          // Killed at a random moment once it is appending: mid-append, between appends, mid-commit.
          await writer.acked
          await new Promise((resolve) => setTimeout(resolve, (k * 97 + l * 61) % 300))
          writer.kill()
          runs.push(await writer.done)
        }
      }
      await Promise.all(Array.from({ length: lanes }, (_, l) => lane(l)))
      const acks: Array<Ack> = []
      for (const run of runs) {
        expect(run.stderr).toBe("")
        expect(run.lines.filter((line) => line.startsWith("failure"))).toEqual([])
        expect(run.signal).toBe("SIGKILL")
        acks.push(...acksOf(run))
      }
      expect(runs.length).toBe(lanes * perLane)
      expect(acks.length).toBeGreaterThan(0)
      const afterKills = await checkLog(server.url, schema, acks)
      expect(afterKills.problems).toEqual([])
      // The server itself crashes (immediate shutdown: no checkpoint) and restarts from its files.
      await server.stop({ mode: "immediate", keep: true })
      const again = await start({ fsync: true, reuse: join(server.dir, "data") })
      try {
        const afterCrash = await checkLog(again.url, schema, acks)
        expect(afterCrash.problems).toEqual([])
        expect(afterCrash.events).toBe(afterKills.events)
      } finally {
        await again.stop()
      }
      console.info(`crash: ${runs.length} writers killed, ${acks.length} appends acknowledged, all stored`)
    } finally {
      await server.stop()
    }
  }, 240_000)
})
