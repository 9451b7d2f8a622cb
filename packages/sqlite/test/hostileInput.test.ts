import { Effect, Layer } from "effect"
import { join } from "node:path"
import { HostileInput } from "@kemitraan/eventsourcing/testing"
import { SqliteStore } from "@kemitraan/sqlite"
import { tempDirectory } from "./support/tempDatabase.js"

/** A store on a new file in a new temporary directory each time the layer is built. */
const layerTempFile = Layer.unwrapScoped(
  Effect.map(tempDirectory, (dir) => SqliteStore.layer({ filename: join(dir, "store.db") }))
)

HostileInput.suite("SQLite store on a file", layerTempFile)

HostileInput.suite("SQLite store in memory", SqliteStore.layerMemory)
