import { ProjectionLeasesConformance } from "@kemitraan/eventsourcing/testing"
import { SqliteStore } from "@kemitraan/sqlite"

ProjectionLeasesConformance.suite("SQLite leases", SqliteStore.layerMemory)
