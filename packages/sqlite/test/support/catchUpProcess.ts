import { spawn } from "node:child_process"
import { fileURLToPath } from "node:url"

const fixture = fileURLToPath(new URL("../fixtures/readModelCatchUp.ts", import.meta.url))
const preload = new URL("../fixtures/preload.mjs", import.meta.url).href
const tsconfig = fileURLToPath(new URL("../fixtures/tsconfig.fixtures.json", import.meta.url))
const packageDir = fileURLToPath(new URL("../..", import.meta.url))

/** The arguments of `fixtures/readModelCatchUp.ts`. */
export interface CatchUpArgs {
  readonly filename: string
  readonly pageSize: number
  readonly commitEvery: number
  readonly cacheRows: number
}

/** How a catch-up process ended, and what it printed. */
export interface CatchUpRun {
  readonly lines: ReadonlyArray<string>
  readonly stderr: string
  readonly signal: NodeJS.Signals | null
}

/** A catch-up process: `ready` resolves once it has opened the store; `go` starts its catch-up. */
export interface CatchUpProcess {
  readonly ready: Promise<void>
  readonly go: () => void
  readonly kill: () => void
  readonly done: Promise<CatchUpRun>
}

/** Starts `fixtures/readModelCatchUp.ts` in its own Node process, on the kernel's sources through tsx. */
export const startCatchUp = (args: CatchUpArgs): CatchUpProcess => {
  const argv = [args.filename, args.pageSize, args.commitEvery, args.cacheRows].map(String)
  const child = spawn(process.execPath, ["--import", preload, "--import", "tsx", fixture, ...argv], {
    cwd: packageDir,
    env: { ...process.env, TSX_TSCONFIG_PATH: tsconfig },
    stdio: ["pipe", "pipe", "pipe"]
  })
  let stdout = ""
  let stderr = ""
  let onReady: () => void = () => undefined
  const ready = new Promise<void>((resolve) => (onReady = resolve))
  child.stdout.setEncoding("utf8").on("data", (chunk: string) => {
    stdout += chunk
    if (stdout.includes("ready\n")) onReady()
  })
  child.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk))
  const done = new Promise<CatchUpRun>((resolve, reject) => {
    child.on("error", reject)
    child.on("close", (_, signal) => {
      onReady()
      resolve({ lines: stdout.split("\n").filter((line) => line !== ""), stderr, signal })
    })
  })
  return { ready, done, go: () => void child.stdin.end("go\n"), kill: () => void child.kill("SIGKILL") }
}
