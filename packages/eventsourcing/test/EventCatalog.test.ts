import { describe, expect, it } from "@effect/vitest"
import { EventCatalog, type RecordedEvent } from "@kemitraan/eventsourcing"
import { Either, Option, ParseResult, Schema } from "effect"

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
      data: { _tag: "ForumScheduled", forumId: "1", date: "2022-11-24T00:00:00.000Z" },
      schemaVersion: 1
    })
    expect(Catalog.decodeData(encoded.type, JSON.parse(JSON.stringify(encoded.data)))).toEqual(Either.right(scheduled))

    const opened = new Opened({ forumId: "1", participants: 748 })
    const round = Either.getOrThrow(Catalog.encode(opened))
    const decoded = Either.getOrThrow(Catalog.decode(stored(round.type, round.data)))
    expect(decoded.event).toBeInstanceOf(Opened)
    expect(decoded.event).toEqual(opened)
    expect(decoded).toMatchObject({ eventId: "e-1", streamId: "Forum-1", streamVersion: 4, position: 17 })
  })

  it("makes a type's decoder on its first decode and its encoder on its first encode, each once", () => {
    // A declaration's parser is built by calling `decode` (or `encode`): the counts say when the
    // catalogue built its codecs.
    const made = { decoders: 0, encoders: 0 }
    const Amount = Schema.declare([], {
      decode: () => {
        made.decoders++
        return (input, _, ast) =>
          typeof input === "number" ? ParseResult.succeed(input) : ParseResult.fail(new ParseResult.Type(ast, input))
      },
      encode: () => {
        made.encoders++
        return (input, _, ast) =>
          typeof input === "number" ? ParseResult.succeed(input) : ParseResult.fail(new ParseResult.Type(ast, input))
      }
    })
    const Paid = Schema.TaggedStruct("Paid", { amount: Amount })
    const catalog = EventCatalog.make(Paid)
    expect(made).toEqual({ decoders: 0, encoders: 0 })
    expect(Either.getOrThrow(catalog.decodeData("Paid", { _tag: "Paid", amount: 5 }))).toEqual({
      _tag: "Paid",
      amount: 5
    })
    const decoders = made.decoders
    expect(decoders).toBeGreaterThan(0)
    expect(made.encoders).toBe(0)
    expect(Either.isRight(catalog.decode(stored("Paid", { _tag: "Paid", amount: 6 })))).toBe(true)
    expect(Either.isLeft(catalog.decodeData("Paid", { _tag: "Paid", amount: "6" }))).toBe(true)
    expect(made.decoders).toBe(decoders)
    expect(Either.getOrThrow(catalog.encode(Paid.make({ amount: 7 }))).data).toEqual({ _tag: "Paid", amount: 7 })
    const encoders = made.encoders
    expect(encoders).toBeGreaterThan(0)
    expect(Either.isRight(catalog.encode(Paid.make({ amount: 8 })))).toBe(true)
    expect(made).toEqual({ decoders, encoders })
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

  describe("versions and upcasts", () => {
    // Version 1 had `venue` as one string; version 2 splits it into name and city; version 3 adds `online`.
    const ScheduledV3 = Schema.TaggedStruct("ForumScheduled", {
      forumId: Schema.String,
      venue: Schema.Struct({ name: Schema.String, city: Schema.String }),
      online: Schema.Boolean
    })
    const isRecord = (u: unknown): u is Record<string, unknown> => typeof u === "object" && u !== null
    const splitVenue = (data: unknown) => {
      if (!isRecord(data) || typeof data["venue"] !== "string") return data
      const [name = "", city = ""] = data["venue"].split(", ")
      return { ...data, venue: { name, city } }
    }
    const addOnline = (data: unknown) => (isRecord(data) ? { online: false, ...data } : data)
    const Versioned = EventCatalog.make(EventCatalog.versioned(ScheduledV3, splitVenue, addOnline), Opened)
    const at = (schemaVersion: number | undefined, data: unknown): RecordedEvent.StoredEvent => ({
      ...stored("ForumScheduled", data),
      metadata: { occurredAt: new Date(0), ...(schemaVersion === undefined ? {} : { schemaVersion }) }
    })
    const current = {
      _tag: "ForumScheduled" as const,
      forumId: "1",
      venue: { name: "Smesco", city: "Jakarta" },
      online: true
    }

    it("writes the current version of each type; a type given as a plain schema is version 1", () => {
      expect(Versioned.versionOf("ForumScheduled")).toBe(3)
      expect(Versioned.versionOf("ForumOpened")).toBe(1)
      expect(Either.getOrThrow(Versioned.encode(ScheduledV3.make({ ...current }))).schemaVersion).toBe(3)
    })

    it("upcasts data of every older version, one version at a time; no version in the metadata means 1", () => {
      const v1 = { _tag: "ForumScheduled", forumId: "1", venue: "Smesco, Jakarta" }
      const v2 = { _tag: "ForumScheduled", forumId: "1", venue: { name: "Smesco", city: "Jakarta" } }
      const upcast = { ...current, online: false }
      expect(Either.getOrThrow(Versioned.decode(at(undefined, v1))).event).toEqual(upcast)
      expect(Either.getOrThrow(Versioned.decode(at(1, v1))).event).toEqual(upcast)
      expect(Either.getOrThrow(Versioned.decode(at(2, v2))).event).toEqual(upcast)
      expect(Either.getOrThrow(Versioned.decode(at(3, current))).event).toEqual(current)
    })

    it("data from a later release, or an upcast that throws, fails with EventDecodeError saying so", () => {
      const later = Versioned.decode(at(4, current))
      expect(Either.isLeft(later) && later.left.reason).toContain("schema version 4")
      const throwing = EventCatalog.make(
        EventCatalog.versioned(Scheduled, () => {
          throw new Error("no date")
        })
      )
      const failed = throwing.decode(at(1, { _tag: "ForumScheduled", forumId: "1" }))
      expect(Either.isLeft(failed) && failed.left.reason).toContain("no date")
    })
  })
})
