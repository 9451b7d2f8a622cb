import { ProjectionLeasesConformance } from "@kemitraan/eventsourcing/testing"
import { layerFresh } from "./support/pgStore.js"

ProjectionLeasesConformance.suite("PostgreSQL leases", layerFresh())
