import { HostileInput } from "@kemitraan/eventsourcing/testing"
import { layerFresh } from "./support/pgStore.js"

HostileInput.suite("PostgreSQL store", layerFresh())
