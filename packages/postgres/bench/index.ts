/**
 * `pnpm bench:pg`: the PostgreSQL store against raw `pg` on a cluster of its own with `fsync` and
 * `synchronous_commit` on. Sides alternate round by round; the last line is one JSON object:
 *
 * - `pgBatchVsRaw`: appends of 20 events by one writer, the store's events/s over raw `pg`
 *   inserting the same rows (one multi-row INSERT per append, no version check, no ordering).
 * - `pgConcurrentVsCeiling`: one-event appends from 32 concurrent writers (fibers of this process;
 *   the store coalesces them), over raw `pg` from 32 connections inserting into a `bigserial`
 *   table: the ceiling, with no global ordering at all.
 * - `pgSkippedEvents`: events a reader paging `readAll` during the store's concurrent phase never
 *   saw (0: positions commit in order). `rawSkippedEvents`: the same reader's misses on the raw
 *   table, paging `id > last`: the bug a bare sequence has.
 */
import { ManagedRuntime } from "effect"
import pg from "pg"
import { EventStore, ExpectedVersion } from "@kemitraan/eventsourcing"
import { PgStore } from "../src/index.js"
import { start } from "../test/support/server.js"

const rounds = 2
const batchAppends = 500 // per round and side: 1,000 appends of 20 events per side in all
const batchSize = 20
const concurrentAppends = 2_000 // per round and side
const writers = 32

const metadata = { occurredAt: new Date("2022-11-24T09:00:00Z") }
const eventsOf = (id: string, n: number) =>
  Array.from({ length: n }, (_, k) => ({
    eventId: `${id}/${k}`,
    type: "Benched",
    data: { id, k, note: "x".repeat(80) },
    metadata
  }))

const rawSetup = `CREATE TABLE IF NOT EXISTS raw_events (
  id bigserial PRIMARY KEY, stream_id text NOT NULL, event_id text NOT NULL UNIQUE, type text NOT NULL,
  data json NOT NULL, metadata json NOT NULL, recorded_at timestamptz NOT NULL)`

const rawInsert = (rows: number) =>
  `INSERT INTO raw_events (stream_id, event_id, type, data, metadata, recorded_at) VALUES ${Array.from(
    { length: rows },
    (_, i) => `($1, $${i * 4 + 2}, $${i * 4 + 3}, $${i * 4 + 4}, $${i * 4 + 5}, now())`
  ).join(", ")}`

const rawParams = (streamId: string, events: ReturnType<typeof eventsOf>) => [
  streamId,
  ...events.flatMap((e) => [e.eventId, e.type, JSON.stringify(e.data), JSON.stringify(e.metadata)])
]

/** Runs `count` tasks on `width` lanes; answers the seconds taken. */
const lanes = async (count: number, width: number, task: (i: number) => Promise<void>): Promise<number> => {
  let next = 0
  const t0 = performance.now()
  await Promise.all(
    Array.from({ length: width }, async () => {
      while (next < count) await task(next++)
    })
  )
  return (performance.now() - t0) / 1000
}

/** Pages `read(after)` until `stop()` and an empty page; answers the ids seen. */
const pageWhile = async (read: (after: number) => Promise<Array<number>>, stop: () => boolean) => {
  const seen: Array<number> = []
  let after = 0
  while (true) {
    const stopping = stop()
    const page = await read(after)
    seen.push(...page)
    if (page.length > 0) after = page[page.length - 1]!
    else if (stopping) return seen
    else await new Promise((resolve) => setTimeout(resolve, 1))
  }
}

