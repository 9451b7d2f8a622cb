import { it } from "@effect/vitest"
import { Effect, Either } from "effect"
import { EventStore, ExpectedVersion, type RecordedEvent } from "@kemitraan/eventsourcing"
import { SqliteStore } from "@kemitraan/sqlite"
import { describe, expect } from "vitest"

const metadata: RecordedEvent.EventMetadata = { occurredAt: new Date("2022-11-24T02:00:00.000Z") }

const events = (prefix: string, count: number): Array<RecordedEvent.EventToAppend> =>
  Array.from({ length: count }, (_, i) => ({ eventId: `${prefix}-${i + 1}`, type: "Counted", data: { i }, metadata }))

describe("SQLite group commit", () => {
  it.effect("appends from 32 fibers at once: each keeps its own check; refused ones write nothing and fail alone", () =>
    Effect.gen(function* () {
      const store = yield* EventStore.EventStore
      // Every stream starts at version 1; every fourth append expects the wrong version.
      yield* Effect.forEach(
        Array.from({ length: 32 }, (_, s) => s),
        (s) => store.append(`S-${s}`, ExpectedVersion.noStream, events(`first-${s}`, 1))
      )
      const outcomes = yield* Effect.forEach(
        Array.from({ length: 32 }, (_, s) => s),
        (s) =>
          Effect.either(
            store.append(`S-${s}`, ExpectedVersion.exact(s % 4 === 0 ? 0 : 1), events(`next-${s}`, 1 + (s % 3)))
          ),
        { concurrency: 32 }
      )
      const positions = new Set<number>()
      for (const [s, outcome] of outcomes.entries()) {
        const stream = yield* store.readStream(`S-${s}`)
        if (s % 4 === 0) {
          expect(Either.isLeft(outcome) && outcome.left._tag).toBe("WrongExpectedVersion")
          expect(stream.length).toBe(1)
        } else {
          expect(Either.isRight(outcome) && outcome.right.streamVersion).toBe(2 + (s % 3))
          const next = events(`next-${s}`, 1 + (s % 3)).map((e) => e.eventId)
          expect(stream.map((e) => e.eventId)).toEqual([`first-${s}-1`, ...next])
          for (const e of stream) positions.add(e.position)
        }
      }
      // The log stays dense: positions 1.. with no gaps, whatever batches the appends went in.
      const log = yield* store.readAllPage(0, 1_000)
      expect(log.map((e) => e.position)).toEqual(log.map((_, i) => i + 1))
      expect(positions.size).toBe(log.length - 8)
    }).pipe(Effect.provide(SqliteStore.layerMemory))
  )
})
