import { describe, expect, it } from "vitest"
import { appendProblem } from "../src/EventStoreAdapter.js"
import { InvalidStoreRequest } from "../src/EventStoreError.js"
import { exact, noStream } from "../src/ExpectedVersion.js"
import type { EventToAppend } from "../src/RecordedEvent.js"

const event = (metadata: unknown, data: unknown = { n: 1 }): EventToAppend =>
  // The metadata is what a caller may pass at run time, typed or not: the check must refuse it.
  ({ eventId: "e1", type: "Noted", data, metadata }) as EventToAppend

/** The reason an append of one event with this metadata is refused, or `undefined`. */
const reason = (metadata: unknown, data?: unknown): string | undefined => {
  const problem = appendProblem("s", [event(metadata, data)], noStream)
  if (problem === undefined) return undefined
  expect(problem).toBeInstanceOf(InvalidStoreRequest)
  expect(problem.operation).toBe("append")
  return problem.reason
}

const at = new Date(0)
const prefix = 'event 1 of the append to stream "s": (id "e1") '

describe("appendProblem: the metadata of an append, field by field", () => {
  it("takes every field the metadata may have, and metadata with only occurredAt", () => {
    expect(reason({ occurredAt: at })).toBeUndefined()
    expect(
      reason({
        occurredAt: at,
        recordedAt: new Date(1),
        schemaVersion: 2,
        correlationId: "c",
        causationId: "k",
        commandId: "id",
        commandHash: "0123456789abcdef",
        provenance: "synthetic"
      })
    ).toBeUndefined()
  })

  it("refuses a field it does not know, naming it, at the first such field", () => {
    expect(reason({ occurredAt: at, colour: "red", size: 1 })).toBe(
      `${prefix}the metadata has an unknown field "colour"`
    )
  })

  it("refuses instants that are not valid Dates, and a schema version that is not a positive integer", () => {
    expect(reason({ occurredAt: new Date(Number.NaN) })).toBe(`${prefix}metadata.occurredAt is not a valid Date`)
    expect(reason({ occurredAt: 0 })).toBe(`${prefix}metadata.occurredAt is not a valid Date`)
    expect(reason({ occurredAt: at, recordedAt: "2022-01-01" })).toBe(
      `${prefix}metadata.recordedAt is not a valid Date`
    )
    for (const schemaVersion of [0, 1.5, -1, "1", Number.NaN]) {
      expect(reason({ occurredAt: at, schemaVersion })).toBe(
        `${prefix}metadata.schemaVersion is not a positive integer`
      )
    }
  })

  it("refuses ids that are not non-empty well-formed strings, naming the field", () => {
    expect(reason({ occurredAt: at, commandId: "" })).toBe(`${prefix}metadata.commandId is empty`)
    expect(reason({ occurredAt: at, correlationId: 7 })).toBe(`${prefix}metadata.correlationId is not a string`)
    expect(reason({ occurredAt: at, provenance: "a\ud800" })).toBe(
      `${prefix}metadata.provenance "a\\ud800" has a lone UTF-16 surrogate, which a store cannot keep`
    )
    expect(reason({ occurredAt: at, causationId: "\udc00", commandHash: "" })).toBe(
      `${prefix}metadata.causationId "\\udc00" has a lone UTF-16 surrogate, which a store cannot keep`
    )
    // A surrogate pair is well formed.
    expect(reason({ occurredAt: at, commandId: "\ud83d\ude00" })).toBeUndefined()
  })

  it("requires occurredAt, reads own fields only, and refuses metadata that is not an object", () => {
    expect(reason({ recordedAt: at })).toBe(`${prefix}the metadata has no occurredAt`)
    expect(reason(null)).toBe(`${prefix}the metadata is not an object`)
    const inherited: object = Object.create({ colour: "red", occurredAt: at })
    expect(reason(inherited)).toBeUndefined()
  })

  it("checks the data after the metadata, and the ids and type before both", () => {
    expect(reason({ occurredAt: at, colour: 1 }, { n: Number.NaN })).toBe(
      `${prefix}the metadata has an unknown field "colour"`
    )
    expect(reason({ occurredAt: at }, { n: Number.NaN })).toBe(`${prefix}data["n"] is NaN, which JSON cannot hold`)
    expect(reason({ occurredAt: at }, { "k\ud800": 1 })).toBe(`${prefix}data has a key with a lone UTF-16 surrogate`)
    expect(reason({ occurredAt: at }, "x\udbff")).toBe(`${prefix}data is a string with a lone UTF-16 surrogate`)
    const badId = appendProblem("s", [{ ...event({ occurredAt: at }), eventId: "e\ud800" }], exact(0))
    expect(badId?.reason).toBe(
      'event 1 of the append to stream "s": the event id "e\\ud800" has a lone UTF-16 surrogate, which a store cannot keep'
    )
    expect(appendProblem("\udfff", [event({ occurredAt: at })], noStream)?.reason).toBe(
      'the stream id "\\udfff" has a lone UTF-16 surrogate, which a store cannot keep'
    )
  })
})
