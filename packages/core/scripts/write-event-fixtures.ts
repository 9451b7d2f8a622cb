/**
 * Writes the event fixtures of a release: one stored event of every type the catalogue holds, as
 * the store keeps it (data and metadata as JSON), drawn with a fixed seed. A fixture file is written
 * once per release and never changed after: `EventFixtures.test.ts` reads every file with the
 * current catalogue, so each release proves it still reads what the earlier ones wrote.
 *
 *   npx tsx packages/core/scripts/write-event-fixtures.ts 0.2.0
 */
import { KemitraanEvent } from "@kemitraan/core"
import { KemitraanArbitrary } from "@kemitraan/core/testing"
import { EventStore, RecordedEvent } from "@kemitraan/eventsourcing"
import { Either, FastCheck as fc, Schema } from "effect"
import { access, writeFile } from "node:fs/promises"
import { fileURLToPath } from "node:url"

const release = process.argv[2]
if (release === undefined || !/^\d+\.\d+\.\d+$/.test(release)) {
  console.error("usage: write-event-fixtures.ts <release, e.g. 0.2.0>")
  process.exit(2)
}
const target = fileURLToPath(new URL(`../test/fixtures/events/${release}.json`, import.meta.url))
const exists = await access(target).then(
  () => true,
  () => false
)
if (exists) {
  console.error(`the fixtures of ${release} exist already; a release's fixtures are never rewritten`)
  process.exit(1)
}

const catalog = KemitraanEvent.KemitraanEvents
const encodeMetadata = Schema.encodeSync(RecordedEvent.EventMetadata)
const byType = new Map<string, unknown>()
let seed = 20_221_124
while (byType.size < catalog.types.length) {
  for (const event of fc.sample(KemitraanArbitrary.event, { numRuns: 200, seed: seed++ })) {
    if (byType.has(event._tag)) continue
    const at = new Date(Date.UTC(2022, 10, 24, 2, byType.size))
    const metadata = EventStore.metadataAt(
      { occurredAt: at, recordedAt: new Date(Date.UTC(2026, 10, 30)), given: true },
      { commandId: `fixture/${event._tag}`, commandHash: "0123456789abcdef", provenance: "synthetic" }
    )
    const [stored] = Either.getOrThrow(EventStore.encodeAll(catalog, "Fixture-1", [event], metadata, ["e-1"]))
    if (stored === undefined) throw new Error("nothing encoded")
    byType.set(event._tag, { type: stored.type, data: stored.data, metadata: encodeMetadata(stored.metadata) })
  }
}
const events = catalog.types.map((type) => byType.get(type))
await writeFile(target, `${JSON.stringify({ release, events }, null, 2)}\n`)
console.log(`wrote ${events.length} events to test/fixtures/events/${release}.json`)
