import { describe, expect, it } from "@effect/vitest"
import { ClassAdvancement } from "@kemitraan/core"
import { EventStore, ReadModelRunner, ReadModelStore } from "@kemitraan/eventsourcing"
import { Effect, Layer } from "effect"
import * as fc from "fast-check"
import { appendAll, build, choices, type Entry, interleave, log, worldPlan } from "./world.js"

const model = ClassAdvancement.readModel
const forumIds = ["forum-0", "forum-1"]

/** The tables of a log folded in one run, and the answers of the queries over them. */
const foldedOnce = (entries: ReadonlyArray<Entry>) =>
  Effect.gen(function* () {
    yield* appendAll(entries)
    const store = yield* ReadModelRunner.run(model)
    return yield* Effect.provideService(answers(entries), ReadModelStore.ReadModelStore, store)
  }).pipe(Effect.provide(EventStore.layerMemory))

/** Every table's rows, and every cohort's report and every SME's history read through the queries. */
const answers = (entries: ReadonlyArray<Entry>) =>
  Effect.all({
    tables: ReadModelRunner.snapshot(model),
    cohorts: Effect.forEach(forumIds, (forumId) => ClassAdvancement.cohort(forumId)),
    outcomes: Effect.forEach(forumIds, (forumId) => ClassAdvancement.cohortOutcomes(forumId)),
    histories: Effect.forEach(smeIdsOf(entries), (smeId) => ClassAdvancement.history(smeId))
  })

const smeIdsOf = (entries: ReadonlyArray<Entry>): Array<string> =>
  [...new Set(entries.flatMap(({ event }) => (event._tag === "SmeEnrolled" ? [event.participantId] : [])))].sort()

/** The figures of one SME and year: a correction replaces what came before it, so their order is kept. */
const figuresOf = ({ event }: Entry): string | undefined =>
  event._tag === "BusinessFiguresReported" || event._tag === "BusinessFiguresCorrected"
    ? `${event.participantId}/${event.year}`
    : undefined

/**
 * The events of a log in any order, stream order ignored (a forum's date after its registrations,
 * an SME's figures before its enrolment), except that the figures of one SME and year keep theirs.
 */
const anyOrder = (entries: ReadonlyArray<Entry>, keys: ReadonlyArray<number>): Array<Entry> => {
  const order = entries.map((_, i) => i).sort((a, b) => (keys[a] ?? 0) - (keys[b] ?? 0) || a - b)
  const shuffled = order.map((i) => entries[i]!)
  const kept = new Map<string, Array<Entry>>()
  for (const entry of entries) {
    const group = figuresOf(entry)
    if (group !== undefined) kept.set(group, [...(kept.get(group) ?? []), entry])
  }
  return shuffled.map((entry) => {
    const group = figuresOf(entry)
    return group === undefined ? entry : kept.get(group)!.shift()!
  })
}

/** Sort keys for {@link anyOrder}: enough for the largest world. */
const keys = fc.array(fc.nat(), { minLength: 400, maxLength: 400 })

describe("ClassAdvancement does not depend on the order of the log", () => {
  const twoInterleavings = fc.tuple(worldPlan, choices, choices).map(([plan, first, second]) => {
    const streams = build(plan)
    return [interleave(streams, first), interleave(streams, second)] as const
  })

  it.effect.prop(
    "tables, cohorts and histories are the same in any interleaving of the streams",
    [twoInterleavings],
    ([[first, second]]) =>
      Effect.gen(function* () {
        expect(yield* foldedOnce(second)).toEqual(yield* foldedOnce(first))
      }),
    { fastCheck: { numRuns: 100 } }
  )

  it.effect.prop(
    "tables are the same whichever of an SME's figures, its enrolment, a forum's date and its registrations comes first",
    [log, keys],
    ([entries, keys]) =>
      Effect.gen(function* () {
        expect(yield* foldedOnce(anyOrder(entries, keys))).toEqual(yield* foldedOnce(entries))
      }),
    { fastCheck: { numRuns: 100 } }
  )
})

describe("ClassAdvancement catches up in any split", () => {
  const stores = () => Layer.merge(EventStore.layerMemory, ReadModelStore.layerMemory)
  const pageSize = fc.integer({ min: 1, max: 40 })
  const commitEvery = fc.integer({ min: 1, max: 60 })
  /** Few rows kept between commits: the run drops them and loads them again, look-ups or not. */
  const cacheRows = fc.integer({ min: 1, max: 50 })
  const options = { fastCheck: { numRuns: 30 } }

  it.effect.prop(
    "catching up in any pages, commits, runs and cache size gives the tables of one fold over the whole log",
    [log, pageSize, commitEvery, cacheRows, fc.array(fc.nat(), { maxLength: 4 })],
    ([entries, pageSize, commitEvery, cacheRows, cuts]) =>
      Effect.gen(function* () {
        yield* appendAll(entries)
        yield* ReadModelStore.createTables([model])
        const untils = cuts.map((cut) => cut % (entries.length + 1)).sort((a, b) => a - b)
        for (const until of untils) yield* ReadModelRunner.catchUp(model, { pageSize, commitEvery, cacheRows, until })
        const caughtUp = yield* ReadModelRunner.catchUp(model, { pageSize, commitEvery, cacheRows })
        expect(caughtUp.position).toBe(entries.length)
        expect(yield* answers(entries)).toEqual(yield* foldedOnce(entries))
      }).pipe(Effect.provide(stores())),
    options
  )

  it.effect.prop(
    "the tables as of position p equal those of the log cut at p",
    [log, pageSize, fc.nat()],
    ([entries, pageSize, cut]) =>
      Effect.gen(function* () {
        const p = cut % (entries.length + 1)
        yield* appendAll(entries)
        const asOf = yield* ReadModelRunner.asOf(model, p, { pageSize })
        const cutAt = entries.slice(0, p)
        const answered = yield* Effect.provideService(answers(cutAt), ReadModelStore.ReadModelStore, asOf)
        expect(answered).toEqual(yield* foldedOnce(cutAt))
      }).pipe(Effect.provide(EventStore.layerMemory)),
    options
  )
})

describe("ClassAdvancement's tables agree with one another", () => {
  it.effect.prop(
    "each forum's transition counts equal a recount of its cohort's outcomes, and every registered SME is counted once",
    [log, keys],
    ([log, keys]) =>
      Effect.gen(function* () {
        const entries = anyOrder(log, keys)
        const { cohorts, outcomes } = yield* foldedOnce(entries)
        forumIds.forEach((forumId, i) => {
          const registered = new Set(
            entries.flatMap(({ event }) =>
              event._tag === "SmeRegistered" && event.forumId === forumId ? [event.smeId] : []
            )
          )
          const report = cohorts[i]
          const members = outcomes[i] ?? []
          expect(members.map((member) => member.smeId)).toEqual([...registered].sort())
          expect(report?.transitions ?? []).toEqual(ClassAdvancement.transitionsOf(members))
          expect(report?.smes ?? 0).toBe(registered.size)
          expect((report?.transitions ?? []).reduce((sum, cell) => sum + cell.smes, 0)).toBe(report?.measured ?? 0)
        })
      }),
    { fastCheck: { numRuns: 100 } }
  )
})
