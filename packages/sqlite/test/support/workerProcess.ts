import { spawn } from "node:child_process"
import { fileURLToPath } from "node:url"

const fixture = fileURLToPath(new URL("../fixtures/projectionWorker.ts", import.meta.url))
const preload = new URL("../fixtures/preload.mjs", import.meta.url).href
const tsconfig = fileURLToPath(new URL("../fixtures/tsconfig.fixtures.json", import.meta.url))
const packageDir = fileURLToPath(new URL("../..", import.meta.url))

/** How a worker process ended, and what it printed. */
export interface WorkerRun {
  readonly lines: ReadonlyArray<string>
  readonly stderr: string
  readonly signal: NodeJS.Signals | null
}

/** A projection-worker process: `ready` resolves once it has opened the store. */
export interface WorkerProcess {
  readonly owner: string
  readonly ready: Promise<void>
  readonly signal: (signal: NodeJS.Signals) => void
  readonly done: Promise<WorkerRun>
}

/** Starts `fixtures/projectionWorker.ts` in its own Node process, on the kernel's sources through tsx. */
export const startWorker = (filename: string, owner: string, leaseMillis: number): WorkerProcess => {
  const child = spawn(
    process.execPath,
    ["--import", preload, "--import", "tsx", fixture, filename, owner, String(leaseMillis)],
    { cwd: packageDir, env: { ...process.env, TSX_TSCONFIG_PATH: tsconfig }, stdio: ["ignore", "pipe", "pipe"] }
  )
  let stdout = ""
  let stderr = ""
  let onReady: () => void = () => undefined
  const ready = new Promise<void>((resolve) => (onReady = resolve))
  child.stdout.setEncoding("utf8").on("data", (chunk: string) => {
    stdout += chunk
    if (stdout.includes("ready\n")) onReady()
  })
  child.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk))
  const done = new Promise<WorkerRun>((resolve, reject) => {
    child.on("error", reject)
    child.on("close", (_, signal) => {
      onReady()
      resolve({ lines: stdout.split("\n").filter((line) => line !== ""), stderr, signal })
    })
  })
  return { owner, ready, done, signal: (signal) => void child.kill(signal) }
}
