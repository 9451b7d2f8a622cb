/**
 * One side of (c), run by `index.ts` in a fresh process so that its peak RSS is its own and no
 * earlier stage's garbage weighs on it. Prints one JSON line: wall and CPU milliseconds, the
 * process's peak RSS, and a digest of the read models' rows (both sides must agree).
 *
 * Usage: rebuild.ts <file> <library-fold | library-rebuild | library-tables | raw-fold | raw-rebuild | none> <commitEvery>
 * (`none` loads the code and does nothing: the baseline RSS; `library-tables` rebuilds the store's
 * read-model tables with the runner's defaults and answers no state).
 */
import { createHash } from "node:crypto"
import * as Library from "./library.js"
import * as Raw from "./raw.js"
import * as Workload from "./workload.js"

const [filename = "", side = "", commitEveryText = "10000"] = process.argv.slice(2)
const commitEvery = Number(commitEveryText)

const raw = (withCheckpoints: boolean): Library.Timed<Workload.ReadModels | null> => {
  const db = Raw.open(filename, "NORMAL")
  const writer = withCheckpoints ? Raw.open(filename, "NORMAL") : undefined
  try {
    const cpu = Library.cpuMillis()
    const start = performance.now()
    const state = Raw.rebuild(db, writer === undefined ? undefined : { writer, commitEvery })
    return { ms: performance.now() - start, cpuMs: Library.cpuMillis() - cpu, result: state }
  } finally {
    writer?.close()
    db.close()
  }
}

const run = async (): Promise<Library.Timed<Workload.ReadModels | null>> => {
  switch (side) {
    case "library-fold":
      return Library.withStore(filename, "NORMAL", Library.timed(Library.folded()))
    case "library-rebuild":
      return Library.withStore(filename, "NORMAL", Library.timed(Library.rebuilt(commitEvery)))
    case "raw-fold":
      return raw(false)
    case "raw-rebuild":
      return raw(true)
    case "library-tables":
      return Library.withStore(filename, "NORMAL", Library.timed(Library.tablesRebuilt()))
    case "none":
      return { ms: 0, cpuMs: 0, result: null }
    default:
      throw new Error(`unknown side "${side}"`)
  }
}

const { cpuMs, ms, result } = await run()
// Read before the digest, whose rows are the check's own garbage, not the rebuild's.
const peakRssMb = Math.round(process.resourceUsage().maxRSS / 1024)
const rows = result === null ? null : Workload.rowsOf(result)
const digest = createHash("sha256").update(JSON.stringify(rows)).digest("hex")
process.stdout.write(`${JSON.stringify({ ms, cpuMs, peakRssMb, digest })}\n`)
