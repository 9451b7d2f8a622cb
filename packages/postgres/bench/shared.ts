/** What `pnpm bench:pg` and its writer processes share: the events, raw `pg`'s statements, lanes of tasks, CPU clocks. */
import { readdir, readFile } from "node:fs/promises"

const metadata = { occurredAt: new Date("2022-11-24T09:00:00Z") }

/** `n` events of about 150 bytes of JSON each, with ids `<id>/<k>`. */
export const eventsOf = (id: string, n: number) =>
  Array.from({ length: n }, (_, k) => ({
    eventId: `${id}/${k}`,
    type: "Benched",
    data: { id, k, note: "x".repeat(80) },
    metadata
  }))

/** Raw `pg`'s table: a `bigserial` key, no stream versions, no ordering of commits. */
export const rawSetup = `CREATE TABLE IF NOT EXISTS raw_events (
  id bigserial PRIMARY KEY, stream_id text NOT NULL, event_id text NOT NULL UNIQUE, type text NOT NULL,
  data json NOT NULL, metadata json NOT NULL, recorded_at timestamptz NOT NULL)`

/** One multi-row INSERT of `rows` events of one stream. */
export const rawInsert = (rows: number) =>
  `INSERT INTO raw_events (stream_id, event_id, type, data, metadata, recorded_at) VALUES ${Array.from(
    { length: rows },
    (_, i) => `($1, $${i * 4 + 2}, $${i * 4 + 3}, $${i * 4 + 4}, $${i * 4 + 5}, now())`
  ).join(", ")}`

export const rawParams = (streamId: string, events: ReturnType<typeof eventsOf>) => [
  streamId,
  ...events.flatMap((e) => [e.eventId, e.type, JSON.stringify(e.data), JSON.stringify(e.metadata)])
]

/** Runs `count` tasks on `width` lanes; answers the seconds taken. */
export const lanes = async (count: number, width: number, task: (i: number) => Promise<void>): Promise<number> => {
  let next = 0
  const t0 = performance.now()
  await Promise.all(
    Array.from({ length: width }, async () => {
      while (next < count) await task(next++)
    })
  )
  return (performance.now() - t0) / 1000
}

/**
 * The CPU time (ns) each process of a server has used: the postmaster and its children, from
 * `/proc/<pid>/schedstat` (Linux; empty elsewhere).
 */
export const serverCpu = async (postmaster: number): Promise<Map<number, number>> => {
  const used = new Map<number, number>()
  const entries = await readdir("/proc").catch(() => [])
  await Promise.all(
    entries
      .filter((name) => /^\d+$/.test(name))
      .map(async (name) => {
        const pid = Number(name)
        const stat = await readFile(`/proc/${name}/stat`, "utf8").catch(() => "")
        // After the command name in parentheses: state, then the parent's pid.
        const parent = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1])
        if (pid !== postmaster && parent !== postmaster) return
        const schedstat = await readFile(`/proc/${name}/schedstat`, "utf8").catch(() => "")
        const ns = Number(schedstat.split(" ")[0])
        if (Number.isFinite(ns)) used.set(pid, ns)
      })
  )
  return used
}

/** The server's CPU seconds between two readings (processes that ended in between are not counted). */
export const cpuBetween = (before: Map<number, number>, after: Map<number, number>): number => {
  let ns = 0
  for (const [pid, now] of after) ns += now - (before.get(pid) ?? 0)
  return ns / 1e9
}
