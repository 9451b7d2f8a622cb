/**
 * (b) alone, for quick looks and profiles: CPU microseconds a one-event command costs the library
 * (`CommandHandler` on `SqliteStore`) and raw better-sqlite3, `synchronous = NORMAL`, each run on a
 * fresh file, sides alternating, the best of `--runs` runs of `--count` commands over `--streams`
 * streams, as (b) sends them (2,000 streams; at `--scale 0.1`, 2,000 commands).
 *
 *   npx tsc -b tsconfig.build.json && pnpm --filter @kemitraan/sqlite exec tsx bench/commandCpu.ts [--count 2000] [--streams 2000] [--runs 5] [--side library]
 *
 * `--side library` runs the library side alone (for `node --cpu-prof`). The last line is JSON.
 */
import { mkdtempSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { Effect } from "effect"
import * as Library from "./library.js"
import * as Raw from "./raw.js"
import * as Workload from "./workload.js"

const option = (name: string): string | undefined => {
  const index = process.argv.indexOf(`--${name}`)
  return index === -1 ? undefined : process.argv[index + 1]
}
const count = Number(option("count") ?? "2000")
const runs = Number(option("runs") ?? "5")
const side = option("side")
const dir = mkdtempSync(join(tmpdir(), "kemitraan-command-cpu-"))
let files = 0
const fresh = async (): Promise<string> => {
  const filename = join(dir, `bench-${++files}.db`)
  await Library.withStore(filename, "NORMAL", Effect.void)
  return filename
}

const streams = Number(option("streams") ?? "2000")
const commands = Workload.commands(count, streams)
const warmUp = Workload.commands(12_000, 2_000)

const library = async (work: ReadonlyArray<Workload.Count>) =>
  (await Library.withStore(await fresh(), "NORMAL", Library.timed(Library.runCommands(work)))).cpuMs

const raw = async (work: ReadonlyArray<Workload.Count>) => {
  const db = Raw.open(await fresh(), "NORMAL")
  try {
    const cpu = Library.cpuMillis()
    Raw.runCommands(db, work)
    return Library.cpuMillis() - cpu
  } finally {
    db.close()
  }
}

const micros = (ms: number) => Math.round((ms * 1000) / count)
try {
  await library(warmUp)
  if (side !== "library") await raw(warmUp)
  const libraryUs: Array<number> = []
  const rawUs: Array<number> = []
  for (let run = 0; run < runs; run++) {
    libraryUs.push(micros(await library(commands)))
    if (side !== "library") rawUs.push(micros(await raw(commands)))
  }
  process.stdout.write(`library CPU µs a command: ${libraryUs.join(", ")}; raw: ${rawUs.join(", ")}\n`)
  const best = (xs: ReadonlyArray<number>) => (xs.length === 0 ? 0 : Math.min(...xs))
  process.stdout.write(
    `${JSON.stringify({ libraryCpuUs: best(libraryUs), rawCpuUs: best(rawUs), cpuRatio: Number((best(rawUs) / best(libraryUs)).toFixed(2)), count })}\n`
  )
} finally {
  rmSync(dir, { recursive: true, force: true })
}
