import { Effect } from "effect"
import { describe, expect, inject, it } from "vitest"
import { EventStore } from "@kemitraan/eventsourcing"
import { PgStore } from "@kemitraan/postgres"
import { freshSchema } from "./support/pgStore.js"
import { acksOf, checkLog, countsOf, startWriter, type WriterRun } from "./support/writers.js"

/**
 * Pages `readAll` from its last position until `stop()` says so and one more page comes back empty,
 * and returns every position it saw, in the order it saw them.
 */
const pageWhile = (url: string, schema: string, stop: () => boolean) =>
  Effect.runPromise(
    Effect.gen(function* () {
      const store = yield* EventStore.EventStore
      const seen: Array<number> = []
      let after = 0
      while (true) {
        const stopping = stop()
        const page = yield* store.readAllPage(after, 100)
        for (const event of page) seen.push(event.position)
        if (page.length > 0) after = page[page.length - 1]!.position
        else if (stopping) return seen
        else yield* Effect.sleep("2 millis")
      }
    }).pipe(Effect.provide(PgStore.layer({ url, schema, maxConnections: 2 })))
  )

describe("writer processes on one schema", () => {
  it("4 processes × 2,000 appends at exact versions into shared streams: every acknowledged event stored once, losers get typed conflicts, and a reader paging readAll meanwhile sees every event once, in order", async () => {
    const url = inject("postgresUrl")
    const schema = freshSchema()
    const perWriter = 2_000
    const writers = [0, 1, 2, 3].map((i) =>
      startWriter({
        url,
        schema,
        prefix: `w${i}`,
        appends: perWriter,
        streams: 40,
        maxEvents: 3,
        seed: 101 + i,
        wait: true
      })
    )
    await Promise.all(writers.map((writer) => writer.ready))
    let finished = false
    const reading = pageWhile(url, schema, () => finished)
    for (const writer of writers) writer.go()
    const runs: Array<WriterRun> = await Promise.all(writers.map((writer) => writer.done))
    finished = true
    const seen = await reading
    for (const run of runs) {
      expect(run.stderr).toBe("")
      expect(run.lines.filter((line) => line.startsWith("failure"))).toEqual([])
      expect(run.code).toBe(0)
      const counts = countsOf(run)
      expect(counts).toBeDefined()
      expect((counts?.acks ?? 0) + (counts?.conflicts ?? 0)).toBe(perWriter)
      expect(counts?.busy).toBe(0)
    }
    const acks = runs.flatMap(acksOf)
    const conflicts = runs.reduce((sum, run) => sum + (countsOf(run)?.conflicts ?? 0), 0)
    // The writers raced for the same streams: some lost, and were told so.
    expect(conflicts).toBeGreaterThan(0)
    const check = await checkLog(url, schema, acks)
    expect(check.problems).toEqual([])
    // The reader saw positions 1..n, each once, in order: none skipped while others were in flight.
    expect(seen.length).toBe(check.events)
    expect(seen.every((position, i) => position === i + 1)).toBe(true)
    console.info(`4 writers: ${acks.length} appends acknowledged (${check.events} events), ${conflicts} conflicts`)
  }, 180_000)
})
