/**
 * Time travel: replays the forum of 24 November 2022 into the in-memory store, then prints the
 * forum summary, the supply-chain funnel and class advancement as they stood when the forum closed,
 * when its results were announced, and after the follow-up. From the repository root:
 *
 *   npx tsx examples/forum-2022/src/time-travel/main.ts
 *
 * @since 0.1.0
 */
import { EventStore } from "@kemitraan/eventsourcing"
import { Effect, Exit } from "effect"
import { fileURLToPath } from "node:url"
import * as ForumReplay from "../ForumReplay.js"
import * as Progress from "../Progress.js"
import * as Replay from "../replay/Replay.js"
import * as TimeTravel from "./TimeTravel.js"

const dataDir = fileURLToPath(new URL("../../data/", import.meta.url))

const program = Effect.gen(function* () {
  const { dataset, steps } = yield* ForumReplay.timeline(dataDir)
  yield* Replay.run(steps, { onProgress: Progress.make(process.stderr, "replaying the forum in memory") })
  const snapshots = yield* TimeTravel.snapshots(dataset.forum.id)
  process.stdout.write(TimeTravel.text(snapshots))
}).pipe(Effect.provide(EventStore.layerMemory))

const exit = await Effect.runPromiseExit(program)
if (Exit.isFailure(exit)) {
  const failure = exit.cause
  console.error(`time-travel: ${String(failure)}`)
  process.exitCode = 1
}
