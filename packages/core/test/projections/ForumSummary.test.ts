import { describe, expect, it } from "@effect/vitest"
import { ForumSummary, type Province } from "@kemitraan/core"
import { ReadModelRunner, ReadModelStore } from "@kemitraan/eventsourcing"
import { Effect } from "effect"
import * as E from "./events.js"
import * as Example from "./example.js"
import { properties, query, runOver, twoInterleavings } from "./readModel.js"

const summaryOf = (log: E.Log, forumId = Example.forumId) =>
  Effect.gen(function* () {
    const store = yield* runOver(ForumSummary.readModel, log.inStreamOrder())
    return { store, summary: yield* query(store, ForumSummary.summary(forumId)) }
  })

describe("ForumSummary", () => {
  it.effect("reports the worked example of the docs", () =>
    Effect.gen(function* () {
      const { summary } = yield* summaryOf(Example.log())
      expect(summary).toMatchObject({
        forumId: "forum-2022",
        date: "2022-11-24",
        status: "ResultsAnnounced",
        smesRegistered: 4,
        provinces: 3,
        smesEngaged: 3,
        counterpartsJoined: 3,
        counterpartsAssessed: 2,
        consultationsHeld: 4,
        assessments: 3,
        potentialValue: 2_200_000_000n,
        resultsDate: "2022-12-02",
        reported: { potentialValue: 2_200_000_000, smesAssessed: 3 }
      })
      expect(summary?.potentialByCategory).toEqual([
        { category: "machine components and spare parts", potentialValue: 1_500_000_000n },
        { category: "processed food", potentialValue: 400_000_000n },
        { category: "packaging", potentialValue: 300_000_000n }
      ])
      expect(summary?.potentialByCounterpart).toEqual([
        { counterpartId: "inka", legalName: "PT inka", potentialValue: 1_500_000_000n },
        { counterpartId: "bulog", legalName: "PT bulog", potentialValue: 700_000_000n }
      ])
      expect(summary?.smesByProvince).toEqual([
        { province: "35", smes: 2 },
        { province: "12", smes: 1 },
        { province: "33", smes: 1 }
      ])
      expect(summary?.topCategory).toEqual({
        category: "machine components and spare parts",
        potentialValue: 1_500_000_000n,
        counterpart: { counterpartId: "inka", legalName: "PT inka", potentialValue: 1_500_000_000n }
      })
    })
  )

  it.effect(
    "the top category is the one with the largest potential over all counterparts, with its largest asker",
    () =>
      Effect.gen(function* () {
        const meeting = (consultation: string, sme: string, counterpart: string) => ({
          forum: "f",
          consultation,
          sme,
          counterpart
        })
        const log = new E.Log()
          .forum(E.forumScheduled("f", "2023-05-10"))
          .assessment(
            ...E.assessment(meeting("c-1", "s-1", "bulog"), { need: "food", potential: 600 }),
            ...E.assessment(meeting("c-2", "s-2", "bulog"), { need: "packaging", potential: 700 }),
            ...E.assessment(meeting("c-3", "s-3", "lulu"), { need: "food", potential: 500 })
          )
        const { summary } = yield* summaryOf(log, "f")
        expect(summary?.topCategory).toEqual({
          category: "food",
          potentialValue: 1_100n,
          counterpart: { counterpartId: "bulog", legalName: null, potentialValue: 600n }
        })
      })
  )

  it.effect("ties go to the smallest category and counterpart id, whatever the order of the events", () =>
    Effect.gen(function* () {
      const meeting = (consultation: string, counterpart: string) => ({
        forum: "f",
        consultation,
        sme: `s-${consultation}`,
        counterpart
      })
      const events = [
        ...E.assessment(meeting("c-1", "pindad"), { need: "uniforms", potential: 500 }),
        ...E.assessment(meeting("c-2", "inka"), { need: "spare parts", potential: 500 }),
        ...E.assessment(meeting("c-3", "krakatau"), { need: "spare parts", potential: 0 })
      ]
      for (const ordered of [events, [...events].reverse()]) {
        const { summary } = yield* summaryOf(new E.Log().assessment(...ordered), "f")
        expect(summary?.topCategory?.category).toBe("spare parts")
        expect(summary?.topCategory?.counterpart.counterpartId).toBe("inka")
      }
    })
  )

  it.effect("a forum without assessments has no top category and no potential", () =>
    Effect.gen(function* () {
      const { summary } = yield* summaryOf(new E.Log().forum(E.forumScheduled("f", "2023-05-10")), "f")
      expect(summary).toMatchObject({ status: "Scheduled", assessments: 0, potentialValue: 0n, topCategory: null })
    })
  )

  it.effect("knows nothing of a forum the log does not mention", () =>
    Effect.gen(function* () {
      expect((yield* summaryOf(Example.log(), "elsewhere")).summary).toBeUndefined()
    })
  )

  it.effect("the tables hold the summary's figures", () =>
    Effect.gen(function* () {
      const { store } = yield* summaryOf(Example.log())
      const rows = yield* query(store, ReadModelRunner.snapshot(ForumSummary.readModel))
      expect(rows.forum_summary).toEqual([
        expect.objectContaining({
          forumId: "forum-2022",
          smesRegistered: 4,
          potentialValue: 2_200_000_000n,
          topCategory: "machine components and spare parts",
          topCategoryCounterpartId: "inka",
          reportedPotentialValue: 2_200_000_000,
          reportedSmesRegistered: null
        })
      ])
      const potential = yield* query(store, ReadModelStore.list(ForumSummary.Potential))
      expect(potential.map((row) => [row.category, row.counterpartId, row.potentialValue])).toEqual([
        ["machine components and spare parts", "inka", 1_500_000_000n],
        ["packaging", "bulog", 300_000_000n],
        ["processed food", "bulog", 400_000_000n]
      ])
      const provinces = yield* query(store, ReadModelStore.list(ForumSummary.Provinces))
      expect(provinces.map((row) => [row.province, row.smes])).toEqual([
        ["12", 1],
        ["33", 1],
        ["35", 2]
      ])
    })
  )

  it.effect("an SME registered again from another province moves to it", () =>
    Effect.gen(function* () {
      const sme = (province: Province.ProvinceCode): E.SmeProfile => ({ ...Example.smeA, province })
      const log = new E.Log().forum(
        E.forumScheduled("f", "2023-05-10"),
        E.smeRegistered("f", sme("35")),
        E.smeRegistered("f", Example.smeB),
        E.smeRegistered("f", sme("33"))
      )
      const { summary } = yield* summaryOf(log, "f")
      expect(summary).toMatchObject({ smesRegistered: 2, provinces: 1, smesByProvince: [{ province: "33", smes: 2 }] })
    })
  )
})

describe("ForumSummary as tables", () => {
  properties(ForumSummary.readModel)

  it.effect.prop(
    "the summaries are the same in any interleaving of the streams, and the top category leads its forum",
    [twoInterleavings],
    ([[first, second]]) =>
      Effect.gen(function* () {
        const summaries = (entries: typeof first) =>
          Effect.flatMap(runOver(ForumSummary.readModel, entries), (store) => query(store, ForumSummary.summaries))
        const summarised = yield* summaries(first)
        expect(yield* summaries(second)).toEqual(summarised)
        for (const summary of summarised) {
          const [leader] = summary.potentialByCategory
          expect(summary.topCategory?.category ?? null).toBe(leader?.category ?? null)
          expect(summary.topCategory?.potentialValue ?? null).toBe(leader?.potentialValue ?? null)
        }
      }),
    { fastCheck: { numRuns: 100 } }
  )
})
