/** The benchmark's library side: the same work through the kernel's services on the SQLite layer. */
import type { SqlClient } from "@effect/sql"
import { Effect } from "effect"
import {
  CommandHandler,
  EventStore,
  type EventStoreError,
  ExpectedVersion,
  ProjectionRunner
} from "@kemitraan/eventsourcing"
import { SqliteReadModels, SqliteStore } from "@kemitraan/sqlite"
import type { Batch, Count, ReadModels } from "./workload.js"
import { Catalog, counter, readModels } from "./workload.js"

/** What the benchmark's effects run against: the stores, and the client the read-model tables are written with. */
export type Stores = SqliteStore.Stores | SqlClient.SqlClient

/** Runs an effect against a store on `filename`, outside the timing of what `effect` measures. */
export const withStore = <A, E>(
  filename: string,
  synchronous: "FULL" | "NORMAL",
  effect: Effect.Effect<A, E, Stores>
): Promise<A> => Effect.runPromise(Effect.provide(effect, SqliteStore.layer({ filename, synchronous })))

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

/** (c) without checkpoints: the read models folded over the whole log in memory. */
export const folded = (): Effect.Effect<ReadModels, ProjectionRunner.ProjectionError, Stores> =>
  Effect.map(ProjectionRunner.run(readModels), (progress) => progress.state)

/** (c): the read models rebuilt from position 0, their state saved with each checkpoint as it goes. */
export const rebuilt = (commitEvery: number): Effect.Effect<ReadModels, ProjectionRunner.ProjectionError, Stores> =>
  Effect.map(ProjectionRunner.rebuild(readModels, { commitEvery }), (progress) => progress.state)

/**
 * (c), as a user rebuilds the store's read models: `SqliteReadModels.rebuildAll` with the runner's
 * defaults (a commit every 10,000 events, commits at most a tenth of the time), each read model in
 * its own pass, its tables written and its state saved at every commit.
 */
export const tablesRebuilt = (): Effect.Effect<null, ProjectionRunner.ProjectionError, Stores> =>
  Effect.as(SqliteReadModels.rebuildAll(), null)
