import { asOfGroup } from "./asOf.js"
import { catchUpGroup } from "./catchUp.js"
import { concurrencyGroup } from "./concurrency.js"
import { errorGroup } from "./errors.js"
import type { ReadModelGroup, ReadModelSettings } from "./ReadModelCase.js"
import { storeGroup } from "./store.js"
import { versionGroup } from "./version.js"

export type { ReadModelCase, ReadModelGroup, ReadModelLayer, ReadModelSettings } from "./ReadModelCase.js"

/** Every group of the read-model conformance suite, in the order they run. */
export const groups = (settings: ReadModelSettings): ReadonlyArray<ReadModelGroup> => [
  storeGroup,
  catchUpGroup(settings),
  asOfGroup(settings),
  versionGroup(settings),
  concurrencyGroup(settings),
  errorGroup(settings)
]
