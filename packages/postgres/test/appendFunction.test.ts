import { SqlClient } from "@effect/sql"
import { it } from "@effect/vitest"
import { Effect } from "effect"
import { EventStore, ExpectedVersion } from "@kemitraan/eventsourcing"
import { describe, expect } from "vitest"
import { layerFresh } from "./support/pgStore.js"

/** One append of a batch: its stream, expected version code (-1 any, -2 no stream, -3 exists) and event ids. */
interface Entry {
  readonly stream: string
  readonly expected: number
  readonly ids: ReadonlyArray<string>
}

const callText =
  "SELECT status, version::text, last_position::text FROM kemitraan_append($1::text[], $2::bigint[], $3::integer[], $4::timestamptz[], $5::text[], $6::text[], $7::json, $8::json, $9)"

/** Calls the append function with one batch, as the store's group commit does; answers its rows as text. */
const call = (entries: ReadonlyArray<Entry>, data?: string) =>
  Effect.flatMap(SqlClient.SqlClient, (sql) => {
    const ids = entries.flatMap((e) => e.ids)
    return sql
      .unsafe(callText, [
        entries.map((e) => e.stream),
        entries.map((e) => e.expected),
        entries.map((e) => e.ids.length),
        entries.map(() => "2022-11-24T09:00:00Z"),
        ids,
        ids.map(() => "Counted"),
        data ?? JSON.stringify(ids.map((id) => ({ id }))),
        JSON.stringify(ids.map(() => ({ occurredAt: "2022-11-24T09:00:00.000Z" }))),
        "5000ms"
      ])
      .values.pipe(Effect.map((rows) => rows.map((row) => row.join(" "))))
  })

const storedIds = Effect.flatMap(EventStore.EventStore, (store) =>
  Effect.map(store.readAllPage(0, 1000), (page) =>
    page.map((e) => `${e.position} ${e.streamId}@${e.streamVersion} ${e.eventId}`)
  )
)

