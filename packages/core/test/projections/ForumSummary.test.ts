import { describe, expect, it } from "@effect/vitest"
import { ForumSummary } from "@kemitraan/core"
import * as E from "./events.js"
import * as Example from "./example.js"
import { fold, recorded } from "./world.js"

const summaryOf = (log: E.Log, forumId = Example.forumId) => {
  const state = fold(ForumSummary.projection, recorded(log.inStreamOrder()))
  return { state, summary: ForumSummary.summary(state, forumId) }
}

describe("ForumSummary", () => {
  it("reports the worked example of the docs", () => {
    const { summary } = summaryOf(Example.log())
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
      potentialValue: 2_200_000_000,
      resultsDate: "2022-12-02",
      reported: { potentialValue: 2_200_000_000, smesAssessed: 3 }
    })
    expect(summary?.potentialByCategory).toEqual([
      { category: "machine components and spare parts", potentialValue: 1_500_000_000 },
      { category: "processed food", potentialValue: 400_000_000 },
      { category: "packaging", potentialValue: 300_000_000 }
    ])
    expect(summary?.potentialByCounterpart).toEqual([
      { counterpartId: "inka", legalName: "PT inka", potentialValue: 1_500_000_000 },
      { counterpartId: "bulog", legalName: "PT bulog", potentialValue: 700_000_000 }
    ])
    expect(summary?.smesByProvince).toEqual([
      { province: "35", smes: 2 },
      { province: "12", smes: 1 },
      { province: "33", smes: 1 }
    ])
    expect(summary?.topCategory).toEqual({
      category: "machine components and spare parts",
      potentialValue: 1_500_000_000,
      counterpart: { counterpartId: "inka", legalName: "PT inka", potentialValue: 1_500_000_000 }
    })
  })

  it("the top category is the one with the largest potential over all counterparts, with its largest asker", () => {
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
    const { summary } = summaryOf(log, "f")
    expect(summary?.topCategory).toEqual({
      category: "food",
      potentialValue: 1_100,
      counterpart: { counterpartId: "bulog", legalName: null, potentialValue: 600 }
    })
  })

  it("ties go to the smallest category and counterpart id, whatever the order of the events", () => {
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
      const { summary } = summaryOf(new E.Log().assessment(...ordered), "f")
      expect(summary?.topCategory?.category).toBe("spare parts")
      expect(summary?.topCategory?.counterpart.counterpartId).toBe("inka")
    }
  })

  it("a forum without assessments has no top category and no potential", () => {
    const { summary } = summaryOf(new E.Log().forum(E.forumScheduled("f", "2023-05-10")), "f")
    expect(summary).toMatchObject({ status: "Scheduled", assessments: 0, potentialValue: 0, topCategory: null })
  })

  it("knows nothing of a forum the log does not mention", () => {
    expect(summaryOf(Example.log(), "elsewhere").summary).toBeUndefined()
  })

  it("rows hold the summary's figures for a table sink", () => {
    const { state } = summaryOf(Example.log())
    const rows = ForumSummary.rows(state)
    expect(rows.forums).toEqual([
      expect.objectContaining({
        forumId: "forum-2022",
        smesRegistered: 4,
        potentialValue: 2_200_000_000,
        topCategory: "machine components and spare parts",
        topCategoryCounterpartId: "inka",
        reportedPotentialValue: 2_200_000_000,
        reportedSmesRegistered: null
      })
    ])
    expect(rows.potential.map((row) => [row.category, row.counterpartId, row.potentialValue])).toEqual([
      ["machine components and spare parts", "inka", 1_500_000_000],
      ["packaging", "bulog", 300_000_000],
      ["processed food", "bulog", 400_000_000]
    ])
    expect(rows.provinces.map((row) => [row.province, row.smes])).toEqual([
      ["12", 1],
      ["33", 1],
      ["35", 2]
    ])
  })
})
