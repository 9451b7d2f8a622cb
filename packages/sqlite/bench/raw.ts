/**
 * The baseline: the same work on the same schema with raw better-sqlite3 and prepared statements,
 * no Effect, no Schema. It validates nothing it reads: that is what the library pays for.
 */
import Database from "better-sqlite3"
import { randomUUID } from "node:crypto"
import type { KemitraanEvent } from "@kemitraan/core"
import type { RecordedEvent } from "@kemitraan/eventsourcing"
import type { Entry } from "./programme.js"
import type { Batch, Count, ReadModels } from "./workload.js"
import { evolveReadModels, initialReadModels, metadata } from "./workload.js"

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
  readonly stream_version: number
  readonly type: string
  readonly data: string
}

/** The one metadata raw gives its events: the fold does not read it, so raw does not parse it. */
const rawMetadata: RecordedEvent.EventMetadata = { occurredAt: new Date(0) }

/** A row as the fold takes it, unchecked, as raw code is (`JSON.parse` answers `any`). */
const recordedOf = (row: Row): RecordedEvent.RecordedEvent<KemitraanEvent.KemitraanEvent> => {
  const event = JSON.parse(row.data)
  // The only instant the folds read (the year of formalisation): revived as the schema would.
  if (row.type === "ParticipantFormalised") event.at = new Date(event.at)
  return {
    eventId: "",
    streamId: row.stream_id,
    streamVersion: row.stream_version,
    position: row.position,
    type: row.type,
    event,
    metadata: rawMetadata
  }
}

/** JSON of a state with maps and sets, as plain code would write it (no schema). */
const stateJson = (state: ReadModels): string =>
  JSON.stringify(state, (_, value: unknown) =>
    value instanceof Map ? [...value] : value instanceof Set ? [...value] : value
  )

/**
 * (c)'s baseline: iterate the log, `JSON.parse` each event, fold. With a `writer`, save the state
 * as JSON every `commitEvery` events and at the end, as the library's checkpoints do.
 */
export const rebuild = (
  db: Database.Database,
  checkpoints?: { readonly writer: Database.Database; readonly commitEvery: number } | undefined
): ReadModels => {
  const rows = db.prepare<[], Row>(
    "SELECT position, stream_id, stream_version, type, data FROM events ORDER BY position"
  )
  // A second connection: better-sqlite3 lets no statement run beside an open iterator.
  const save = checkpoints?.writer.prepare(
    `INSERT INTO checkpoints (name, version, position, state, updated_at) VALUES ('raw', 1, ?, ?, ?)
     ON CONFLICT (name) DO UPDATE SET position = excluded.position, state = excluded.state, updated_at = excluded.updated_at`
  )
  const commitEvery = checkpoints?.commitEvery ?? Number.POSITIVE_INFINITY
  let state = initialReadModels()
  let folded = 0
  let position = 0
  for (const row of rows.iterate()) {
    state = evolveReadModels(state, recordedOf(row))
    position = row.position
    if (++folded % commitEvery === 0) save?.run(position, stateJson(state), new Date().toISOString())
  }
  save?.run(position, stateJson(state), new Date().toISOString())
  return state
}

/** The metadata of the `append`-th append of the fill: one per ten events, as commands write them. */
const fillMetadata = (append: number): string =>
  JSON.stringify({
    occurredAt: new Date(Date.UTC(2022, 10, 24) + append * 1000).toISOString(),
    correlationId: `c${append}`
  })

/** Fills the log of (c) quickly with `entries`, each at the next version of its stream; answers the count. */
export const fill = (db: Database.Database, entries: Iterable<Entry>): number => {
  const insert = db.prepare(insertSql)
  const versions = new Map<string, number>()
  let count = 0
  const chunk = db.transaction((batch: ReadonlyArray<Entry>) => {
    for (const entry of batch) {
      const version = (versions.get(entry.streamId) ?? 0) + 1
      versions.set(entry.streamId, version)
      const metadataText = fillMetadata(Math.floor(count / 10))
      count++
      insert.run(count, entry.streamId, version, `f${count}`, entry.type, JSON.stringify(entry.data), metadataText, "")
    }
  })
  let batch: Array<Entry> = []
  for (const entry of entries) {
    batch.push(entry)
    if (batch.length === 50_000) {
      chunk(batch)
      batch = []
    }
  }
  chunk(batch)
  return count
}
