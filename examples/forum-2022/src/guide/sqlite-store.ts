import { EventStore, StreamFold } from "@kemitraan/eventsourcing"
import { SqliteStore } from "@kemitraan/sqlite"
import { Console, Effect, Layer } from "effect"

// A file, created and migrated if missing. `SqliteStore.layerMemory` is a private database in
// memory, and `SqliteStore.layerClient()` runs on a SqlClient the application already has.
const StoreLive = SqliteStore.layer({ filename: "kemitraan.sqlite", synchronous: "FULL", busyTimeout: "5 seconds" })
// Command handlers keep the streams they fold in a cache built over the store.
const AppLive = Layer.provideMerge(StreamFold.layer, StoreLive)

const program = Effect.gen(function* () {
  const head = yield* Effect.flatMap(EventStore.EventStore, (store) => store.headPosition)
  yield* Console.log(`kemitraan.sqlite holds ${head} events`)
})

await Effect.runPromise(program.pipe(Effect.provide(AppLive)))
