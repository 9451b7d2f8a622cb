import { EventStoreConformance } from "@kemitraan/eventsourcing/testing"
import { layerFresh } from "./support/pgStore.js"

EventStoreConformance.suite("PostgreSQL store", layerFresh())
