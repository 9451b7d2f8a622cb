import { EventStore } from "@kemitraan/eventsourcing"
import { SqliteStore } from "@kemitraan/sqlite"
import { Console, Effect } from "effect"

// A file, created and migrated if missing. `SqliteStore.layerMemory` is a private database in
// memory, and `SqliteStore.layerClient()` runs on a SqlClient the application already has. Each
// provides the EventStore, the ReadModelStore, and the cache of the streams command handlers fold.
const StoreLive = SqliteStore.layer({ filename: "kemitraan.sqlite", synchronous: "FULL", busyTimeout: "5 seconds" })

const program = Effect.gen(function* () {
  const head = yield* Effect.flatMap(EventStore.EventStore, (store) => store.headPosition)
  yield* Console.log(`kemitraan.sqlite holds ${head} events`)
})

await Effect.runPromise(program.pipe(Effect.provide(StoreLive)))
