import { EventStore } from "@kemitraan/eventsourcing"
import { HostileInput } from "@kemitraan/eventsourcing/testing"

HostileInput.suite("in-memory event store", EventStore.layerMemory)
