/**
 * The baseline: the same work on the same schema with raw better-sqlite3 and prepared statements,
 * no Effect, no Schema. It validates nothing it reads: that is what the library pays for.
 */
import Database from "better-sqlite3"
import { randomUUID } from "node:crypto"
import type { Batch, BenchEvent, Count, Totals } from "./workload.js"
import { evolveTotals, initialTotals, metadata } from "./workload.js"

const insertSql =
  "INSERT INTO events (position, stream_id, stream_version, event_id, type, data, metadata, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"

/** A raw connection. */
export type Database = Database.Database

/** Opens a connection with the pragmas the library sets. */
export const open = (filename: string, synchronous: "FULL" | "NORMAL"): Database.Database => {
  const db = new Database(filename)
  db.pragma("journal_mode = WAL")
  db.pragma(`synchronous = ${synchronous}`)
  db.pragma("busy_timeout = 5000")
  return db
}

/** An append with the library's semantics: version check, positions after the head, one transaction. */
const makeAppend = (db: Database.Database) => {
  const head = db.prepare<[], number>("SELECT coalesce(max(position), 0) FROM events").pluck()
  const version = db
    .prepare<[string], number>("SELECT coalesce(max(stream_version), 0) FROM events WHERE stream_id = ?")
    .pluck()
  const insert = db.prepare(insertSql)
  return db.transaction(
    (streamId: string, expected: number, events: ReadonlyArray<{ eventId: string; type: string; data: unknown }>) => {
      const current = version.get(streamId) ?? 0
      if (current !== expected) throw new Error(`stream ${streamId} is at ${current}, expected ${expected}`)
      const position = head.get() ?? 0
      const metadataText = JSON.stringify(metadata)
      const recordedAt = new Date().toISOString()
      for (let i = 0; i < events.length; i++) {
        const event = events[i]!
        const data = JSON.stringify(event.data)
        insert.run(
          position + i + 1,
          streamId,
          current + i + 1,
          event.eventId,
          event.type,
          data,
          metadataText,
          recordedAt
        )
      }
      return current + events.length
    }
  )
}

/** (a): the batches, each in one `BEGIN IMMEDIATE` transaction. */
export const appendBatches = (db: Database.Database, batches: ReadonlyArray<Batch>): void => {
  const append = makeAppend(db)
  const versions = new Map<string, number>()
  for (const batch of batches) {
    versions.set(batch.streamId, append.immediate(batch.streamId, versions.get(batch.streamId) ?? 0, batch.events))
  }
}

/** (b)'s baseline: per command, read the version and insert one event in one transaction. */
export const runCommands = (db: Database.Database, commands: ReadonlyArray<Count>): void => {
  const append = makeAppend(db)
  const version = db
    .prepare<[string], number>("SELECT coalesce(max(stream_version), 0) FROM events WHERE stream_id = ?")
    .pluck()
  for (const command of commands) {
    const data = { _tag: "Counted", n: command.n }
    const current = version.get(command.streamId) ?? 0
    append.immediate(command.streamId, current, [{ eventId: randomUUID(), type: "Counted", data }])
  }
}

interface Row {
  readonly position: number
  readonly stream_id: string
  readonly data: string
}

/**
 * (c)'s baseline: iterate the log, `JSON.parse` each event, fold. With a `writer`, save the state
 * as JSON every `commitEvery` events and at the end, as the library's checkpoints do.
 */
export const rebuild = (
  db: Database.Database,
  checkpoints?: { readonly writer: Database.Database; readonly commitEvery: number } | undefined
): Totals => {
  const rows = db.prepare<[], Row>("SELECT position, stream_id, data FROM events ORDER BY position")
  // A second connection: better-sqlite3 lets no statement run beside an open iterator.
  const save = checkpoints?.writer.prepare(
    `INSERT INTO checkpoints (name, version, position, state, updated_at) VALUES ('raw', 1, ?, ?, ?)
     ON CONFLICT (name) DO UPDATE SET position = excluded.position, state = excluded.state, updated_at = excluded.updated_at`
  )
  const commitEvery = checkpoints?.commitEvery ?? Number.POSITIVE_INFINITY
  let state = initialTotals()
  let folded = 0
  let position = 0
  for (const row of rows.iterate()) {
    // Unchecked, as raw code is: JSON.parse answers `any`.
    const event: BenchEvent = JSON.parse(row.data)
    state = evolveTotals(state, row.stream_id, event)
    position = row.position
    if (++folded % commitEvery === 0) save?.run(position, JSON.stringify(state), new Date().toISOString())
  }
  save?.run(position, JSON.stringify(state), new Date().toISOString())
  return state
}

/** The metadata of the `append`-th append of the fill: one per ten events, as commands write them. */
const fillMetadata = (append: number): string =>
  JSON.stringify({
    occurredAt: new Date(Date.UTC(2022, 10, 24) + append * 1000).toISOString(),
    correlationId: `c${append}`
  })

/** Fills the log of (c) quickly: `count` events over `streams` streams, ten to an append. */
export const fill = (
  db: Database.Database,
  count: number,
  streams: number,
  encoded: (i: number) => { readonly type: string; readonly data: unknown }
): void => {
  const insert = db.prepare(insertSql)
  const chunk = db.transaction((from: number, to: number) => {
    for (let i = from; i < to; i++) {
      const event = encoded(i)
      const stream = i % streams
      const version = Math.floor(i / streams) + 1
      const metadataText = fillMetadata(Math.floor(i / 10))
      insert.run(i + 1, `Fill-${stream}`, version, `f${i}`, event.type, JSON.stringify(event.data), metadataText, "")
    }
  })
  for (let from = 0; from < count; from += 50_000) chunk(from, Math.min(count, from + 50_000))
}