const main = async () => {
  const server = await start({ fsync: true })
  const pool = new pg.Pool({ connectionString: server.url, max: writers })
  // The server stops at the end while idle connections are open: that is not an error of the run.
  pool.on("error", () => undefined)
  const runtime = ManagedRuntime.make(PgStore.layer({ url: server.url, schema: "bench", maxConnections: 12 }))
  try {
    await pool.query(rawSetup)
    const store = await runtime.runPromise(EventStore.EventStore)
    const append = (streamId: string, events: ReturnType<typeof eventsOf>) =>
      runtime.runPromise(store.append(streamId, ExpectedVersion.any, events))
    const side = { storeBatch: 0, rawBatch: 0, storeConcurrent: 0, rawConcurrent: 0 }
    let storeSkipped = 0
    let rawSkipped = 0
    for (let round = 0; round < rounds; round++) {
      // Appends of 20 events, one writer: store, then raw (then the other way round).
      const batchSides = [
        async () =>
          (side.storeBatch += await lanes(batchAppends, 1, (i) =>
            append(`batch-${i % 50}`, eventsOf(`s${round}-b${i}`, batchSize)).then(() => undefined)
          )),
        async () =>
          (side.rawBatch += await lanes(batchAppends, 1, async (i) => {
            const events = eventsOf(`r${round}-b${i}`, batchSize)
            await pool.query(rawInsert(batchSize), rawParams(`batch-${i % 50}`, events))
          }))
      ]
      for (const go of round % 2 === 0 ? batchSides : [...batchSides].reverse()) await go()
      // One-event appends from 32 writers, a reader paging meanwhile.
      const concurrentSides = [
        async () => {
          const before = await runtime.runPromise(store.headPosition)
          let done = false
          const reading = pageWhile(
            (after) =>
              runtime
                .runPromise(store.readAllPage(Math.max(after, before), 500))
                .then((page) => page.map((e) => e.position)),
            () => done
          )
          side.storeConcurrent += await lanes(concurrentAppends, writers, (i) =>
            append(`one-${i % 200}`, eventsOf(`s${round}-c${i}`, 1)).then(() => undefined)
          )
          done = true
          const seen = new Set(await reading)
          const head = await runtime.runPromise(store.headPosition)
          for (let p = before + 1; p <= head; p++) if (!seen.has(p)) storeSkipped++
        },
        async () => {
          const before = Number(
            (await pool.query<{ id: string }>("SELECT coalesce(max(id), 0)::text AS id FROM raw_events")).rows[0]?.id ??
              0
          )
          let done = false
          const reading = pageWhile(
            async (after) =>
              (
                await pool.query<{ id: string }>(
                  "SELECT id::text AS id FROM raw_events WHERE id > $1 ORDER BY id LIMIT 500",
                  [Math.max(after, before)]
                )
              ).rows.map((row) => Number(row.id)),
            () => done
          )
          side.rawConcurrent += await lanes(concurrentAppends, writers, async (i) => {
            await pool.query(rawInsert(1), rawParams(`one-${i % 200}`, eventsOf(`r${round}-c${i}`, 1)))
          })
          done = true
          const seen = new Set(await reading)
          const all = await pool.query<{ id: string }>("SELECT id::text AS id FROM raw_events WHERE id > $1", [before])
          for (const row of all.rows) if (!seen.has(Number(row.id))) rawSkipped++
        }
      ]
      for (const go of round % 2 === 0 ? concurrentSides : [...concurrentSides].reverse()) await go()
    }
    const events = rounds * batchAppends * batchSize
    const appends = rounds * concurrentAppends
    const figures = {
      storeBatchEventsPerSecond: Math.round(events / side.storeBatch),
      rawBatchEventsPerSecond: Math.round(events / side.rawBatch),
      storeConcurrentAppendsPerSecond: Math.round(appends / side.storeConcurrent),
      rawConcurrentAppendsPerSecond: Math.round(appends / side.rawConcurrent),
      rawSkippedEvents: rawSkipped
    }
    console.log(
      `batch: store ${figures.storeBatchEventsPerSecond} events/s, raw ${figures.rawBatchEventsPerSecond}; concurrent: store ${figures.storeConcurrentAppendsPerSecond} appends/s, raw ${figures.rawConcurrentAppendsPerSecond}`
    )
    console.log(
      JSON.stringify({
        pgBatchVsRaw: Number((side.rawBatch / side.storeBatch).toFixed(3)),
        pgConcurrentVsCeiling: Number((side.rawConcurrent / side.storeConcurrent).toFixed(3)),
        pgSkippedEvents: storeSkipped,
        ...figures
      })
    )
  } finally {
    await runtime.dispose()
    await pool.end()
    await server.stop()
  }
}

await main()
