import { EventStore } from "@kemitraan/eventsourcing"
import { EventStoreConformance } from "@kemitraan/eventsourcing/testing"

EventStoreConformance.suite("in-memory event store", EventStore.layerMemory)
