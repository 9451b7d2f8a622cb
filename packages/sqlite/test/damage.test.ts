import { SqlClient } from "@effect/sql"
import { it } from "@effect/vitest"
import { Effect, Schema, Stream } from "effect"
import { EventCatalog, EventStore, EventStoreError, ExpectedVersion } from "@kemitraan/eventsourcing"
import { SqliteStore } from "@kemitraan/sqlite"
import { describe, expect } from "vitest"

const Counted = Schema.TaggedStruct("Counted", { n: Schema.Int })
const Catalog = EventCatalog.make(Counted)

/** Three streams of three events: positions 1-3 in A, 4-6 in B, 7-9 in C. */
const seed = Effect.forEach(
  ["A", "B", "C"],
  (streamId) =>
    EventStore.appendEvents(
      Catalog,
      streamId,
      ExpectedVersion.noStream,
      [1, 2, 3].map((n) => Counted.make({ n }))
    ),
  { discard: true }
)

const damage = (position: number, column: "data" | "metadata", text: string) =>
  Effect.flatMap(
    SqlClient.SqlClient,
    (sql) => sql`UPDATE events SET ${sql(column)} = ${text} WHERE position = ${position}`
  )

const expectDecodeErrorAt = (error: unknown, position: number, streamId: string, streamVersion: number) => {
  expect(error).toBeInstanceOf(EventStoreError.EventDecodeError)
  expect(error).toMatchObject({ position, streamId, streamVersion })
}

const withDamagedStore = <A, E>(
  position: number,
  column: "data" | "metadata",
  text: string,
  test: Effect.Effect<A, E, EventStore.EventStore | SqlClient.SqlClient>
) =>
  Effect.gen(function* () {
    yield* seed
    yield* damage(position, column, text)
    return yield* test
  }).pipe(Effect.provide(SqliteStore.layerMemory))

describe("a damaged row", () => {
  it.effect("data edited to invalid JSON: a typed decode error naming position, stream and version", () =>
    withDamagedStore(
      5,
      "data",
      '{"_tag":"Counted","n":',
      Effect.gen(function* () {
        const store = yield* EventStore.EventStore
        expectDecodeErrorAt(yield* Effect.flip(store.readStream("B")), 5, "B", 2)
        expectDecodeErrorAt(yield* Effect.flip(store.readAllPage(0, 100)), 5, "B", 2)
        const error = yield* Effect.flip(Stream.runDrain(EventStore.readAllEvents(Catalog)))
        expect(error.message).toContain("position 5")
      })
    )
  )

  it.effect("data that no longer fits its schema: a typed decode error naming its position", () =>
    withDamagedStore(
      8,
      "data",
      '{"_tag":"Counted","n":"eight"}',
      Effect.gen(function* () {
        expect(yield* EventStore.EventStore.pipe(Effect.flatMap((store) => store.readStream("C")))).toHaveLength(3)
        expectDecodeErrorAt(yield* Effect.flip(EventStore.readStreamEvents(Catalog, "C")), 8, "C", 2)
      })
    )
  )

  it.effect("metadata that is not JSON, or lacks its date: a typed decode error naming its position", () =>
    withDamagedStore(
      2,
      "metadata",
      '{"occurredAt":"not a date"}',
      Effect.gen(function* () {
        const store = yield* EventStore.EventStore
        expectDecodeErrorAt(yield* Effect.flip(store.readStream("A")), 2, "A", 2)
        yield* damage(3, "metadata", "{")
        expectDecodeErrorAt(yield* Effect.flip(store.readStream("A", { fromVersion: 3 })), 3, "A", 3)
      })
    )
  )

  it.effect("the rest of the store stays readable and writable around the damaged row", () =>
    withDamagedStore(
      5,
      "data",
      "not json",
      Effect.gen(function* () {
        const store = yield* EventStore.EventStore
        expect((yield* EventStore.readStreamEvents(Catalog, "A")).map((e) => e.event.n)).toEqual([1, 2, 3])
        expect((yield* store.readStream("B", { maxCount: 1 })).map((e) => e.position)).toEqual([4])
        expect((yield* store.readAllPage(0, 4)).map((e) => e.position)).toEqual([1, 2, 3, 4])
        expect((yield* store.readAllPage(5, 100)).map((e) => e.position)).toEqual([6, 7, 8, 9])
        yield* EventStore.appendEvents(Catalog, "C", ExpectedVersion.exact(3), [Counted.make({ n: 4 })])
        expect(yield* store.headPosition).toBe(10)
      })
    )
  )
})
