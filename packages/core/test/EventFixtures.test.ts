import { describe, expect, it } from "@effect/vitest"
import { KemitraanEvent } from "@kemitraan/core"
import { RecordedEvent } from "@kemitraan/eventsourcing"
import { Either, Schema } from "effect"
import { readdirSync, readFileSync } from "node:fs"
import { fileURLToPath } from "node:url"

/**
 * Event evolution: the events every release wrote, kept in `test/fixtures/events/` (one file per
 * release, never edited), stay readable by this release's catalogue, upcast where their schema moved on.
 */
const dir = fileURLToPath(new URL("./fixtures/events/", import.meta.url))

const Fixture = Schema.Struct({
  release: Schema.String,
  events: Schema.Array(Schema.Struct({ type: Schema.String, data: Schema.Unknown, metadata: Schema.Unknown }))
})

const releases = readdirSync(dir)
  .filter((file) => file.endsWith(".json"))
  .map((file) => Schema.decodeUnknownSync(Fixture)(JSON.parse(readFileSync(`${dir}${file}`, "utf8"))))
  .sort((a, b) => a.release.localeCompare(b.release, "en", { numeric: true }))

const catalog = KemitraanEvent.KemitraanEvents
const decodeMetadata = Schema.decodeUnknownSync(RecordedEvent.EventMetadata)

const storedOf = (event: (typeof Fixture.Type)["events"][number], index: number): RecordedEvent.StoredEvent => ({
  eventId: `e-${index + 1}`,
  streamId: "Fixture-1",
  streamVersion: index + 1,
  position: index + 1,
  type: event.type,
  data: event.data,
  metadata: decodeMetadata(event.metadata)
})

describe("event fixtures of every release", () => {
  it("there are fixtures of the first release and of this one", () => {
    expect(releases.map((fixture) => fixture.release)).toEqual(expect.arrayContaining(["0.1.0", "0.2.0"]))
  })

  it.each(releases.map((fixture) => [fixture.release, fixture] as const))(
    "the events release %s wrote decode with this release's catalogue",
    (_, fixture) => {
      fixture.events.forEach((event, index) => {
        const decoded = catalog.decode(storedOf(event, index))
        if (Either.isLeft(decoded)) expect.fail(decoded.left.message)
        expect(decoded.right.event._tag).toBe(event.type)
      })
    }
  )

  it("the latest fixtures hold every event type of the catalogue, each written at its current version", () => {
    const latest = releases.at(-1)
    expect(latest?.events.map((event) => event.type)).toEqual(catalog.types)
    latest?.events.forEach((event, index) => {
      const stored = storedOf(event, index)
      expect(RecordedEvent.schemaVersion(stored.metadata)).toBe(catalog.versionOf(event.type))
      // Written at the current version, it encodes back to the very data the store kept.
      const decoded = Either.getOrThrow(catalog.decode(stored))
      expect(Either.getOrThrow(catalog.encode(decoded.event)).data).toEqual(event.data)
    })
  })

  it("metadata written before recordedAt and schemaVersion existed reads as recorded when it occurred, version 1", () => {
    const [first] = releases[0]?.events ?? []
    if (first === undefined) return expect.fail("no fixtures of the first release")
    const metadata = decodeMetadata(first.metadata)
    expect(RecordedEvent.recordedAt(metadata)).toEqual(metadata.occurredAt)
    expect(RecordedEvent.schemaVersion(metadata)).toBe(1)
  })
})
