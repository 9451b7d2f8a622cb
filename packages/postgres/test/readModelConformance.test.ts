import { ReadModelConformance } from "@kemitraan/eventsourcing/testing"
import { layerFresh } from "./support/pgStore.js"

ReadModelConformance.suite("PostgreSQL read-model store", layerFresh(), { timeout: 180_000 })
