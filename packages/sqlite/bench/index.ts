/**
 * The SQLite store beside raw better-sqlite3 doing the same work with prepared statements, on WAL
 * files in a temporary directory, in one run:
 *
 * (a) 100,000 events appended as 1,000 appends of 100 events (target: at least 0.7 of raw), with
 *     `synchronous = NORMAL` (what the library itself costs) and with the default `FULL` (what a
 *     user gets: the disk's sync then weighs on both sides alike);
 * (b) 20,000 single-event commands through the kernel's CommandHandler (load, decide, append)
 *     beside raw "read the version, insert" transactions, with `NORMAL` (reported);
 * (c) the domain's three read models (ForumSummary, ClassAdvancement, SupplyChain, in one pass)
 *     rebuilt from about 1,000,000 stored domain events of 93,600 SMEs: replayed from position 0
 *     (`ProjectionRunner.run`, the fold a rebuild does) beside raw iterate() + JSON.parse + the
 *     same `evolve`s (target: at least 0.6 of raw, peak RSS under 300 MB); and, reported beside it,
 *     `ProjectionRunner.rebuild` saving the whole state once at the end, beside raw saving the
 *     JSON of its state, and the store's read-model tables rebuilt as a user would
 *     (`SqliteReadModels.rebuildAll` with the defaults; no raw counterpart).
 *
 * In (a) and (b) each side runs on its own fresh file; timings are the best of a few runs, raw and
 * library alternating, so that a busy machine disturbs both alike. In (c) each side runs in its own
 * process (`rebuild.ts`, compiled to JavaScript and run by plain `node`) on one file, after a pass
 * that brings the file into the page cache, so that each peak RSS is that side's own. Beside each
 * wall-clock ratio, the ratio of CPU time spent (`...Cpu`), which a busy machine disturbs less.
 *
 * Usage (the bench runs the built packages, from the repository root):
 *   npx tsc -b tsconfig.build.json && pnpm --filter @kemitraan/sqlite bench [--scale 0.1]
 * The last line of output is one JSON object with the figures.
 */
import { mkdtempSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { Effect, Schema } from "effect"
import { spawnSync } from "node:child_process"
import { fileURLToPath } from "node:url"
import * as Library from "./library.js"
import * as Raw from "./raw.js"
import { compileSides } from "./compile.js"
import { programme } from "./programme.js"
import * as Workload from "./workload.js"

type Synchronous = "FULL" | "NORMAL"

const option = (name: string): string | undefined => {
  const index = process.argv.indexOf(`--${name}`)
  return index === -1 ? undefined : process.argv[index + 1]
}
const scale = Number(option("scale") ?? "1")
const scaled = (n: number) => Math.max(1, Math.round(n * scale))

const dir = mkdtempSync(join(tmpdir(), "kemitraan-bench-"))
let files = 0
/** A new database file with the store's schema, made by opening it through the library once. */
const freshDatabase = async (synchronous: Synchronous): Promise<string> => {
  const filename = join(dir, `bench-${++files}.db`)
  await Library.withStore(filename, synchronous, Effect.void)
  return filename
}

const timeRaw = <A>(filename: string, synchronous: Synchronous, run: (db: Raw.Database) => A): Library.Timed<A> => {
  const db = Raw.open(filename, synchronous)
  try {
    const cpu = Library.cpuMillis()
    const start = performance.now()
    const result = run(db)
    return { ms: performance.now() - start, cpuMs: Library.cpuMillis() - cpu, result }
  } finally {
    db.close()
  }
}

const timeLibrary = <A, E>(filename: string, synchronous: Synchronous, effect: Effect.Effect<A, E, Library.Stores>) =>
  Library.withStore(filename, synchronous, Library.timed(effect))

interface Best {
  readonly rawMs: number
  readonly libraryMs: number
  readonly rawCpuMs: number
  readonly libraryCpuMs: number
}

/** Best (lowest) wall and CPU times of `runs` alternating runs of both sides, each on a fresh file. */
const bestOf = async (
  runs: number,
  synchronous: Synchronous,
  raw: (db: Raw.Database) => void,
  library: Effect.Effect<void, unknown, Library.Stores>
): Promise<Best> => {
  let best: Best = {
    rawMs: Number.POSITIVE_INFINITY,
    libraryMs: Number.POSITIVE_INFINITY,
    rawCpuMs: Number.POSITIVE_INFINITY,
    libraryCpuMs: Number.POSITIVE_INFINITY
  }
  for (let run = 0; run < runs; run++) {
    const r = timeRaw(await freshDatabase(synchronous), synchronous, raw)
    const l = await timeLibrary(await freshDatabase(synchronous), synchronous, library)
    best = {
      rawMs: Math.min(best.rawMs, r.ms),
      libraryMs: Math.min(best.libraryMs, l.ms),
      rawCpuMs: Math.min(best.rawCpuMs, r.cpuMs),
      libraryCpuMs: Math.min(best.libraryCpuMs, l.cpuMs)
    }
  }
  return best
}

const round = (n: number) => Number(n.toFixed(2))
const perSecond = (count: number, ms: number) => Math.round((count * 1000) / ms)
const log = (line: string) => process.stdout.write(`${line}\n`)

/** What `rebuild.ts` prints. */
const SideResult = Schema.parseJson(
  Schema.Struct({ ms: Schema.Number, cpuMs: Schema.Number, peakRssMb: Schema.Number, digest: Schema.String })
)

/** The sides of (c) as JavaScript, so that the measured processes carry no TypeScript loader. */
const compiledSide = compileSides(fileURLToPath(new URL("../build/bench-node", import.meta.url)))

/** Runs one side of (c) in a fresh process, compiled to JavaScript, under plain `node`. */
const runSide = (filename: string, side: string, commitEvery: number) => {
  const child = spawnSync(process.execPath, [compiledSide, filename, side, String(commitEvery)], { encoding: "utf8" })
  if (child.status !== 0) throw new Error(`(c) ${side} failed: ${child.stderr}`)
  return Schema.decodeUnknownSync(SideResult)(child.stdout.trim().split("\n").pop())
}

type Side = typeof SideResult.Type

/** The side with the lower wall-clock time. */
const faster = (a: Side, b: Side): Side => (a.ms <= b.ms ? a : b)

/** (c): each side in its own process, after the fill. */
const rebuildStage = async () => {
  const smes = scaled(93_600)
  const filename = await freshDatabase("NORMAL")
  const fill = timeRaw(filename, "NORMAL", (db) => Raw.fill(db, programme(smes)))
  const count = fill.result
  log(`(c) filled ${count} domain events of ${smes} SMEs in ${Math.round(fill.ms)} ms`)
  // The rebuild saves its checkpoint once, at the end, as a rebuild of the whole log would.
  const once = count + 1
  // A first pass brings the file into the OS's page cache, so that no side pays for cold reads.
  runSide(filename, "raw-fold", once)
  // The replay, three times each side, alternating; a busy machine then slows both alike, and the
  // fastest run of each counts.
  const folds = [0, 1, 2].map(() => ({
    library: runSide(filename, "library-fold", once),
    raw: runSide(filename, "raw-fold", once)
  }))
  const libraryFold = folds.map((run) => run.library).reduce(faster)
  const rawFold = folds.map((run) => run.raw).reduce(faster)
  const library = runSide(filename, "library-rebuild", once)
  const raw = runSide(filename, "raw-rebuild", once)
  const sides = [...folds.flatMap((run) => [run.library, run.raw]), library]
  if (sides.some((side) => side.digest !== raw.digest)) throw new Error("(c): the folds disagree")
  const tables = runSide(filename, "library-tables", once)
  const foldPeakRssMb = Math.max(...folds.map((run) => run.library.peakRssMb))
  const rawFoldPeakRssMb = Math.max(...folds.map((run) => run.raw.peakRssMb))
  const loadedRssMb = runSide(filename, "none", once).peakRssMb
  log(
    `(c) rebuild (replay from position 0) of ${count}: library ${perSecond(count, libraryFold.ms)} events/s, raw ${perSecond(count, rawFold.ms)} events/s (CPU ratio ${round(rawFold.cpuMs / libraryFold.cpuMs)}); peak RSS ${foldPeakRssMb} MB (raw ${rawFoldPeakRssMb} MB; a process that has only loaded the code: ${loadedRssMb} MB)`
  )
  log(
    `(c) rebuild saving the whole state once at the end: library ${perSecond(count, library.ms)} events/s, raw ${perSecond(count, raw.ms)} events/s; peak RSS ${library.peakRssMb} MB (raw ${raw.peakRssMb} MB)`
  )
  log(
    `(c) SqliteReadModels.rebuildAll with the defaults (three passes, tables and state at every commit): ${round(tables.ms / 1000)} s, peak RSS ${tables.peakRssMb} MB`
  )
  return {
    rebuildVsRaw: round(rawFold.ms / libraryFold.ms),
    rebuildVsRawCpu: round(rawFold.cpuMs / libraryFold.cpuMs),
    rebuildEventsPerSecond: perSecond(count, libraryFold.ms),
    rawRebuildEventsPerSecond: perSecond(count, rawFold.ms),
    rebuildPeakRssMb: foldPeakRssMb,
    rawRebuildPeakRssMb: rawFoldPeakRssMb,
    loadedCodePeakRssMb: loadedRssMb,
    checkpointedRebuildVsRaw: round(raw.ms / library.ms),
    checkpointedRebuildPeakRssMb: library.peakRssMb,
    rawCheckpointedRebuildPeakRssMb: raw.peakRssMb,
    tablesRebuildSeconds: round(tables.ms / 1000),
    tablesRebuildPeakRssMb: tables.peakRssMb,
    events: count
  }
}

const appendStage = async (synchronous: Synchronous, runs: number) => {
  const appends = scaled(1_000)
  const size = 100
  const warmUp = Workload.batches(50, size, 10)
  await bestOf(1, synchronous, (db) => Raw.appendBatches(db, warmUp), Library.appendBatches(warmUp))
  const batches = Workload.batches(appends, size, 100)
  const best = await bestOf(runs, synchronous, (db) => Raw.appendBatches(db, batches), Library.appendBatches(batches))
  const events = appends * size
  log(
    `(a) ${appends} appends of ${size}, synchronous ${synchronous}: library ${perSecond(events, best.libraryMs)} events/s, raw ${perSecond(events, best.rawMs)} events/s (CPU ratio ${round(best.rawCpuMs / best.libraryCpuMs)})`
  )
  return {
    ratio: round(best.rawMs / best.libraryMs),
    cpuRatio: round(best.rawCpuMs / best.libraryCpuMs),
    library: perSecond(events, best.libraryMs),
    raw: perSecond(events, best.rawMs)
  }
}

const commandStage = async () => {
  const count = scaled(20_000)
  const commands = Workload.commands(count, 2_000)
  const warmUp = Workload.commands(500, 50)
  await bestOf(1, "NORMAL", (db) => Raw.runCommands(db, warmUp), Library.runCommands(warmUp))
  const { libraryMs, rawMs } = await bestOf(
    2,
    "NORMAL",
    (db) => Raw.runCommands(db, commands),
    Library.runCommands(commands)
  )
  log(
    `(b) ${count} commands, synchronous NORMAL: library ${perSecond(count, libraryMs)}/s, raw ${perSecond(count, rawMs)}/s`
  )
  return {
    commandVsRaw: round(rawMs / libraryMs),
    commandsPerSecond: perSecond(count, libraryMs),
    rawCommandsPerSecond: perSecond(count, rawMs)
  }
}

const verdict = (met: boolean) => (met ? "met" : "MISSED")

const main = async () => {
  log(`SQLite store vs raw better-sqlite3 on WAL files, scale ${scale}`)
  try {
    const rebuild = await rebuildStage()
    const normal = await appendStage("NORMAL", 3)
    const full = await appendStage("FULL", 2)
    const command = await commandStage()
    const figures = {
      appendBatchVsRaw: normal.ratio,
      appendBatchVsRawCpu: normal.cpuRatio,
      appendBatchEventsPerSecond: normal.library,
      rawAppendBatchEventsPerSecond: normal.raw,
      appendBatchVsRawFull: full.ratio,
      appendBatchEventsPerSecondFull: full.library,
      rawAppendBatchEventsPerSecondFull: full.raw,
      ...command,
      ...rebuild,
      scale
    }
    log(
      `targets: (a) ${verdict(figures.appendBatchVsRaw >= 0.7)} (>= 0.7), (c) ${verdict(figures.rebuildVsRaw >= 0.6)} (>= 0.6) with peak RSS ${verdict(figures.rebuildPeakRssMb < 300)} (< 300 MB)`
    )
    log(JSON.stringify(figures))
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

await main()
