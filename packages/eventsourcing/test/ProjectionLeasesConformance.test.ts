import { ProjectionLeases, ReadModelStore } from "@kemitraan/eventsourcing"
import { ProjectionLeasesConformance } from "@kemitraan/eventsourcing/testing"
import { Layer } from "effect"

ProjectionLeasesConformance.suite(
  "in-memory leases",
  Layer.merge(ProjectionLeases.layerMemory, ReadModelStore.layerMemory)
)
