import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Schedule from "effect/Schedule"
import { expect } from "vitest"
import * as CommandHandler from "../../../CommandHandler.js"
import * as Decider from "../../../Decider.js"
import * as EventStore from "../../../EventStore.js"
import { exact, noStream } from "../../../ExpectedVersion.js"
import type { ConformanceCase, ConformanceGroup, ConformanceSettings } from "./ConformanceCase.js"
import { count, Counted, notes, storeCase, type TestEvent, TestEvents, wholeLog } from "./fixtures.js"

const range = (n: number): Array<number> => Array.from({ length: n }, (_, i) => i)

/** Records one number: a decider with no rule, so that only the race decides who waits. */
const recorder = Decider.make<{ readonly n: number }, TestEvent, number>({
  initialState: 0,
  evolve: (total) => total + 1,
  decide: (command) => Either.right([Counted.make({ n: command.n })])
})

const race = (fibers: number): ConformanceCase =>
  storeCase(
    `${fibers} fibers appending at the same exact version: exactly one wins, the others fail with WrongExpectedVersion, and retrying through a command handler loses nothing`,
    Effect.gen(function* () {
      const store = yield* EventStore.EventStore
      yield* store.append("Race", noStream, [count("seed", -1)])
      const outcomes = yield* Effect.all(
        range(fibers).map((n) => Effect.either(store.append("Race", exact(1), [count(`round-1-${n}`, n)]))),
        { concurrency: "unbounded" }
      )
      const winners = outcomes.flatMap((outcome, n) => (Either.isRight(outcome) ? [n] : []))
      expect(winners).toHaveLength(1)
      for (const outcome of outcomes) {
        if (Either.isLeft(outcome)) {
          expect(outcome.left).toMatchObject({
            _tag: "WrongExpectedVersion",
            streamId: "Race",
            expected: exact(1),
            actual: 2
          })
        }
      }
      // Every loser retries through a command handler, which reloads the stream and tries again.
      const handle = CommandHandler.make({
        decider: recorder,
        catalog: TestEvents,
        streamId: () => "Race",
        retry: Schedule.recurs(fibers)
      })
      const losers = range(fibers).filter((n) => n !== winners[0])
      yield* Effect.all(
        losers.map((n) => handle({ n })),
        { concurrency: "unbounded" }
      )
      const events = yield* EventStore.readStreamEvents(TestEvents, "Race")
      const numbers = events.map(({ event }) => (event._tag === "Counted" ? event.n : Number.NaN))
      expect(numbers.sort((a, b) => a - b)).toEqual([-1, ...range(fibers)])
      expect(events.map((event) => event.streamVersion)).toEqual(range(fibers + 1).map((i) => i + 1))
    })
  )

const separateStreams = (fibers: number): ConformanceCase =>
  storeCase(
    `${fibers} fibers appending to separate streams at once all succeed, with distinct positions`,
    Effect.gen(function* () {
      const store = yield* EventStore.EventStore
      const results = yield* Effect.all(
        range(fibers).map((n) => store.append(`S-${n}`, noStream, notes(`s${n}`, 3))),
        { concurrency: "unbounded" }
      )
      const log = yield* wholeLog(store)
      expect(log).toHaveLength(fibers * 3)
      expect(new Set(log.map((event) => event.position)).size).toBe(fibers * 3)
      for (let i = 1; i < log.length; i++) expect(log[i]!.position).toBeGreaterThan(log[i - 1]!.position)
      for (const [n, result] of results.entries()) {
        const events = yield* store.readStream(`S-${n}`)
        expect(events.map((event) => event.streamVersion)).toEqual([1, 2, 3])
        expect(result).toEqual({ streamVersion: 3, position: events[2]!.position })
      }
    })
  )

/** Optimistic concurrency under real contention. */
export const concurrencyGroup = (settings: ConformanceSettings): ConformanceGroup => ({
  name: "concurrency",
  cases: [race(settings.fibers), separateStreams(settings.fibers)]
})
