/**
 * Writer processes (`fixtures/writer.ts`) for the tests, and a check of the log they leave: dense
 * positions, stream versions 1..n in log order, every append whole, every acknowledged append
 * where it was acknowledged.
 */
import { spawn } from "node:child_process"
import { fileURLToPath } from "node:url"
import pg from "pg"

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url))

export interface WriterArgs {
  readonly url: string
  readonly schema: string
  readonly prefix: string
  readonly appends: number
  readonly streams: number
  readonly maxEvents: number
  readonly seed: number
  readonly wait: boolean
}

/** What a writer printed and how it ended. */
export interface WriterRun {
  readonly lines: ReadonlyArray<string>
  readonly stderr: string
  readonly code: number | null
  readonly signal: NodeJS.Signals | null
}

export interface Writer {
  /** Resolves once the writer has opened the store. */
  readonly ready: Promise<void>
  /** Resolves at its first acknowledged append (or when it ends). */
  readonly acked: Promise<void>
  /** Starts a writer started with `wait`. */
  readonly go: () => void
  readonly kill: () => void
  readonly done: Promise<WriterRun>
}

export const startWriter = (args: WriterArgs): Writer => {
  const child = spawn(
    process.execPath,
    [
      "--import",
      new URL("../fixtures/preload.mjs", import.meta.url).href,
      "--import",
      "tsx",
      here("../fixtures/writer.ts"),
      JSON.stringify(args)
    ],
    {
      cwd: here("../.."),
      env: { ...process.env, TSX_TSCONFIG_PATH: here("../fixtures/tsconfig.fixtures.json") },
      stdio: ["pipe", "pipe", "pipe"]
    }
  )
  const lines: Array<string> = []
  let rest = ""
  let stderr = ""
  let markReady: () => void = () => undefined
  const ready = new Promise<void>((resolve) => (markReady = resolve))
  let markAcked: () => void = () => undefined
  const acked = new Promise<void>((resolve) => (markAcked = resolve))
  child.stdout.setEncoding("utf8").on("data", (chunk: string) => {
    const parts = (rest + chunk).split("\n")
    rest = parts.pop() ?? ""
    for (const line of parts) {
      lines.push(line)
      if (line === "ready") markReady()
      else if (line.startsWith("ack ")) markAcked()
    }
  })
  child.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk))
  const done = new Promise<WriterRun>((resolve, reject) => {
    child.on("error", reject)
    child.on("close", (code, signal) => {
      markReady()
      markAcked()
      // A line cut short by SIGKILL was never acknowledged: it stays in `rest`, dropped.
      resolve({ lines, stderr, code, signal })
    })
  })
  return { ready, acked, done, go: () => void child.stdin.end("go\n"), kill: () => void child.kill("SIGKILL") }
}

export interface Ack {
  readonly appendId: string
  readonly streamId: string
  readonly streamVersion: number
}

export const acksOf = (run: WriterRun): Array<Ack> =>
  run.lines
    .filter((line) => line.startsWith("ack "))
    .map((line) => {
      const [, appendId = "", streamId = "", version = ""] = line.split(" ")
      return { appendId, streamId, streamVersion: Number(version) }
    })

/** The tally a writer printed last, if it got that far. */
export const countsOf = (run: WriterRun): { acks: number; conflicts: number; busy: number } | undefined => {
  const line = run.lines.find((l) => l.startsWith("done "))
  if (line === undefined) return undefined
  const parsed: unknown = JSON.parse(line.slice(5))
  if (typeof parsed !== "object" || parsed === null) return undefined
  const { acks, conflicts, busy } = { acks: NaN, conflicts: NaN, busy: NaN, ...parsed }
  return { acks: Number(acks), conflicts: Number(conflicts), busy: Number(busy) }
}

/** Checks the log of a schema against the acknowledged appends; returns the problems found. */
export const checkLog = async (
  url: string,
  schema: string,
  acks: ReadonlyArray<Ack>
): Promise<{ readonly events: number; readonly problems: ReadonlyArray<string> }> => {
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  try {
    const result = await client.query<{
      position: string
      stream_id: string
      stream_version: number
      event_id: string
    }>(
      `SELECT e.position::text AS position, e.stream_id, e.stream_version, e.event_id FROM "${schema}".events e ORDER BY e.position`
    )
    const head = await client.query<{ position: string }>(`SELECT position::text FROM "${schema}".log_head`)
    const rows = result.rows
    const problems: Array<string> = []
    rows.forEach((row, i) => {
      if (Number(row.position) !== i + 1) problems.push(`position ${row.position} at row ${i + 1}: not dense`)
    })
    if (Number(head.rows[0]?.position ?? -1) !== rows.length) {
      problems.push(`log_head says ${head.rows[0]?.position}, the log holds ${rows.length}`)
    }
    const lastVersion = new Map<string, number>()
    const appends = new Map<string, { streamId: string; n: number; ks: Array<number>; last: number }>()
    for (const row of rows) {
      const expected = (lastVersion.get(row.stream_id) ?? 0) + 1
      if (row.stream_version !== expected)
        problems.push(`${row.stream_id} v${row.stream_version}: expected v${expected}`)
      lastVersion.set(row.stream_id, row.stream_version)
      const [appendId = "", k = "", n = ""] = row.event_id.split("/")
      const stored = appends.get(appendId) ?? { streamId: row.stream_id, n: Number(n), ks: [], last: 0 }
      stored.ks.push(Number(k))
      stored.last = row.stream_version
      appends.set(appendId, stored)
    }
    for (const [appendId, stored] of appends) {
      if (stored.ks.length !== stored.n || stored.ks.some((k, i) => k !== i + 1)) {
        problems.push(`append ${appendId}: ${stored.ks.length} of ${stored.n} events, or out of order`)
      }
    }
    for (const ack of acks) {
      const stored = appends.get(ack.appendId)
      if (stored === undefined || stored.streamId !== ack.streamId || stored.last !== ack.streamVersion) {
        problems.push(`acknowledged append ${ack.appendId} (${ack.streamId} v${ack.streamVersion}) is missing or moved`)
      }
    }
    return { events: rows.length, problems }
  } finally {
    await client.end()
  }
}
