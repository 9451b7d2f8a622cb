/**
 * The founding forum replayed once per test file into a SQLite store in memory, on the breathing
 * scheduler (a replay takes seconds, and vitest's messages to the worker must get answered).
 */
import { EventLoop } from "@kemitraan/eventsourcing/testing"
import { dataDir, ForumReplay } from "@kemitraan/example-forum-2022"
import { SqliteStore } from "@kemitraan/sqlite"
import { ManagedRuntime } from "effect"

/** The runtime of a test file: a SQLite store in memory. */
export type Runtime = ManagedRuntime.ManagedRuntime<SqliteStore.Stores, SqliteStore.OpenError>

/** A runtime with a fresh SQLite store in memory. */
export const memoryStore = (): Runtime => ManagedRuntime.make(SqliteStore.layerMemory)

/** Replays the forum of 24 November 2022 into the runtime's store. */
export const replay = (runtime: Runtime): Promise<ForumReplay.Result> =>
  runtime.runPromise(EventLoop.breathing(ForumReplay.run({ dataDir, database: ":memory:" })))
