import { concurrencyGroup } from "./concurrency.js"
import type { ConformanceGroup, ConformanceSettings } from "./ConformanceCase.js"
import { decodingGroup } from "./decoding.js"
import { expectedVersionGroup } from "./expectedVersion.js"
import { idempotencyGroup } from "./idempotency.js"
import { orderingGroup } from "./ordering.js"
import { propertyGroup } from "./property.js"
import { readingGroup } from "./reading.js"

export type { ConformanceCase, ConformanceGroup, ConformanceSettings, StoreLayer } from "./ConformanceCase.js"

/** Every group of the conformance suite, in the order they run. */
export const groups = (settings: ConformanceSettings): ReadonlyArray<ConformanceGroup> => [
  expectedVersionGroup,
  orderingGroup,
  readingGroup(settings),
  idempotencyGroup,
  concurrencyGroup(settings),
  decodingGroup,
  propertyGroup(settings)
]
