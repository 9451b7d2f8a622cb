/**
 * `pnpm bench:pg`: the PostgreSQL store against raw `pg` on a cluster of its own with `fsync` and
 * `synchronous_commit` on. Sides alternate round by round (ten short rounds, the side going first
 * alternating too); the last line is one JSON object:
 *
 * - `pgBatchVsRaw`: appends of 20 events by one writer (this process), the store's events/s over
 *   raw `pg` inserting the same rows (one multi-row INSERT per append, no version check, no
 *   ordering).
 * - `pgConcurrentVsCeiling`: one-event appends from 32 concurrent writers in 4 processes (8 in
 *   each; each process's store coalesces its own), over raw `pg` from 32 connections in 4
 *   processes inserting into a `bigserial` table: the ceiling, with no global ordering at all.
 * - `pgSkippedEvents`: events a reader (this process) paging `readAll` during the store's
 *   concurrent phase never saw (0: positions commit in order). `rawSkippedEvents`: the same
 *   reader's misses on the raw table, paging `id > last`: the bug a bare sequence has.
 *
 * Beside each wall-clock ratio, the same ratio of CPU time (the writers' processes and the
 * server's, from `/proc`; the reader's is not counted): on a shared machine the wall clock moves
 * with other work, and the CPU time much less.
 */
import { type ChildProcessWithoutNullStreams, spawn } from "node:child_process"
import { createInterface } from "node:readline"
import { fileURLToPath } from "node:url"
import { ManagedRuntime } from "effect"
import pg from "pg"
import { EventStore, ExpectedVersion } from "@kemitraan/eventsourcing"
import { PgStore } from "../src/index.js"
import { start } from "../test/support/server.js"
import { cpuBetween, eventsOf, lanes, rawInsert, rawParams, rawSetup, serverCpu } from "./shared.js"

// Many short rounds, so that load from elsewhere on the machine falls on both sides alike.
const rounds = 10
const batchAppends = 100 // per round and side: 1,000 appends of 20 events per side in all
const batchSize = 20
const processes = 4
const writersPerProcess = 8 // 32 writers in all
const concurrentAppends = 800 // per round and side, over all processes: 8,000 one-event appends per side

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url))

/** A writer process (`writer.ts`): one command at a time, answered by one line. */
interface Writer {
  readonly run: (command: string) => Promise<string>
  readonly close: () => Promise<void>
}

const startWriter = (url: string, index: number): Promise<Writer> => {
  const child: ChildProcessWithoutNullStreams = spawn(
    process.execPath,
    [
      "--import",
      new URL("../test/fixtures/preload.mjs", import.meta.url).href,
      "--import",
      "tsx",
      here("writer.ts"),
      JSON.stringify({ url, schema: "bench", process: index, writers: writersPerProcess })
    ],
    { cwd: here(".."), stdio: ["pipe", "pipe", "pipe"] }
  )
  let stderr = ""
  child.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk))
  const waiting: Array<{ resolve: (line: string) => void; reject: (error: Error) => void }> = []
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()))
  child.once("exit", (code) => {
    for (const w of waiting.splice(0)) w.reject(new Error(`writer ${index} exited (${code}): ${stderr}`))
  })
  createInterface({ input: child.stdout }).on("line", (line) => waiting.shift()?.resolve(line))
  const next = () => new Promise<string>((resolve, reject) => waiting.push({ resolve, reject }))
  return next().then((line) => {
    if (line !== "ready") throw new Error(`writer ${index} said ${JSON.stringify(line)}: ${stderr}`)
    return {
      run: (command) => {
        const answer = next()
        child.stdin.write(`${command}\n`)
        return answer
      },
      close: () => {
        child.stdin.end("exit\n")
        return exited
      }
    }
  })
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

/** What one side of a phase took: wall-clock seconds, the writers' CPU seconds, the server's. */
interface Taken {
  wall: number
  client: number
  server: number
}

const none = (): Taken => ({ wall: 0, client: 0, server: 0 })

const ratio = (baseline: number, measured: number) => Number((baseline / measured).toFixed(3))

