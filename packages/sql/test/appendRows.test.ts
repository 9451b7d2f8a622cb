import { describe, expect, it } from "@effect/vitest"
import { Arbitrary, Either, FastCheck, Schema } from "effect"
import { RecordedEvent } from "@kemitraan/eventsourcing"
import { metadataText } from "../src/internal/appendRows.js"

const encodeWithSchema = Schema.encodeEither(Schema.parseJson(RecordedEvent.EventMetadata))

describe("metadata on the write path", () => {
  it("property: the compiled encoder writes the same bytes as the schema, for any metadata the schema takes", () => {
    FastCheck.assert(
      FastCheck.property(Arbitrary.make(RecordedEvent.EventMetadata), (metadata) => {
        expect(metadataText(metadata)).toBe(Either.getOrThrow(encodeWithSchema(metadata)))
      })
    )
  })

  it("metadata the schema refuses is left to the schema: an invalid date, an id that is not a string", () => {
    expect(metadataText({ occurredAt: new Date(Number.NaN) })).toBeUndefined()
    expect(Either.isLeft(encodeWithSchema({ occurredAt: new Date(Number.NaN) }))).toBe(true)
    const numberId = JSON.parse('{"commandId":7}')
    expect(metadataText({ occurredAt: new Date(0), ...numberId })).toBeUndefined()
    expect(Either.isLeft(encodeWithSchema({ occurredAt: new Date(0), ...numberId }))).toBe(true)
  })
})
