import { type ChildProcess, type ChildProcessWithoutNullStreams, spawn } from "node:child_process"
import { fileURLToPath } from "node:url"

const preload = new URL("../fixtures/preload.mjs", import.meta.url).href
const tsconfig = fileURLToPath(new URL("../fixtures/tsconfig.fixtures.json", import.meta.url))
const packageDir = fileURLToPath(new URL("../..", import.meta.url))

/** Starts `fixtures/<name>` in its own Node process, on the kernel's sources through tsx. */
export const spawnFixture = (name: string, argv: ReadonlyArray<string>): ChildProcessWithoutNullStreams =>
  spawn(
    process.execPath,
    ["--import", preload, "--import", "tsx", fileURLToPath(new URL(`../fixtures/${name}`, import.meta.url)), ...argv],
    { cwd: packageDir, env: { ...process.env, TSX_TSCONFIG_PATH: tsconfig }, stdio: ["pipe", "pipe", "pipe"] }
  )

/** How a fixture process ended, and what it printed. */
export interface FixtureRun {
  readonly lines: ReadonlyArray<string>
  readonly stderr: string
  readonly signal: NodeJS.Signals | null
}

/** Its output, `ready` once it printed the line `ready`, and `done` when it ended. */
export const watchFixture = (
  child: ChildProcessWithoutNullStreams
): { readonly ready: Promise<void>; readonly done: Promise<FixtureRun> } => {
  let stdout = ""
  let stderr = ""
  let onReady: () => void = () => undefined
  const ready = new Promise<void>((resolve) => (onReady = resolve))
  child.stdout.setEncoding("utf8").on("data", (chunk: string) => {
    stdout += chunk
    if (stdout.includes("ready\n")) onReady()
  })
  child.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk))
  const done = new Promise<FixtureRun>((resolve, reject) => {
    child.on("error", reject)
    child.on("close", (_, signal) => {
      onReady()
      resolve({ lines: stdout.split("\n").filter((line) => line !== ""), stderr, signal })
    })
  })
  return { ready, done }
}

/**
 * Stops a process and has `sleep` and `kill` resume it after `millis`, outside this process: a
 * statement here may block this thread on a lock the stopped process holds. Resolves once it runs.
 */
export const pauseFor = (child: ChildProcess, millis: number): Promise<void> => {
  child.kill("SIGSTOP")
  const resume = spawn("sh", ["-c", `sleep ${millis / 1000}; kill -CONT ${child.pid}`], { stdio: "ignore" })
  return new Promise((resolve) => resume.on("close", () => resolve()))
}
