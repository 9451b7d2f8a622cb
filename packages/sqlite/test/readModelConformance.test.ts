import { Effect, Layer } from "effect"
import { join } from "node:path"
import { ReadModelConformance } from "@kemitraan/eventsourcing/testing"
import { SqliteStore } from "@kemitraan/sqlite"
import { tempDirectory } from "./support/tempDatabase.js"

/** Both stores on a new file in a new temporary directory each time the layer is built. */
const layerTempFile = Layer.unwrapScoped(
  Effect.map(tempDirectory, (dir) => SqliteStore.layer({ filename: join(dir, "store.db") }))
)

ReadModelConformance.suite("SQLite read-model store on a file", layerTempFile, { timeout: 180_000 })

ReadModelConformance.suite("SQLite read-model store in memory", SqliteStore.layerMemory, { timeout: 180_000 })
