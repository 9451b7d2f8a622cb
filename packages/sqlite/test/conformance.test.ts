import { Effect, Layer } from "effect"
import { join } from "node:path"
import { EventStoreConformance } from "@kemitraan/eventsourcing/testing"
import { SqliteStore } from "@kemitraan/sqlite"
import { tempDirectory } from "./support/tempDatabase.js"

/** A store on a new file in a new temporary directory each time the layer is built. */
const layerTempFile = Layer.unwrapScoped(
  Effect.map(tempDirectory, (dir) => SqliteStore.layer({ filename: join(dir, "store.db") }))
)

EventStoreConformance.suite("SQLite store on a file", layerTempFile)

EventStoreConformance.suite("SQLite store in memory", SqliteStore.layerMemory)
