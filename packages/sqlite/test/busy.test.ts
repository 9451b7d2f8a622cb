import { it } from "@effect/vitest"
import Database from "better-sqlite3"
import { Effect } from "effect"
import { join } from "node:path"
import { EventStore, EventStoreError, ExpectedVersion, ReadModelStore } from "@kemitraan/eventsourcing"
import { SqliteStore } from "@kemitraan/sqlite"
import { describe, expect } from "vitest"
import { tempDirectory } from "./support/tempDatabase.js"

const event = (eventId: string) => ({
  eventId,
  type: "Noted",
  data: { eventId },
  metadata: { occurredAt: new Date(0) }
})

/** Another connection (as another process would be) holding the write lock until released. */
const holdWriteLock = (filename: string) =>
  Effect.acquireRelease(
    Effect.sync(() => {
      const db = new Database(filename)
      db.exec("BEGIN IMMEDIATE")
      return db
    }),
    (db) => Effect.sync(() => db.close())
  )

describe("a busy database", () => {
  it.scoped(
    "a lock held past the busy timeout fails append with StoreBusy, writes nothing, and leaves reads working",
    () =>
      Effect.gen(function* () {
        const filename = join(yield* tempDirectory, "store.db")
        const run = <A, E>(effect: Effect.Effect<A, E, EventStore.EventStore | ReadModelStore.ReadModelStore>) =>
          Effect.provide(effect, SqliteStore.layer({ filename, busyTimeout: "150 millis" }))
        yield* run(
          Effect.flatMap(EventStore.EventStore, (store) => store.append("S", ExpectedVersion.any, [event("e1")]))
        )
        const holder = yield* holdWriteLock(filename)
        const [busy, checkpointBusy, version] = yield* run(
          Effect.all([
            Effect.flip(
              Effect.flatMap(EventStore.EventStore, (store) =>
                store.append("S", ExpectedVersion.exact(1), [event("e2")])
              )
            ),
            Effect.flip(
              Effect.flatMap(ReadModelStore.ReadModelStore, (store) =>
                store.commit({ checkpoint: { name: "p", version: 1, position: 1 }, previous: 0, changes: [] })
              )
            ),
            Effect.flatMap(EventStore.EventStore, (store) => store.streamVersion("S"))
          ])
        )
        expect(busy).toBeInstanceOf(EventStoreError.StoreBusy)
        expect(busy.message).toContain("append")
        expect(checkpointBusy).toBeInstanceOf(EventStoreError.StoreBusy)
        expect(version).toBe(1)
        holder.close()
        const after = yield* run(
          Effect.flatMap(EventStore.EventStore, (store) => store.append("S", ExpectedVersion.exact(1), [event("e2")]))
        )
        expect(after).toEqual({ streamVersion: 2, position: 2 })
      })
  )
})
