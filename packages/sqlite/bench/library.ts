/** The benchmark's library side: the same work through the kernel's services on the SQLite layer. */
import * as SqlClient from "@effect/sql/SqlClient"
import type { SqlError } from "@effect/sql/SqlError"
import * as Effect from "effect/Effect"
import * as Id from "@kemitraan/core/Id"
import * as KemitraanEvent from "@kemitraan/core/KemitraanEvent"
import * as Rupiah from "@kemitraan/core/Rupiah"
import {
  CommandHandler,
  EventStore,
  type EventStoreError,
  ExpectedVersion,
  ReadModelRunner
} from "@kemitraan/eventsourcing"
import { SqliteStore } from "@kemitraan/sqlite"
import type { Batch, Count } from "./workload.js"
import { Catalog, counter, readModels } from "./workload.js"

/** What the benchmark's effects run against: the stores, and the client the read-model tables are written with. */
export type Stores = SqliteStore.Stores | SqlClient.SqlClient

/** Runs an effect against a store on `filename`, outside the timing of what `effect` measures. */
export const withStore = <A, E>(
  filename: string,
  synchronous: "FULL" | "NORMAL",
  effect: Effect.Effect<A, E, Stores>,
  options?: SqliteStore.ConnectionOptions
): Promise<A> => Effect.runPromise(Effect.provide(effect, SqliteStore.layer({ ...options, filename, synchronous })))

/**
 * How (c)'s library processes open the store: with the page cache SQLite itself defaults to (2 MiB)
 * instead of better-sqlite3's 16 MB, which a rebuild fills with pages of the log it reads once.
 */
export const readModelConnection: SqliteStore.ConnectionOptions = { pageCacheKib: SqliteStore.rebuildPageCacheKib }

/** CPU time this process has spent, user and system, in milliseconds. */
export const cpuMillis = (): number => {
  const usage = process.cpuUsage()
  return (usage.user + usage.system) / 1000
}

/** A result with the wall-clock and CPU milliseconds it took. */
export interface Timed<A> {
  readonly ms: number
  readonly cpuMs: number
  readonly result: A
}

/** Times an effect. */
export const timed = <A, E, R>(effect: Effect.Effect<A, E, R>): Effect.Effect<Timed<A>, E, R> =>
  Effect.suspend(() => {
    const cpu = cpuMillis()
    const start = performance.now()
    return Effect.map(effect, (result) => ({ ms: performance.now() - start, cpuMs: cpuMillis() - cpu, result }))
  })

/** (a): each batch appended at the version the previous append of its stream left. */
export const appendBatches = (
  batches: ReadonlyArray<Batch>
): Effect.Effect<void, EventStoreError.AppendError, EventStore.EventStore> =>
  Effect.gen(function* () {
    const store = yield* EventStore.EventStore
    const versions = new Map<string, number>()
    for (const batch of batches) {
      const expected = ExpectedVersion.exact(versions.get(batch.streamId) ?? 0)
      const result = yield* store.append(batch.streamId, expected, batch.events)
      versions.set(batch.streamId, result.streamVersion)
    }
  })

const handle = CommandHandler.make({
  decider: counter,
  catalog: Catalog,
  streamId: (command: Count) => command.streamId
})

/** (b): each command through the kernel's command handler: load the stream, fold, decide, append. */
export const runCommands = (commands: ReadonlyArray<Count>) =>
  Effect.forEach(commands, (command) => handle(command), { discard: true })

/**
 * (d): the commands shared out among `fibers` fibers by stream (a stream's commands all go to one
 * fiber, in order), each fiber sending its own one after the other.
 */
export const runCommandsConcurrently = (commands: ReadonlyArray<Count>, fibers: number) => {
  const shares = Array.from({ length: fibers }, (): Array<Count> => [])
  const fiberOf = new Map<string, number>()
  for (const command of commands) {
    let fiber = fiberOf.get(command.streamId)
    if (fiber === undefined) {
      fiber = fiberOf.size % fibers
      fiberOf.set(command.streamId, fiber)
    }
    shares[fiber]!.push(command)
  }
  return Effect.forEach(shares, runCommands, { concurrency: fibers, discard: true })
}

/**
 * How the rebuild reads, commits and caches. With the runner's defaults (pages of 1,000, a commit
 * every 10,000 events, 100,000 rows kept) the full rebuild peaked at 420 MB at 28,080 SMEs; the peak
 * is garbage V8 has not collected yet, not live rows. Smaller pages, commits and cache leave less of
 * it for the same CPU time: at 93,600 SMEs, 331 MB with `cacheRows` 20,000 alone, 251 MB with these
 * (see docs/performance.md).
 */
export const rebuildOptions: ReadModelRunner.CatchUpOptions = { pageSize: 200, commitEvery: 2_000, cacheRows: 2_000 }

/** (c): the read models' tables rebuilt from position 0, with {@link rebuildOptions}. */
export const rebuilt = (): Effect.Effect<ReadModelRunner.Progress, ReadModelRunner.ReadModelError, Stores> =>
  ReadModelRunner.rebuild(readModels, rebuildOptions)

/** A correction of an SME's figures for a year between 2021 and 2024, its amounts drawn from `n`. */
const correction = (participantId: Id.ParticipantId, n: number): KemitraanEvent.KemitraanEvent => ({
  _tag: "BusinessFiguresCorrected",
  participantId,
  year: 2021 + (n % 4),
  // Some corrections cross a class boundary (Rp2 billion of sales), so cohort and transition rows move.
  annualSales: Rupiah.make(((n * 7_919) % 40) * 100_000_000),
  businessCapital: Rupiah.make(((n * 104_729) % 30) * 100_000_000),
  workers: n % 50,
  reason: "laporan keuangan yang diaudit",
  at: new Date(Date.UTC(2025, 0, 1, 0, 0, n))
})

/** (c), after a rebuild: `events` corrections of the figures of `smes` SMEs, appended ten at a time. */
export const appendCorrections = (
  smes: number,
  events: number
): Effect.Effect<void, EventStoreError.AppendError | EventStoreError.EventEncodeError, EventStore.EventStore> =>
  Effect.forEach(
    Array.from({ length: events / 10 }, (_, append) => append),
    (append) => {
      const participantId = Id.ParticipantId.make(`sme-${(append % smes) * 1_000}`)
      const batch = Array.from({ length: 10 }, (_, k) => correction(participantId, append * 10 + k))
      return EventStore.appendEvents(
        KemitraanEvent.KemitraanEvents,
        KemitraanEvent.participantStream(participantId),
        ExpectedVersion.any,
        batch
      )
    },
    { discard: true }
  )

/** (c): the read models caught up with the log, with the runner's defaults. */
export const caughtUp = (): Effect.Effect<ReadModelRunner.Progress, ReadModelRunner.ReadModelError, Stores> =>
  ReadModelRunner.catchUp(readModels)

/** The rows of every table of (c)'s read models. */
export const rowsTotal = (): Effect.Effect<number, SqlError, SqlClient.SqlClient> =>
  Effect.gen(function* () {
    const sql = yield* SqlClient.SqlClient
    let total = 0
    for (const table of readModels.tables) {
      const [count] = yield* sql.unsafe(`SELECT count(*) FROM "${table.name}"`).values
      total += Number(count?.[0] ?? 0)
    }
    return total
  })
