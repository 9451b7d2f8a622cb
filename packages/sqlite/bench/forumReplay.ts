/**
 * (e)'s library side in the bench's own process: the forum-2022 timeline (loaded once) replayed
 * through the domain's handlers into a fresh SQLite file, as `npm start` replays it, timed from
 * the first command to the last, with the statements the store ran.
 */
import { SqliteStore } from "@kemitraan/sqlite"
import { Effect } from "effect"
import { dataDir, ForumReplay, Replay } from "../../../examples/forum-2022/src/index.js"
import * as Library from "./library.js"

/** The forum's commands, in the order the replay sends them. */
export type Steps = Effect.Effect.Success<ReturnType<typeof ForumReplay.timeline>>["steps"]

/** Loads the forum's dataset and its timeline of commands. */
export const steps = (): Promise<Steps> =>
  Effect.runPromise(Effect.map(ForumReplay.timeline(dataDir), ({ steps }) => steps))

/** What one replay did: commands, events, and statements run while the commands were handled. */
export interface Replayed {
  readonly commands: number
  readonly events: number
  readonly statements: number
}

/** Replays `timeline` into `filename` (a file with the store's schema) with `synchronous = NORMAL`. */
export const replay = (filename: string, timeline: Steps): Promise<Library.Timed<Replayed>> =>
  Effect.gen(function* () {
    const held = yield* SqliteStore.HeldConnection
    const before = held.statements()
    const timed = yield* Library.timed(Replay.run(timeline))
    const { commands, events } = timed.result
    return { ...timed, result: { commands, events, statements: held.statements() - before } }
  }).pipe(Effect.provide(SqliteStore.layer({ filename, synchronous: "NORMAL" })), Effect.runPromise)
