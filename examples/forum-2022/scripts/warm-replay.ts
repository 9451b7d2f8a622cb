/**
 * Replays the forum's commands several times in one process, each time into a fresh SQLite file
 * (`synchronous = NORMAL`), and prints each replay's wall-clock and CPU milliseconds: the later
 * replays run warm code, where the first pays for V8 compiling it. For comparing the command path's
 * CPU before and after a change (alternate the two builds), or for a CPU profile that the warm-up
 * does not dominate (`node --cpu-prof --import tsx …`).
 *
 *   npx tsx examples/forum-2022/scripts/warm-replay.ts [--runs 6]
 */
import { SqliteStore } from "@kemitraan/sqlite"
import { Effect } from "effect"
import { mkdtempSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { fileURLToPath } from "node:url"
import * as ForumReplay from "../src/ForumReplay.js"
import * as Replay from "../src/replay/Replay.js"

const dataDir = fileURLToPath(new URL("../data/", import.meta.url))
const runsAt = process.argv.indexOf("--runs")
const runs = runsAt === -1 ? 6 : Number(process.argv[runsAt + 1])

const dir = mkdtempSync(join(tmpdir(), "kemitraan-warm-"))
try {
  const { steps } = await Effect.runPromise(ForumReplay.timeline(dataDir))
  const lines: Array<string> = []
  for (let run = 1; run <= runs; run++) {
    const replay = Effect.gen(function* () {
      const started = performance.now()
      const cpu = process.cpuUsage()
      const stats = yield* Replay.run(steps)
      const { user, system } = process.cpuUsage(cpu)
      return `replay ${run}: ${stats.commands} commands in ${Math.round(performance.now() - started)} ms, ${Math.round((user + system) / 1000)} ms of CPU`
    }).pipe(
      Effect.provide(SqliteStore.layer({ filename: join(dir, `forum-2022-${run}.sqlite`), synchronous: "NORMAL" }))
    )
    lines.push(await Effect.runPromise(replay))
  }
  process.stdout.write(`${lines.join("\n")}\n`)
} finally {
  rmSync(dir, { recursive: true, force: true })
}
