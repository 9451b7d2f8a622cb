import { CheckpointStore, EventStore } from "@kemitraan/eventsourcing"
import { EventStoreConformance } from "@kemitraan/eventsourcing/testing"
import { Layer } from "effect"

EventStoreConformance.suite("in-memory event store", Layer.merge(EventStore.layerMemory, CheckpointStore.layerMemory))
