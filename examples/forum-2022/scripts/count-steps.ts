/**
 * Replays the forum's commands into a fresh SQLite file (`synchronous = NORMAL`) and counts what they
 * cost, in figures that do not vary with the machine's load: the Effect steps a command takes (each
 * step the fiber runtime evaluates asks the scheduler whether to yield; this scheduler counts the
 * questions) and the statements it runs. The CPU time is printed beside them, for a rough look. The
 * counting scheduler costs a little per step, so time the replay with `npm start`, not with this.
 *
 *   npx tsx examples/forum-2022/scripts/count-steps.ts
 */
import { SqliteStore } from "@kemitraan/sqlite"
import { Effect, Scheduler } from "effect"
import { mkdtempSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { fileURLToPath } from "node:url"
import * as ForumReplay from "../src/ForumReplay.js"
import * as Replay from "../src/replay/Replay.js"

const dataDir = fileURLToPath(new URL("../data/", import.meta.url))

/** The default scheduler, counting the steps it is asked about. */
const counting = () => {
  const counter = { steps: 0 }
  const scheduler: Scheduler.Scheduler = {
    scheduleTask: (task, priority) => Scheduler.defaultScheduler.scheduleTask(task, priority),
    shouldYield: (fiber) => {
      counter.steps++
      return Scheduler.defaultScheduler.shouldYield(fiber)
    }
  }
  return { counter, scheduler }
}

const dir = mkdtempSync(join(tmpdir(), "kemitraan-steps-"))
const { counter, scheduler } = counting()
const program = Effect.gen(function* () {
  const { steps } = yield* ForumReplay.timeline(dataDir)
  const held = yield* SqliteStore.HeldConnection
  const statements = held.statements()
  const cpu = process.cpuUsage()
  counter.steps = 0
  const stats = yield* Replay.run(steps)
  const { user, system } = process.cpuUsage(cpu)
  const per = (count: number) => (count / stats.commands).toFixed(2)
  return `${stats.commands} commands: ${per(counter.steps)} Effect steps a command, ${per(held.statements() - statements)} statements a command, ${Math.round((user + system) / 1000)} ms of CPU\n`
}).pipe(Effect.provide(SqliteStore.layer({ filename: join(dir, "forum-2022.sqlite"), synchronous: "NORMAL" })))

try {
  process.stdout.write(await Effect.runPromise(Effect.withScheduler(program, scheduler)))
} finally {
  rmSync(dir, { recursive: true, force: true })
}
