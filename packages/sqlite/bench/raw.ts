/**
 * The baseline: the same work on the same schema with raw better-sqlite3 and prepared statements,
 * no Effect, no Schema. It validates nothing it reads: that is what the library pays for.
 */
import Database from "better-sqlite3"
import { createHash, randomUUID } from "node:crypto"
import type { KemitraanEvent } from "@kemitraan/core"
import type { RecordedEvent, Table } from "@kemitraan/eventsourcing"
import { MemoryRows } from "./memoryRows.js"
import type { Entry } from "./programme.js"
import type { Batch, Count } from "./workload.js"
import { evolveAll, metadata, readModels } from "./workload.js"

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
    (
      streamId: string,
      expected: number,
      events: ReadonlyArray<{ eventId: string; type: string; data: unknown }>,
      metadataText: string = JSON.stringify(metadata)
    ) => {
      const current = version.get(streamId) ?? 0
      if (current !== expected) throw new Error(`stream ${streamId} is at ${current}, expected ${expected}`)
      const position = head.get() ?? 0
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

/** One command of the forum replay as the log holds it: its stream, the events it appended, their metadata. */
export interface ReplayedCommand {
  readonly streamId: string
  readonly events: ReadonlyArray<{ readonly eventId: string; readonly type: string; readonly data: unknown }>
  /** As the replay wrote it, so that raw writes rows as long as the replay's. */
  readonly metadata: string
}

/**
 * The commands of a replayed log, read back in order: consecutive events of one stream with the
 * same metadata are one command's (a command's events share its metadata).
 */
export const replayedCommands = (db: Database.Database): Array<ReplayedCommand> => {
  const commands: Array<{ streamId: string; metadata: string; events: Array<ReplayedCommand["events"][number]> }> = []
  const rows = db.prepare<[], { stream_id: string; event_id: string; type: string; data: string; metadata: string }>(
    "SELECT stream_id, event_id, type, data, metadata FROM events ORDER BY position"
  )
  for (const row of rows.iterate()) {
    const last = commands[commands.length - 1]
    const event = { eventId: row.event_id, type: row.type, data: JSON.parse(row.data) }
    if (last !== undefined && last.streamId === row.stream_id && last.metadata === row.metadata) last.events.push(event)
    else commands.push({ streamId: row.stream_id, metadata: row.metadata, events: [event] })
  }
  return commands
}

/**
 * (e)'s baseline: each command's events in one transaction, with the version check, at the version
 * the last left, with the metadata the replay wrote.
 */
export const replay = (db: Database.Database, commands: ReadonlyArray<ReplayedCommand>): void => {
  const append = makeAppend(db)
  const versions = new Map<string, number>()
  for (const command of commands) {
    versions.set(
      command.streamId,
      append.immediate(command.streamId, versions.get(command.streamId) ?? 0, command.events, command.metadata)
    )
  }
}

interface EventRow {
  readonly position: number
  readonly stream_id: string
  readonly stream_version: number
  readonly type: string
  readonly data: string
}

/** The one metadata raw gives its events: the fold does not read it, so raw does not parse it. */
const rawMetadata: RecordedEvent.EventMetadata = { occurredAt: new Date(0) }

/** The event types whose `at` the folds read. */
const instantRead: ReadonlySet<string> = new Set([
  "ParticipantFormalised",
  "BusinessFiguresReported",
  "BusinessFiguresCorrected"
])

/** A row as the fold takes it, unchecked, as raw code is (`JSON.parse` answers `any`). */
const recordedOf = (row: EventRow): RecordedEvent.RecordedEvent<KemitraanEvent.KemitraanEvent> => {
  const event = JSON.parse(row.data)
  // The only instants the folds read (the year of formalisation, when figures were reported): revived
  // as the schema would.
  if (instantRead.has(row.type)) event.at = new Date(event.at)
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

/** A field's value as SQLite takes it: booleans as 0 and 1, objects as JSON, the rest as it is. */
const columnValue = (value: unknown): unknown =>
  typeof value === "boolean"
    ? value
      ? 1
      : 0
    : typeof value === "object" && value !== null
      ? JSON.stringify(value)
      : value

/** Empties a table and writes every row of it with one prepared insert, in one transaction. */
const writeTable = (db: Database.Database, table: Table.AnyTable, rows: Iterable<Table.AnyRow>): number => {
  const names = table.columns.map((column) => `"${column.name}"`).join(", ")
  const marks = table.columns.map(() => "?").join(", ")
  const insert = db.prepare(`INSERT INTO "${table.name}" (${names}) VALUES (${marks})`)
  db.prepare(`DELETE FROM "${table.name}"`).run()
  const values: Array<unknown> = new Array(table.columns.length)
  let written = 0
  for (const row of rows) {
    table.columns.forEach((column, i) => {
      values[i] = columnValue(row[column.field])
    })
    insert.run(values)
    written++
  }
  return written
}

/**
 * (c)'s baseline: iterate the log, `JSON.parse` each event of the read models' types, fold
 * them with the models' own `evolve`s into tables in memory, then write every table's rows and the
 * checkpoint with prepared statements, in one transaction. Answers the rows written.
 */
export const rebuildTables = (db: Database.Database, writer: Database.Database): number => {
  const wanted = new Set<string>(readModels.eventTypes)
  const events = db.prepare<[], EventRow>(
    "SELECT position, stream_id, stream_version, type, data FROM events ORDER BY position"
  )
  const tables = new MemoryRows(readModels.tables)
  let position = 0
  for (const row of events.iterate()) {
    position = row.position
    // As the library's run does: events of other types are skipped before they are parsed.
    if (wanted.has(row.type)) evolveAll(tables.rows, recordedOf(row))
  }
  // A second connection: better-sqlite3 lets no statement run beside an open iterator.
  const write = writer.transaction(() => {
    let written = 0
    for (const table of readModels.tables) written += writeTable(writer, table, tables.rowsOf(table))
    writer
      .prepare(
        `INSERT INTO checkpoints (name, version, position, updated_at) VALUES (?, ?, ?, ?)
         ON CONFLICT (name) DO UPDATE SET version = excluded.version, position = excluded.position, updated_at = excluded.updated_at`
      )
      .run(readModels.name, readModels.version, position, new Date().toISOString())
    return written
  })
  return write()
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

/**
 * A digest of every row of (c)'s tables as SQLite holds them, in key order: both sides must write
 * the same.
 */
export const tablesDigest = (db: Database.Database): string => {
  const hash = createHash("sha256")
  for (const table of readModels.tables) {
    const byName = new Map(table.columns.map((column) => [column.field, column.name]))
    const order = table.key.map((field) => `"${byName.get(field) ?? field}"`).join(", ")
    hash.update(`${table.name}\n`)
    for (const row of db
      .prepare<[], Array<unknown>>(`SELECT * FROM "${table.name}" ORDER BY ${order}`)
      .raw()
      .iterate()) {
      hash.update(`${JSON.stringify(row)}\n`)
    }
  }
  return hash.digest("hex")
}
