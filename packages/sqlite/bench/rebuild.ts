/**
 * One side of (c), run by `index.ts` in a fresh process so that its peak RSS is its own and no
 * earlier stage's garbage weighs on it. Prints one JSON line: wall and CPU milliseconds, the
 * process's peak RSS, and the rows written.
 *
 * Usage: rebuild.ts <file> <library | raw | catch-up | none | fill SMES>
 * (`library`: `ReadModelRunner.rebuild` with `Library.rebuildOptions`, on a store opened with
 * `Library.readModelConnection`; `raw`: better-sqlite3 by hand;
 * `catch-up`: appends 1,000 corrections for five SMEs, then catches up, and also answers the rows
 * in the tables; `none` loads the library's code and does nothing: the baseline RSS; `fill`
 * writes the log of a programme of SMES SMEs with raw better-sqlite3, and answers its events as
 * the rows written: run in the bench's own process, the two fills left its heap at 315 and then
 * 519 MB used, which weighed on the stages timed after them).
 * The library's sides load what a user's rebuild loads: the raw side's module is imported by the
 * raw side alone.
 */
import * as Effect from "effect/Effect"
import * as Library from "./library.js"

const [filename = "", side = ""] = process.argv.slice(2)

interface Result {
  readonly rowsWritten: number
  readonly rowsTotal?: number | undefined
}

const raw = async (): Promise<Library.Timed<Result>> => {
  const Raw = await import("./raw.js")
  const db = Raw.open(filename, "NORMAL")
  const writer = Raw.open(filename, "NORMAL")
  try {
    const cpu = Library.cpuMillis()
    const start = performance.now()
    const rowsWritten = Raw.rebuildTables(db, writer)
    return { ms: performance.now() - start, cpuMs: Library.cpuMillis() - cpu, result: { rowsWritten } }
  } finally {
    writer.close()
    db.close()
  }
}

const fill = async (smes: number): Promise<Library.Timed<Result>> => {
  const [Raw, { programme }] = await Promise.all([import("./raw.js"), import("./programme.js")])
  const db = Raw.open(filename, "NORMAL")
  try {
    const cpu = Library.cpuMillis()
    const start = performance.now()
    const rowsWritten = Raw.fill(db, programme(smes))
    return { ms: performance.now() - start, cpuMs: Library.cpuMillis() - cpu, result: { rowsWritten } }
  } finally {
    db.close()
  }
}

/** The appends are not timed: what is measured is the catch-up. */
const catchUp = Effect.gen(function* () {
  yield* Library.appendCorrections(5, 1_000)
  const timed = yield* Library.timed(Library.caughtUp())
  const rowsTotal = yield* Library.rowsTotal()
  return { ...timed, result: { rowsWritten: timed.result.rowsWritten, rowsTotal } }
})

const run = async (): Promise<Library.Timed<Result>> => {
  switch (side) {
    case "library":
      return Library.withStore(
        filename,
        "NORMAL",
        Effect.map(Library.timed(Library.rebuilt()), (timed) => ({
          ...timed,
          result: { rowsWritten: timed.result.rowsWritten }
        })),
        Library.readModelConnection
      )
    case "raw":
      return raw()
    case "catch-up":
      return Library.withStore(filename, "NORMAL", catchUp, Library.readModelConnection)
    case "fill":
      return fill(Number(process.argv[4]))
    case "none":
      return { ms: 0, cpuMs: 0, result: { rowsWritten: 0 } }
    default:
      throw new Error(`unknown side "${side}"`)
  }
}

const { cpuMs, ms, result } = await run()
const peakRssMb = Math.round(process.resourceUsage().maxRSS / 1024)
process.stdout.write(`${JSON.stringify({ ms, cpuMs, peakRssMb, ...result })}\n`)
