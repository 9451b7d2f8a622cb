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
 *     folded from about 1,000,000 stored domain events of 180,000 SMEs (`ProjectionRunner.run`),
 *     and rebuilt with a checkpoint every 100,000 events (`ProjectionRunner.rebuild`), beside raw
 *     iterate() + JSON.parse + the same `evolve`s, saving the state as JSON as often (target: at
 *     least 0.6 of raw, peak RSS under 300 MB).
 *
 * In (a) and (b) each side runs on its own fresh file; timings are the best of a few runs, raw and
 * library alternating, so that a busy machine disturbs both alike. In (c) each side runs in its own
 * process (`rebuild.ts`, compiled to JavaScript and run by plain `node`) on one file, after a pass
 * that brings the file into the page cache, so that each peak RSS is that side's own. Beside each wall-clock ratio, the ratio of CPU time spent
 * (`...Cpu`), which a machine busy with other work disturbs less.
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
const typeScriptSide = fileURLToPath(new URL("./rebuild.ts", import.meta.url))

/** How a side runs: plain `node` on the compiled script (the default), with V8 `flags`, or under this process's `tsx`. */
interface How {
  readonly flags?: ReadonlyArray<string> | undefined
  readonly underTsx?: boolean | undefined
}

/** Runs one side of (c) in a fresh process; `undefined` when it ran out of memory under a capped heap. */
const tryRunSide = (filename: string, side: string, commitEvery: number, how: How = {}) => {
  const script = how.underTsx === true ? [...process.execArgv, typeScriptSide] : [compiledSide]
  const argv = [...(how.flags ?? []), ...script, filename, side, String(commitEvery)]
  const child = spawnSync(process.execPath, argv, { encoding: "utf8" })
  if (how.flags !== undefined && child.stderr.includes("heap out of memory")) return undefined
  if (child.status !== 0) throw new Error(`(c) ${side} failed: ${child.stderr}`)
  return Schema.decodeUnknownSync(SideResult)(child.stdout.trim().split("\n").pop())
}

/** Runs one side of (c) in a fresh process. */
const runSide = (filename: string, side: string, commitEvery: number, how: How = {}) => {
  const result = tryRunSide(filename, side, commitEvery, how)
  if (result === undefined) throw new Error(`(c) ${side} ran out of memory`)
  return result
}

/**
 * V8 grows its old space lazily, well beyond the live heap, while a rebuild makes garbage fast;
 * capped near the live heap (the three read models of 200,000 SMEs), the peak RSS shows what the
 * rebuild really keeps alive.
 */
const cappedHeap = ["--max-old-space-size=256"]

/** (c): each side in its own process, after the fill. */
const rebuildStage = async () => {
  const smes = scaled(180_000)
  // Each checkpoint saves the whole state of 180,000 SMEs: every 10,000 events, the
  // checkpoints alone took minutes and over 1 GB on both sides, so a rebuild saves one every 100,000.
  const commitEvery = 100_000
  const filename = await freshDatabase("NORMAL")
  const fill = timeRaw(filename, "NORMAL", (db) => Raw.fill(db, programme(smes)))
  const count = fill.result
  log(`(c) filled ${count} domain events of ${smes} SMEs in ${Math.round(fill.ms)} ms`)
  // A first pass brings the file into the OS's page cache, so that no side pays for cold reads.
  runSide(filename, "raw-fold", commitEvery)
  const libraryFold = runSide(filename, "library-fold", commitEvery)
  const rawFold = runSide(filename, "raw-fold", commitEvery)
  const library = runSide(filename, "library-rebuild", commitEvery)
  const raw = runSide(filename, "raw-rebuild", commitEvery)
  if ([libraryFold, rawFold, library].some((side) => side.digest !== raw.digest)) {
    throw new Error("(c): the folds disagree")
  }
  const peakRssMb = Math.max(libraryFold.peakRssMb, library.peakRssMb)
  const capped = tryRunSide(filename, "library-rebuild", commitEvery, { flags: cappedHeap })
  const underTsx = runSide(filename, "library-rebuild", commitEvery, { underTsx: true })
  if ((capped !== undefined && capped.digest !== raw.digest) || underTsx.digest !== raw.digest) {
    throw new Error("(c): the capped rebuild or the one under tsx disagrees")
  }
  log(
    `(c) fold of ${count}: library ${perSecond(count, libraryFold.ms)} events/s, raw ${perSecond(count, rawFold.ms)} events/s (CPU ratio ${round(rawFold.cpuMs / libraryFold.cpuMs)})`
  )
  log(
    `(c) rebuild of ${count}, a checkpoint every ${commitEvery}: library ${perSecond(count, library.ms)} events/s, raw ${perSecond(count, raw.ms)} events/s (CPU ratio ${round(raw.cpuMs / library.cpuMs)})`
  )
  log(
    `(c) peak RSS of the library's processes: ${peakRssMb} MB (raw's: ${Math.max(rawFold.peakRssMb, raw.peakRssMb)} MB; a process that has only loaded the code: ${runSide(filename, "none", commitEvery).peakRssMb} MB)`
  )
  log(
    `(c) the library's rebuild with ${cappedHeap.join(" ")}: ${capped === undefined ? "out of memory" : `peak RSS ${capped.peakRssMb} MB, ${perSecond(count, capped.ms)} events/s`}; under tsx: peak RSS ${underTsx.peakRssMb} MB (a process that has only loaded the code under tsx: ${runSide(filename, "none", commitEvery, { underTsx: true }).peakRssMb} MB)`
  )
  return {
    foldVsRaw: round(rawFold.ms / libraryFold.ms),
    foldVsRawCpu: round(rawFold.cpuMs / libraryFold.cpuMs),
    foldEventsPerSecond: perSecond(count, libraryFold.ms),
    rawFoldEventsPerSecond: perSecond(count, rawFold.ms),
    rebuildVsRaw: round(raw.ms / library.ms),
    rebuildVsRawCpu: round(raw.cpuMs / library.cpuMs),
    rebuildEventsPerSecond: perSecond(count, library.ms),
    rawRebuildEventsPerSecond: perSecond(count, raw.ms),
    rebuildPeakRssMb: peakRssMb,
    rebuildPeakRssMbCappedHeap: capped?.peakRssMb ?? null,
    rebuildPeakRssMbUnderTsx: underTsx.peakRssMb
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
      `targets: (a) ${verdict(figures.appendBatchVsRaw >= 0.7)} (>= 0.7), (c) fold ${verdict(figures.foldVsRaw >= 0.6)} and rebuild ${verdict(figures.rebuildVsRaw >= 0.6)} (>= 0.6), RSS ${verdict(figures.rebuildPeakRssMb < 300)} (< 300 MB)`
    )
    log(JSON.stringify(figures))
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

await main()
