import { SqlClient } from "@effect/sql"
import { SqliteClient } from "@effect/sql-sqlite-node"
import { describe, expect, it } from "@effect/vitest"
import { Effect } from "effect"
import { createHash } from "node:crypto"
import { existsSync, readFileSync } from "node:fs"
import { join } from "node:path"
import { EventStore, EventStoreError } from "@kemitraan/eventsourcing"
import { SqlMigrations } from "@kemitraan/sql"
import { SqliteStore } from "@kemitraan/sqlite"
import { tempDirectory } from "./support/tempDatabase.js"

const digest = (filename: string) => createHash("sha256").update(readFileSync(filename)).digest("hex")

/** Statements on a file through a plain client, without the store's checks. */
const raw = (filename: string, ...statements: ReadonlyArray<string>) =>
  Effect.provide(
    Effect.flatMap(SqlClient.SqlClient, (sql) => Effect.forEach(statements, (text) => sql.unsafe(text))),
    SqliteClient.layer({ filename, disableWAL: true })
  )

const tables = (filename: string) =>
  Effect.map(
    raw(filename, "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name"),
    ([rows]) => rows?.map((row) => (row as { readonly name: string }).name) ?? []
  )

/** Opens the store on `filename`; the open must fail with a StoreFailure naming the file and the reason. */
const refusedOpen = (filename: string, reason: RegExp) =>
  Effect.gen(function* () {
    const error = yield* Effect.flip(
      Effect.provide(
        Effect.flatMap(EventStore.EventStore, (store) => store.headPosition),
        SqliteStore.layer({ filename })
      )
    )
    expect(error).toBeInstanceOf(EventStoreError.StoreFailure)
    expect(error.operation).toContain(JSON.stringify(filename))
    expect(error.reason).toMatch(reason)
  })

describe("a store refuses, before writing anything, a file it must not open", () => {
  it.effect("an empty, a NUL-bearing or an ill-formed file name is refused, naming it", () =>
    Effect.gen(function* () {
      yield* refusedOpen("", /empty/)
      yield* refusedOpen("store\0.db", /NUL/)
      yield* refusedOpen("store\uD800.db", /surrogate/)
    })
  )

  it.scoped("a file written by a newer version is refused and left byte for byte as it was", () =>
    Effect.gen(function* () {
      const filename = join(yield* tempDirectory, "store.db")
      yield* Effect.provide(Effect.void, SqliteStore.layer({ filename }))
      yield* raw(
        filename,
        "PRAGMA journal_mode = DELETE",
        "INSERT INTO kemitraan_migrations (migration_id, name) VALUES (99, 'from_the_future')"
      )
      const before = digest(filename)
      yield* refusedOpen(filename, /newer version: migration 99 .* knows up to 5/)
      expect(digest(filename)).toBe(before)
    })
  )

  it.scoped("another application's database, with an events table of its own or other tables, is left alone", () =>
    Effect.gen(function* () {
      const dir = yield* tempDirectory
      for (const [name, ddl] of [
        ["events.db", "CREATE TABLE events (id INTEGER PRIMARY KEY, payload TEXT)"],
        ["other.db", "CREATE TABLE customers (id INTEGER PRIMARY KEY)"]
      ] as const) {
        const filename = join(dir, name)
        yield* raw(filename, ddl)
        const before = digest(filename)
        const tablesBefore = yield* tables(filename)
        yield* refusedOpen(filename, /not a Kemitraan store/)
        expect(digest(filename)).toBe(before)
        expect(existsSync(`${filename}-wal`)).toBe(false)
        expect(yield* tables(filename)).toEqual(tablesBefore)
      }
    })
  )

  it.scoped("a store whose events table was replaced by one with other columns is refused", () =>
    Effect.gen(function* () {
      const filename = join(yield* tempDirectory, "store.db")
      yield* Effect.provide(Effect.void, SqliteStore.layer({ filename }))
      yield* raw(filename, "DROP TABLE events", "CREATE TABLE events (id INTEGER PRIMARY KEY, payload TEXT)")
      yield* refusedOpen(filename, /events table has columns \(id, payload\)/)
    })
  )

  it.scoped("a new file and a store of this version open as before", () =>
    Effect.gen(function* () {
      const filename = join(yield* tempDirectory, "store.db")
      const open = Effect.provide(
        Effect.flatMap(SqlClient.SqlClient, (sql) => SqlMigrations.check(SqliteStore.driverOf(sql))),
        SqliteStore.layer({ filename })
      )
      yield* open
      yield* open
      expect(yield* tables(filename)).toContain("events")
    })
  )
})
