import Database from "better-sqlite3"
import type { Ack } from "./appenderProcess.js"

interface Row {
  readonly position: number
  readonly stream_id: string
  readonly stream_version: number
  readonly event_id: string
}

const isRow = (u: unknown): u is Row =>
  typeof u === "object" &&
  u !== null &&
  "position" in u &&
  typeof u.position === "number" &&
  "stream_id" in u &&
  typeof u.stream_id === "string" &&
  "stream_version" in u &&
  typeof u.stream_version === "number" &&
  "event_id" in u &&
  typeof u.event_id === "string"

/** An append as the log holds it: its events, found by the `<appendId>/<k>/<n>` ids. */
interface StoredAppend {
  readonly streamId: string
  readonly declared: number
  readonly versions: Array<number>
  readonly ks: Array<number>
}

const readRows = (filename: string): { readonly integrity: unknown; readonly rows: ReadonlyArray<Row> } => {
  const db = new Database(filename, { readonly: true })
  try {
    const integrity = db.pragma("integrity_check", { simple: true })
    const rows = db
      .prepare("SELECT position, stream_id, stream_version, event_id FROM events ORDER BY position")
      .all()
      .filter(isRow)
    return { integrity, rows }
  } finally {
    db.close()
  }
}

const groupAppends = (rows: ReadonlyArray<Row>): Map<string, StoredAppend> => {
  const appends = new Map<string, StoredAppend>()
  for (const row of rows) {
    const [appendId = "", k = "", n = ""] = row.event_id.split("/")
    let stored = appends.get(appendId)
    if (stored === undefined) {
      stored = { streamId: row.stream_id, declared: Number(n), versions: [], ks: [] }
      appends.set(appendId, stored)
    }
    stored.versions.push(row.stream_version)
    stored.ks.push(Number(k))
  }
  return appends
}

const consecutive = (numbers: ReadonlyArray<number>, first: number): boolean => numbers.every((n, i) => n === first + i)

/**
 * Checks a log written by appender processes and returns what is wrong with it (nothing, one hopes):
 * the file's integrity, contiguous positions and stream versions, whole appends, and every
 * acknowledged append present where it was acknowledged.
 */
export const checkLog = (
  filename: string,
  acks: ReadonlyArray<Ack>
): { readonly events: number; readonly appends: number; readonly problems: ReadonlyArray<string> } => {
  const { integrity, rows } = readRows(filename)
  const problems: Array<string> = []
  if (integrity !== "ok") problems.push(`integrity_check: ${String(integrity)}`)
  if (
    !consecutive(
      rows.map((row) => row.position),
      1
    )
  )
    problems.push("positions are not 1..n without gaps")
  const versions = new Map<string, Array<number>>()
  for (const row of rows) versions.set(row.stream_id, [...(versions.get(row.stream_id) ?? []), row.stream_version])
  for (const [streamId, list] of versions) {
    if (!consecutive(list, 1)) problems.push(`stream ${streamId}: versions are not 1..n in log order`)
  }
  const appends = groupAppends(rows)
  for (const [appendId, stored] of appends) {
    const whole = stored.ks.length === stored.declared && consecutive(stored.ks, 1)
    if (!whole || !consecutive(stored.versions, stored.versions[0] ?? 1)) {
      problems.push(`append ${appendId}: ${stored.ks.length} of ${stored.declared} events, or not consecutive`)
    }
  }
  for (const ack of acks) {
    const stored = appends.get(ack.appendId)
    const last = stored?.versions[stored.versions.length - 1]
    if (stored === undefined || stored.streamId !== ack.streamId || last !== ack.streamVersion) {
      problems.push(`acknowledged append ${ack.appendId} (${ack.streamId} v${ack.streamVersion}) is missing or moved`)
    }
  }
  return { events: rows.length, appends: appends.size, problems }
}
