import { describe, expect, it } from "@effect/vitest"
import { EventCatalog, type RecordedEvent } from "@kemitraan/eventsourcing"
import { Either, Option, Schema } from "effect"

const Scheduled = Schema.TaggedStruct("ForumScheduled", { forumId: Schema.String, date: Schema.Date })

class Opened extends Schema.TaggedClass<Opened>()("ForumOpened", {
  forumId: Schema.String,
  participants: Schema.Int
}) {}

const Catalog = EventCatalog.make(Scheduled, Opened)

const stored = (type: string, data: unknown): RecordedEvent.StoredEvent => ({
  eventId: "e-1",
  streamId: "Forum-1",
  streamVersion: 4,
  position: 17,
  type,
  data,
  metadata: { occurredAt: new Date(0) }
})

describe("EventCatalog", () => {
  it("lists its types in declaration order and knows them", () => {
    expect(Catalog.types).toEqual(["ForumScheduled", "ForumOpened"])
    expect(Catalog.has("ForumOpened")).toBe(true)
    expect(Catalog.has("ForumClosed")).toBe(false)
    expect(Catalog.schemaOf("ForumScheduled")).toBe(Scheduled)
    expect(Catalog.schemaOf("ForumClosed")).toBeUndefined()
  })

  it("encodes to JSON-ready data and decodes back to an equal event (struct and class)", () => {
    const scheduled = Scheduled.make({ forumId: "1", date: new Date("2022-11-24T00:00:00.000Z") })
    const encoded = Either.getOrThrow(Catalog.encode(scheduled))
    expect(encoded).toEqual({
      type: "ForumScheduled",
      data: { _tag: "ForumScheduled", forumId: "1", date: "2022-11-24T00:00:00.000Z" }
    })
    expect(Catalog.decodeData(encoded.type, JSON.parse(JSON.stringify(encoded.data)))).toEqual(Either.right(scheduled))

    const opened = new Opened({ forumId: "1", participants: 748 })
    const round = Either.getOrThrow(Catalog.encode(opened))
    const decoded = Either.getOrThrow(Catalog.decode(stored(round.type, round.data)))
    expect(decoded.event).toBeInstanceOf(Opened)
    expect(decoded.event).toEqual(opened)
    expect(decoded).toMatchObject({ eventId: "e-1", streamId: "Forum-1", streamVersion: 4, position: 17 })
  })

  it("refuses an event type declared twice", () => {
    const Again = Schema.TaggedStruct("ForumScheduled", { other: Schema.Number })
    expect(() => EventCatalog.make(Scheduled, Again)).toThrow(/"ForumScheduled" is declared twice/)
  })

  it("refuses a schema without a literal _tag", () => {
    const Untagged = Schema.Struct({ _tag: Schema.String, forumId: Schema.String })
    expect(() => EventCatalog.make(Untagged)).toThrow(/literal string `_tag`/)
  })

  it("names an unknown type when decoding, as an EventDecodeError at the event's place", () => {
    expect(Catalog.decodeData("ForumClosed", {})).toEqual(
      Either.left('event type "ForumClosed" is not in the catalogue')
    )
    const error = Option.getOrThrow(Either.getLeft(Catalog.decode(stored("ForumClosed", {}))))
    expect(error).toMatchObject({
      _tag: "EventDecodeError",
      streamId: "Forum-1",
      streamVersion: 4,
      position: 17,
      eventType: "ForumClosed"
    })
    expect(error.reason).toContain("not in the catalogue")
  })

  it("a stored event that does not fit its schema fails with EventDecodeError naming stream, version, position, type and field", () => {
    const error = Option.getOrThrow(
      Either.getLeft(Catalog.decode(stored("ForumOpened", { _tag: "ForumOpened", forumId: "1", participants: "many" })))
    )
    expect(error).toMatchObject({ streamId: "Forum-1", streamVersion: 4, position: 17, eventType: "ForumOpened" })
    expect(error.reason).toContain("participants")
    expect(error.message).toContain("global position 17")
  })

  it("an event that does not fit its own schema fails to encode with EventEncodeError naming the stream", () => {
    const error = Option.getOrThrow(
      Either.getLeft(Catalog.encodeFor("Forum-1", Opened.make({ forumId: "1", participants: 1.5 }, true)))
    )
    expect(error).toMatchObject({ _tag: "EventEncodeError", streamId: "Forum-1", eventType: "ForumOpened" })
  })
})
