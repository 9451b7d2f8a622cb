/**
 * The test of projection workers in several processes, written once for every store: three worker
 * processes on the tally read models are killed (SIGKILL) and restarted, or paused past their
 * leases (SIGSTOP, then SIGCONT) while the others take their read models over, as a writer appends.
 * At the end every read model must equal a rebuild, and the audit of commits (see
 * {@link auditedStore}, written by the worker processes in each commit's transaction) must show no
 * commit by a node other than the lease's owner and epochs that never go back.
 *
 * @since 0.3.0
 */
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import { expect } from "vitest"
import * as EventStore from "../EventStore.js"
import type { ReadModel } from "../ReadModel.js"
import * as ReadModelStore from "../ReadModelStore.js"
import { appendTicks, storedAndRebuilt, tally, type Ticked } from "./internal/tally.js"

/** Commits audited in each commit's transaction, with the lease row that transaction saw. */
export { auditedStore } from "./internal/audit.js"

/** The read models the workers run. */
export const models: ReadonlyArray<ReadModel<typeof Ticked.Type>> = ["tally-a", "tally-b", "tally-c"].map(tally)

/** One audited commit. */
export interface AuditRow {
  readonly name: string
  readonly position: number
  readonly committer: string
  readonly leaseOwner: string | null
  readonly leaseEpoch: number | null
}

/** A worker process, as the scenario drives it. */
export interface Worker {
  readonly ready: Promise<void>
  readonly signal: (signal: "SIGKILL" | "SIGSTOP" | "SIGCONT") => void
  /**
   * Stops the process (SIGSTOP) and has it resumed (SIGCONT) after `millis` by a timer outside the
   * test's process, resolving once it runs again: a writer in the test's process may block its
   * thread on a lock the paused worker holds (SQLite's busy wait does), and could then never resume it.
   */
  readonly pauseFor: (millis: number) => Promise<void>
  readonly done: Promise<{ readonly lines: ReadonlyArray<string>; readonly stderr: string }>
}

/** What the scenario needs of a store. */
export interface Options {
  /** Starts a worker process under this owner name (unique per process). */
  readonly start: (owner: string) => Worker
  /** Runs an effect on the store, from the test's own process (the writer). */
  readonly onStore: <A>(
    effect: Effect.Effect<A, unknown, EventStore.EventStore | ReadModelStore.ReadModelStore>
  ) => Promise<A>
  /** The audited commits, in the order they committed. */
  readonly audit: () => Promise<ReadonlyArray<AuditRow>>
  /** The workers' lease, in milliseconds. */
  readonly leaseMillis: number
  /** The same choices on every run. */
  readonly random: (below: number) => number
}

const sleep = (millis: number) => new Promise((resolve) => setTimeout(resolve, millis))

const caughtUp = Effect.gen(function* () {
  const page = yield* Effect.flatMap(EventStore.EventStore, (store) => store.readAllPage(0, 1_000_000))
  const head = page.at(-1)?.position ?? 0
  const store = yield* ReadModelStore.ReadModelStore
  const saved = yield* Effect.forEach(models, (model) => store.checkpoint(model.name))
  return saved.every((checkpoint) => Option.isSome(checkpoint) && checkpoint.value.position === head)
})

const equalToRebuild = Effect.forEach(models, (model) =>
  Effect.map(storedAndRebuilt(model), ({ rebuilt, stored }) => ({
    name: model.name,
    equal: JSON.stringify(stored) === JSON.stringify(rebuilt),
    rows: Object.values(stored).reduce((sum, rows) => sum + rows.length, 0)
  }))
)

/** What the scenario shows, as a test's name. */
export const title =
  "3 workers killed (SIGKILL), paused past their leases (SIGSTOP) and restarted at random while a writer appends: every read model ends equal to a rebuild, and no commit was made by a node that had lost its lease"

/** Runs the scenario: creates the tally tables, then 15 steps, 5 kills and 5 pauses, then the checks. */
export const run = async (options: Options): Promise<void> => {
  const { leaseMillis, onStore, random } = options
  await onStore(ReadModelStore.createTables(models))
  const append = (n: number) => onStore(appendTicks(Array.from({ length: n }, () => `c${random(6)}`)))
  await append(30)
  let generation = 0
  const start = (i: number) => options.start(`w${i}-${generation++}`)
  const workers: Array<Worker> = [0, 1, 2].map(start)
  const ended: Array<{ readonly lines: ReadonlyArray<string>; readonly stderr: string }> = []
  await Promise.all(workers.map((worker) => worker.ready))
  for (let step = 0; step < 15; step++) {
    await append(10 + random(20))
    const i = random(3)
    const worker = workers[i]!
    if (step % 3 === 0) {
      worker.signal("SIGKILL")
      ended.push(await worker.done)
      workers[i] = start(i)
    } else if (step % 3 === 1) {
      // Paused past its lease: the others take its read models over while it sleeps.
      // The writer goes on meanwhile, but it may wait for a lock the paused worker holds (a commit
      // stopped half-way), so it is awaited only once the worker runs again.
      const resumed = worker.pauseFor(leaseMillis * 2)
      const appending = append(10)
      await resumed
      await appending
    }
    await sleep(100 + random(400))
  }
  await append(25)
  await Promise.all(workers.map((worker) => worker.ready))
  const deadline = Date.now() + 60_000
  while (!(await onStore(caughtUp))) {
    if (Date.now() > deadline) throw new Error("the workers did not catch every read model up within 60 s")
    await sleep(100)
  }
  for (const worker of workers) worker.signal("SIGKILL")
  for (const worker of workers) ended.push(await worker.done)

  expect(ended.map((run) => run.stderr).filter((text) => text !== "")).toEqual([])
  const lines = ended.flatMap((run) => run.lines)
  expect(lines.filter((line) => line.startsWith("failure"))).toEqual([])
  // The paused workers found their leases taken: the fence was exercised, not only the happy path.
  expect(lines.filter((line) => line.includes("no longer holds its lease")).length).toBeGreaterThanOrEqual(1)

  const rebuilt = await onStore(equalToRebuild)
  expect(rebuilt.filter((model) => !model.equal)).toEqual([])
  expect(rebuilt.every((model) => model.rows > 0)).toBe(true)
  const rows = await options.audit()
  // Every commit was made by the lease's owner as its transaction saw it, at an epoch that never goes back.
  expect(rows.filter((row) => row.committer !== row.leaseOwner)).toEqual([])
  for (const model of models) {
    const commits = rows.filter((row) => row.name === model.name)
    const epochs = commits.map((row) => row.leaseEpoch ?? 0)
    const positions = commits.map((row) => row.position)
    expect(epochs).toEqual([...epochs].sort((a, b) => a - b))
    expect(positions.every((p, k) => k === 0 || p > positions[k - 1]!)).toBe(true)
  }
  // The read models changed hands.
  expect(new Set(rows.map((row) => `${row.name}:${row.leaseEpoch}`)).size).toBeGreaterThan(models.length * 2)
}
