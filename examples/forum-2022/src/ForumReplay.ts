/**
 * The whole job, on whatever store is in context: load the dataset, replay it command by command,
 * catch the read models up, and reconcile what the store says with what the sources publish.
 *
 * @since 0.1.0
 */
import type { EventStore, ReadModelRunner, ReadModelStore } from "@kemitraan/eventsourcing"
import { Directory } from "@kemitraan/core"
import { Effect, Either } from "effect"
import { Dataset, type DatasetError } from "./dataset/index.js"
import * as ReadModels from "./report/ReadModels.js"
import * as Reconciliation from "./report/Reconciliation.js"
import * as Report from "./report/Report.js"
import * as Replay from "./replay/Replay.js"
import type { ReplayError } from "./replay/ReplayError.js"
import * as Timeline from "./replay/Timeline.js"

/** Where the data is, how to name the database in the report, and how to show progress. */
export interface Options {
  readonly dataDir: string
  /** The database as the user named it; the report prints it. */
  readonly database: string
  readonly onProgress?: ((done: number, total: number) => void) | undefined
  /** Called as the replay of the commands starts and ends (to count what the store did meanwhile). */
  readonly onReplay?: ((phase: "start" | "end") => void) | undefined
}

/**
 * Durations of the two phases, in milliseconds: wall-clock, and the CPU time of the process (which
 * says more on a busy machine). They vary between runs, so the report leaves them out.
 */
export interface Timings {
  readonly replayMillis: number
  readonly replayCpuMillis: number
  readonly readModelsMillis: number
}

/** What a run produced. */
export interface Result {
  readonly stats: Replay.Stats
  /** What the sources publish, and what the store says. */
  readonly expected: Reconciliation.Expected
  readonly replayed: Reconciliation.Replayed
  readonly checks: ReadonlyArray<Reconciliation.Check>
  readonly reconciled: boolean
  /** The report, deterministic. */
  readonly report: string
  readonly timings: Timings
}

/** Any failure of a run. */
export type RunError = DatasetError.DatasetError | ReplayError | ReadModelRunner.ReadModelError

const now = Effect.sync(() => performance.now())

/** CPU time of the process so far (user and system), in milliseconds. */
const cpu = Effect.sync(() => {
  const { user, system } = process.cpuUsage()
  return (user + system) / 1000
})

/** Loads the dataset and turns it into the replay's timeline of commands. */
export const timeline = (dataDir: string) =>
  Effect.flatMap(Dataset.load(dataDir), (dataset) =>
    Either.map(Timeline.fromDataset(dataset), (steps) => ({ dataset, steps }))
  )

/** Replays the forum into the store in context, then reconciles and reports. */
export const run = (
  options: Options
): Effect.Effect<Result, RunError, EventStore.EventStore | ReadModelStore.ReadModelStore> =>
  Effect.gen(function* () {
    const { dataset, steps } = yield* timeline(options.dataDir)
    options.onReplay?.("start")
    const started = yield* now
    const cpuStarted = yield* cpu
    const stats = yield* Replay.run(steps, { onProgress: options.onProgress })
    const replayed = yield* now
    options.onReplay?.("end")
    const replayCpuMillis = (yield* cpu) - cpuStarted
    const forumId = dataset.forum.id
    const models = yield* ReadModels.catchUp(forumId)
    const forum = yield* Effect.flatMap(Directory.make, (directory) => directory.forum(forumId))
    const done = yield* now
    const expected = Reconciliation.expectedOf(dataset)
    const recorded = Reconciliation.replayedOf(forum, models)
    const checks = Reconciliation.reconcile(expected, recorded)
    const report = Report.text({
      forumId,
      database: options.database,
      commands: stats.commands,
      events: stats.events,
      expected,
      replayed: recorded,
      checks,
      models
    })
    return {
      stats,
      expected,
      replayed: recorded,
      checks,
      reconciled: Reconciliation.isReconciled(checks),
      report,
      timings: { replayMillis: replayed - started, replayCpuMillis, readModelsMillis: done - replayed }
    }
  })
