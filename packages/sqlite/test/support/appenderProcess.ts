import { spawn } from "node:child_process"
import { fileURLToPath } from "node:url"

const fixture = fileURLToPath(new URL("../fixtures/appender.ts", import.meta.url))
const preload = new URL("../fixtures/preload.mjs", import.meta.url).href
const tsconfig = fileURLToPath(new URL("../fixtures/tsconfig.fixtures.json", import.meta.url))
const packageDir = fileURLToPath(new URL("../..", import.meta.url))

/** What one appender process printed and how it ended. */
export interface AppenderRun {
  readonly lines: ReadonlyArray<string>
  readonly stderr: string
  readonly code: number | null
  readonly signal: NodeJS.Signals | null
}

/** The arguments of `fixtures/appender.ts`. */
export interface AppenderArgs {
  readonly filename: string
  readonly prefix: string
  readonly appends: number
  readonly streams: number
  readonly maxEventsPerAppend: number
  readonly seed: number
}

/** A running appender: `ready` resolves once it has opened the store, `go` starts a waiting one. */
export interface Appender {
  readonly ready: Promise<void>
  readonly go: () => void
  readonly kill: () => void
  readonly done: Promise<AppenderRun>
}

/** Starts `fixtures/appender.ts` in its own Node process, on the kernel's sources through tsx. */
export const startAppender = (args: AppenderArgs, options?: { readonly wait?: boolean | undefined }): Appender => {
  const argv = [args.filename, args.prefix, args.appends, args.streams, args.maxEventsPerAppend, args.seed].map(String)
  const child = spawn(
    process.execPath,
    ["--import", preload, "--import", "tsx", fixture, ...argv, ...(options?.wait ? ["wait"] : [])],
    {
      cwd: packageDir,
      env: { ...process.env, TSX_TSCONFIG_PATH: tsconfig },
      stdio: ["pipe", "pipe", "pipe"]
    }
  )
  const lines: Array<string> = []
  let partial = ""
  let stderr = ""
  let onReady: () => void = () => undefined
  const ready = new Promise<void>((resolve) => (onReady = resolve))
  child.stdout.setEncoding("utf8").on("data", (chunk: string) => {
    const parts = (partial + chunk).split("\n")
    partial = parts.pop() ?? ""
    for (const line of parts) {
      lines.push(line)
      if (line === "ready") onReady()
    }
  })
  child.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk))
  const done = new Promise<AppenderRun>((resolve, reject) => {
    child.on("error", reject)
    child.on("close", (code, signal) => {
      onReady()
      // A line cut by SIGKILL was never acknowledged; it is dropped with `partial`.
      resolve({ lines, stderr, code, signal })
    })
  })
  return {
    ready,
    done,
    go: () => void child.stdin.end("go\n"),
    kill: () => void child.kill("SIGKILL")
  }
}

/** An acknowledged append, as an appender printed it. */
export interface Ack {
  readonly appendId: string
  readonly streamId: string
  readonly streamVersion: number
  readonly events: number
}

/** The `ack` lines of a run. */
export const acksOf = (run: AppenderRun): Array<Ack> =>
  run.lines
    .filter((line) => line.startsWith("ack "))
    .map((line) => {
      const [, appendId = "", streamId = "", version = "", events = ""] = line.split(" ")
      return { appendId, streamId, streamVersion: Number(version), events: Number(events) }
    })