describe("kemitraan_append: one batch decides each append as if they came one after the other", () => {
  it.effect(
    "appends on one stream see the versions the earlier appends of the batch left; a refused one writes nothing",
    () =>
      Effect.gen(function* () {
        const store = yield* EventStore.EventStore
        yield* store.append("B", ExpectedVersion.noStream, [
          { eventId: "b1", type: "Counted", data: {}, metadata: { occurredAt: new Date("2022-11-24T09:00:00Z") } }
        ])
        const answers = yield* call([
          { stream: "A", expected: -2, ids: ["a1", "a2"] },
          { stream: "A", expected: 2, ids: ["a3"] },
          { stream: "A", expected: 0, ids: ["x1"] },
          { stream: "C", expected: -3, ids: ["x2"] },
          { stream: "B", expected: -1, ids: ["b1"] },
          { stream: "B", expected: 1, ids: [] },
          { stream: "A", expected: -3, ids: ["a4"] },
          { stream: "B", expected: -1, ids: ["b2"] }
        ])
        expect(answers).toEqual([
          "appended 2 3",
          "appended 3 4",
          "refused 3 4",
          "refused 0 0",
          "refused 1 1",
          "appended 1 1",
          "appended 4 5",
          "appended 2 6"
        ])
        expect(yield* storedIds).toEqual(["1 B@1 b1", "2 A@1 a1", "3 A@2 a2", "4 A@3 a3", "5 A@4 a4", "6 B@2 b2"])
        expect(yield* store.headPosition).toBe(6)
      }).pipe(Effect.provide(layerFresh()))
  )

  it.effect("a batch of one append: the same answers, and a refused append leaves the head where it was", () =>
    Effect.gen(function* () {
      const sql = yield* SqlClient.SqlClient
      const answers: Array<string> = []
      for (const entry of [
        { stream: "A", expected: -2, ids: ["a1", "a2"] },
        { stream: "A", expected: 1, ids: ["x1"] },
        { stream: "A", expected: -1, ids: ["x2", "a2"] },
        { stream: "A", expected: 2, ids: [] },
        { stream: "B", expected: -3, ids: ["x3"] },
        { stream: "B", expected: -2, ids: [] },
        { stream: "B", expected: 0, ids: ["b1"] },
        { stream: "A", expected: -3, ids: ["a3"] }
      ]) {
        answers.push(...(yield* call([entry])))
      }
      expect(answers).toEqual([
        "appended 2 2",
        "refused 2 2",
        "refused 2 2",
        "appended 2 2",
        "refused 0 0",
        "appended 0 0",
        "appended 1 3",
        "appended 3 4"
      ])
      expect(yield* storedIds).toEqual(["1 A@1 a1", "2 A@2 a2", "3 B@1 b1", "4 A@3 a3"])
      const head = yield* sql.unsafe("SELECT position::text FROM log_head").values
      expect(head).toEqual([["4"]])
      const negative = yield* Effect.flip(
        sql.unsafe(callText, [["A"], [-1], [-1], ["2022-11-24T09:00:00Z"], [], [], "[]", "[]", "5000ms"])
      )
      expect(String(negative.cause)).toContain("count")
    }).pipe(Effect.provide(layerFresh()))
  )

  it.effect("two appends of a batch that both pass with one event id: the call fails and writes nothing", () =>
    Effect.gen(function* () {
      const failed = yield* Effect.flip(
        call([
          { stream: "A", expected: -1, ids: ["same"] },
          { stream: "B", expected: -1, ids: ["other", "same"] }
        ])
      )
      expect(String(failed.cause)).toContain("unique")
      expect(yield* storedIds).toEqual([])
      // The store sends such appends alone: the first is stored, the second is an id conflict.
      const store = yield* EventStore.EventStore
      const event = (eventId: string) => ({
        eventId,
        type: "Counted",
        data: {},
        metadata: { occurredAt: new Date("2022-11-24T09:00:00Z") }
      })
      const outcomes = yield* Effect.all(
        [
          Effect.either(store.append("A", ExpectedVersion.any, [event("same")])),
          Effect.either(store.append("B", ExpectedVersion.any, [event("other"), { ...event("same"), data: { n: 1 } }]))
        ],
        { concurrency: "unbounded" }
      )
      expect(outcomes.map((o) => o._tag)).toEqual(["Right", "Left"])
      expect(yield* storedIds).toEqual(["1 A@1 same"])
    }).pipe(Effect.provide(layerFresh()))
  )

  it.effect("each element of the data array is stored as the text it was given", () =>
    Effect.gen(function* () {
      const sql = yield* SqlClient.SqlClient
      // Key order, an escape, a number's spelling and a big integer: json keeps the text as given.
      const texts = ['{"z":1,"a":"\\u00e9 \\"q\\""}', '{"n":1.50,"big":12345678901234567890}', "[]"]
      const answers = yield* call([{ stream: "A", expected: -2, ids: ["t1", "t2", "t3"] }], `[${texts.join(",")}]`)
      expect(answers).toEqual(["appended 3 3"])
      const stored = yield* sql.unsafe("SELECT data::text FROM events ORDER BY position").values
      expect(stored.map((row) => row[0])).toEqual(texts)
    }).pipe(Effect.provide(layerFresh()))
  )

  it.effect("a data or metadata array of another length than the ids: the call fails and writes nothing", () =>
    Effect.gen(function* () {
      const shorter = yield* Effect.flip(
        call([{ stream: "A", expected: -1, ids: ["a1", "a2"] }], JSON.stringify([{ only: "one" }]))
      )
      expect(String(shorter.cause)).toContain("null value")
      const longer = yield* Effect.flip(
        call([{ stream: "A", expected: -1, ids: ["a1", "a2"] }], JSON.stringify([{ n: 1 }, { n: 2 }, { n: 3 }]))
      )
      expect(String(longer.cause)).toContain("null value")
      expect(yield* storedIds).toEqual([])
      expect(yield* Effect.flatMap(EventStore.EventStore, (store) => store.headPosition)).toBe(0)
    }).pipe(Effect.provide(layerFresh()))
  )
})
