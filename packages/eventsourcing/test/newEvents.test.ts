import * as fc from "fast-check"
import { describe, expect, it } from "vitest"
import type { Instants } from "../src/CommandTime.js"
import type { MetadataOptions } from "../src/EventStore.js"
import { metadataOf } from "../src/internal/newEvents.js"
import type { EventMetadata } from "../src/RecordedEvent.js"

/** The metadata as the handler built it before: `metadataAt`'s fields, the hash spread in, the version spread on. */
const spread = (time: Instants, options: MetadataOptions, commandHash: string | undefined, schemaVersion: number) => {
  const merged: MetadataOptions = { ...options, commandHash }
  const metadata: Record<string, unknown> = { occurredAt: time.occurredAt, recordedAt: time.recordedAt }
  if (merged.correlationId !== undefined) metadata["correlationId"] = merged.correlationId
  if (merged.causationId !== undefined) metadata["causationId"] = merged.causationId
  if (merged.commandId !== undefined) metadata["commandId"] = merged.commandId
  if (merged.commandHash !== undefined) metadata["commandHash"] = merged.commandHash
  if (merged.provenance !== undefined) metadata["provenance"] = merged.provenance
  return { ...metadata, schemaVersion }
}

const text = fc.option(fc.string({ minLength: 1 }), { nil: undefined })

describe("metadataOf: the metadata of a command's events, built at once", () => {
  it("property: the same fields, in the same order, as the copies it replaces", () => {
    fc.assert(
      fc.property(
        fc.record({ correlationId: text, causationId: text, commandId: text, commandHash: text, provenance: text }),
        text,
        fc.integer({ min: 1, max: 5 }),
        fc.date(),
        (options, commandHash, schemaVersion, at) => {
          const time: Instants = { occurredAt: at, recordedAt: new Date(at.getTime() + 1), given: true }
          const built: EventMetadata = metadataOf(time, options, commandHash, schemaVersion)
          // Key order is what a caller sees when it writes the metadata out.
          expect(Object.entries(built)).toEqual(Object.entries(spread(time, options, commandHash, schemaVersion)))
        }
      ),
      { numRuns: 500 }
    )
  })

  it("leaves out a hash given apart when there is none, whatever the options carry, and a version not given", () => {
    const time: Instants = { occurredAt: new Date(0), recordedAt: new Date(0), given: false }
    expect(metadataOf(time, { commandHash: "old" }, undefined, 2)).toEqual({
      occurredAt: new Date(0),
      recordedAt: new Date(0),
      schemaVersion: 2
    })
    expect(Object.keys(metadataOf(time, undefined, undefined, undefined))).toEqual(["occurredAt", "recordedAt"])
  })
})
