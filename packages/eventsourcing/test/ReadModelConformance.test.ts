import { EventStore, ReadModelStore } from "@kemitraan/eventsourcing"
import { ReadModelConformance } from "@kemitraan/eventsourcing/testing"
import { Layer } from "effect"

ReadModelConformance.suite("in-memory stores", Layer.merge(EventStore.layerMemory, ReadModelStore.layerMemory))