const main = async () => {
  const server = await start({ fsync: true })
  const pool = new pg.Pool({ connectionString: server.url, max: 2 })
  // The server stops at the end while idle connections are open: that is not an error of the run.
  pool.on("error", () => undefined)
  const runtime = ManagedRuntime.make(PgStore.layer({ url: server.url, schema: "bench", maxConnections: 4 }))
  const writers: Array<Writer> = []
  try {
    await pool.query(rawSetup)
    const store = await runtime.runPromise(EventStore.EventStore)
    writers.push(...(await Promise.all(Array.from({ length: processes }, (_, i) => startWriter(server.url, i)))))
    const append = (streamId: string, events: ReturnType<typeof eventsOf>) =>
      runtime.runPromise(store.append(streamId, ExpectedVersion.any, events))
    const side = { storeBatch: none(), rawBatch: none(), storeConcurrent: none(), rawConcurrent: none() }
    let storeSkipped = 0
    let rawSkipped = 0

    /** Runs one writer in this process, adding what it took to `taken`. */
    const measured = async (taken: Taken, run: () => Promise<number>) => {
      const serverBefore = await serverCpu(server.pid)
      const cpu = process.cpuUsage()
      taken.wall += await run()
      const used = process.cpuUsage(cpu)
      taken.client += (used.user + used.system) / 1e6
      taken.server += cpuBetween(serverBefore, await serverCpu(server.pid))
    }

    /** Runs the writer processes on one side, a reader paging meanwhile; answers the positions it saw. */
    const concurrent = async (
      taken: Taken,
      kind: "store" | "raw",
      round: number,
      read: (after: number) => Promise<Array<number>>
    ) => {
      const serverBefore = await serverCpu(server.pid)
      let done = false
      const reading = pageWhile(read, () => done)
      const t0 = performance.now()
      const answers = await Promise.all(writers.map((w) => w.run(`${kind} ${round} ${concurrentAppends / processes}`)))
      taken.wall += (performance.now() - t0) / 1000
      taken.server += cpuBetween(serverBefore, await serverCpu(server.pid))
      for (const answer of answers) {
        const [word, , micros] = answer.split(" ")
        if (word !== "done") throw new Error(`a writer said ${JSON.stringify(answer)}`)
        taken.client += Number(micros) / 1e6
      }
      done = true
      return new Set(await reading)
    }

    for (let round = 0; round < rounds; round++) {
      // Appends of 20 events, one writer: store, then raw (then the other way round).
      const batchSides = [
        () =>
          measured(side.storeBatch, () =>
            lanes(batchAppends, 1, (i) =>
              append(`batch-${i % 50}`, eventsOf(`s${round}-b${i}`, batchSize)).then(() => undefined)
            )
          ),
        () =>
          measured(side.rawBatch, () =>
            lanes(batchAppends, 1, async (i) => {
              const events = eventsOf(`r${round}-b${i}`, batchSize)
              await pool.query(rawInsert(batchSize), rawParams(`batch-${i % 50}`, events))
            })
          )
      ]
      for (const go of round % 2 === 0 ? batchSides : [...batchSides].reverse()) await go()
      // One-event appends from 32 writers in 4 processes, a reader paging meanwhile.
      const concurrentSides = [
        async () => {
          const before = await runtime.runPromise(store.headPosition)
          const seen = await concurrent(side.storeConcurrent, "store", round, (after) =>
            runtime
              .runPromise(store.readAllPage(Math.max(after, before), 500))
              .then((page) => page.map((e) => e.position))
          )
          const head = await runtime.runPromise(store.headPosition)
          for (let p = before + 1; p <= head; p++) if (!seen.has(p)) storeSkipped++
        },
        async () => {
          const before = Number(
            (await pool.query<{ id: string }>("SELECT coalesce(max(id), 0)::text AS id FROM raw_events")).rows[0]?.id ??
              0
          )
          const seen = await concurrent(side.rawConcurrent, "raw", round, async (after) =>
            (
              await pool.query<{ id: string }>(
                "SELECT id::text AS id FROM raw_events WHERE id > $1 ORDER BY id LIMIT 500",
                [Math.max(after, before)]
              )
            ).rows.map((row) => Number(row.id))
          )
          const all = await pool.query<{ id: string }>("SELECT id::text AS id FROM raw_events WHERE id > $1", [before])
          for (const row of all.rows) if (!seen.has(Number(row.id))) rawSkipped++
        }
      ]
      for (const go of round % 2 === 0 ? concurrentSides : [...concurrentSides].reverse()) await go()
    }
    const events = rounds * batchAppends * batchSize
    const appends = rounds * concurrentAppends
    const cpu = (taken: Taken) => taken.client + taken.server
    /** CPU microseconds per unit, the writers' and the server's. */
    const perUnit = (taken: Taken, units: number) => ({
      client: Number(((taken.client / units) * 1e6).toFixed(1)),
      server: Number(((taken.server / units) * 1e6).toFixed(1))
    })
    const figures = {
      storeBatchEventsPerSecond: Math.round(events / side.storeBatch.wall),
      rawBatchEventsPerSecond: Math.round(events / side.rawBatch.wall),
      pgBatchCpuVsRaw: ratio(cpu(side.rawBatch), cpu(side.storeBatch)),
      storeBatchCpuMicrosPerEvent: perUnit(side.storeBatch, events),
      rawBatchCpuMicrosPerEvent: perUnit(side.rawBatch, events),
      storeConcurrentAppendsPerSecond: Math.round(appends / side.storeConcurrent.wall),
      rawConcurrentAppendsPerSecond: Math.round(appends / side.rawConcurrent.wall),
      pgConcurrentCpuVsCeiling: ratio(cpu(side.rawConcurrent), cpu(side.storeConcurrent)),
      storeConcurrentCpuMicrosPerAppend: perUnit(side.storeConcurrent, appends),
      rawConcurrentCpuMicrosPerAppend: perUnit(side.rawConcurrent, appends),
      rawSkippedEvents: rawSkipped
    }
    console.log(
      `batch: store ${figures.storeBatchEventsPerSecond} events/s, raw ${figures.rawBatchEventsPerSecond}; concurrent (${processes} processes x ${writersPerProcess} writers): store ${figures.storeConcurrentAppendsPerSecond} appends/s, raw ${figures.rawConcurrentAppendsPerSecond}`
    )
    console.log(
      JSON.stringify({
        pgBatchVsRaw: ratio(side.rawBatch.wall, side.storeBatch.wall),
        pgConcurrentVsCeiling: ratio(side.rawConcurrent.wall, side.storeConcurrent.wall),
        pgSkippedEvents: storeSkipped,
        ...figures
      })
    )
  } finally {
    await Promise.all(writers.map((w) => w.close()))
    await runtime.dispose()
    await pool.end()
    await server.stop()
  }
}

await main()
