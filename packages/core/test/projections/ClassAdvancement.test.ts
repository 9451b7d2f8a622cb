import { describe, expect, it } from "@effect/vitest"
import { BusinessClass, ClassAdvancement } from "@kemitraan/core"
import * as E from "./events.js"
import * as Example from "./example.js"
import { fold, recorded } from "./world.js"

const stateOf = (log: E.Log) => fold(ClassAdvancement.projection, recorded(log.inStreamOrder()))

const sme = (id: string, foundedYear = 2015, formal = true): E.SmeProfile => ({
  id,
  foundedYear,
  nib: formal ? "0220000000001" : undefined
})

/** The class of the only year an SME reported. */
const classOfOnlyYear = (foundedYear: number, year: number, amounts: { sales: number; capital: number }) => {
  const state = stateOf(new E.Log().participant(E.smeEnrolled(sme("s", foundedYear)), E.figures("s", year, amounts)))
  const [only] = ClassAdvancement.history(state, "s")?.years ?? []
  return { basis: only?.basis, businessClass: only?.businessClass }
}

/** Every ceiling of a table: one rupiah below and at it stay in the class, one above is the next class. */
const aroundCeilings = (ceilings: typeof BusinessClass.salesCeilings | typeof BusinessClass.capitalCeilings) =>
  (["Micro", "Small", "Medium"] as const).flatMap((businessClass, rank) => [
    { amount: ceilings[businessClass] - 1, expected: businessClass },
    { amount: ceilings[businessClass], expected: businessClass },
    { amount: ceilings[businessClass] + 1, expected: BusinessClass.all[rank + 1] }
  ])

describe("ClassAdvancement: the class of a year (PP 7/2021 art. 35)", () => {
  const sales = aroundCeilings(BusinessClass.salesCeilings)
  it.each(sales)("annual sales of Rp$amount classify an existing business as $expected", ({ amount, expected }) => {
    // a capital that would make it large, to show that sales decide
    expect(classOfOnlyYear(2015, 2021, { sales: amount, capital: 20_000_000_000 })).toEqual({
      basis: "AnnualSales",
      businessClass: expected
    })
  })

  const capital = aroundCeilings(BusinessClass.capitalCeilings)
  it.each(capital)("business capital of Rp$amount classifies a new business as $expected", ({ amount, expected }) => {
    // in its founding year, with sales that would make it large, to show that capital decides
    expect(classOfOnlyYear(2021, 2021, { sales: 60_000_000_000, capital: amount })).toEqual({
      basis: "BusinessCapital",
      businessClass: expected
    })
  })

  it("a business without sales is classified by its capital, even years after its founding", () => {
    expect(classOfOnlyYear(2015, 2021, { sales: 0, capital: 3_000_000_000 })).toEqual({
      basis: "BusinessCapital",
      businessClass: "Small"
    })
  })

  it("a correction replaces the figures of its year", () => {
    const state = stateOf(
      new E.Log().participant(
        E.smeEnrolled(sme("s")),
        E.figures("s", 2021, { sales: 1_900_000_000, capital: 1 }),
        E.figures("s", 2021, { sales: 2_100_000_000, capital: 1 }, "audited")
      )
    )
    expect(ClassAdvancement.history(state, "s")?.years).toEqual([
      {
        year: 2021,
        annualSales: 2_100_000_000,
        businessCapital: 1,
        workers: 5,
        basis: "AnnualSales",
        businessClass: "Small"
      }
    ])
  })
})

describe("ClassAdvancement: a participant's history", () => {
  it("years reported out of order are read in year order: baseline the earliest, current the latest", () => {
    const state = stateOf(
      new E.Log().participant(
        E.smeEnrolled(sme("s")),
        E.figures("s", 2023, { sales: 16_000_000_000, capital: 1 }),
        E.figures("s", 2021, { sales: 3_000_000_000, capital: 1 })
      )
    )
    const history = ClassAdvancement.history(state, "s")
    expect(history?.years.map((entry) => entry.year)).toEqual([2021, 2023])
    expect(history?.baseline?.businessClass).toBe("Small")
    expect(history?.current?.businessClass).toBe("Medium")
    expect(history?.outcome).toBe("Advanced")
  })

  it.each([
    { sales: [3_000_000_000, 1_000_000_000], outcome: "Declined" },
    { sales: [3_000_000_000, 14_000_000_000], outcome: "Stayed" },
    { sales: [40_000_000_000, 51_000_000_000], outcome: "Advanced" },
    { sales: [3_000_000_000], outcome: "Unmeasured" },
    { sales: [], outcome: "Unmeasured" }
  ])("sales of $sales over successive years: $outcome", ({ sales, outcome }) => {
    const log = new E.Log().participant(E.smeEnrolled(sme("s")))
    sales.forEach((amount, index) => log.participant(E.figures("s", 2021 + index, { sales: amount, capital: 1 })))
    expect(ClassAdvancement.history(stateOf(log), "s")?.outcome).toBe(outcome)
  })

  it("records formalisation: informal at enrolment, and the year it obtained an NIB", () => {
    const state = stateOf(
      new E.Log().participant(E.smeEnrolled(sme("s", 2015, false)), E.formalised("s", "0230000000009"))
    )
    expect(ClassAdvancement.history(state, "s")).toMatchObject({ informalAtEnrolment: true, formalisedIn: 2023 })
  })
})

describe("ClassAdvancement: a forum's cohort", () => {
  it("reports the worked example of the docs", () => {
    const state = stateOf(Example.log())
    const cohort = ClassAdvancement.cohort(state, Example.forumId)
    expect(cohort).toMatchObject({
      year: 2022,
      smes: 4,
      measured: 3,
      advanced: 2,
      stayed: 1,
      declined: 0,
      unmeasured: 1,
      advancementRate: 2 / 3,
      formalisation: { informalAtRegistration: 2, formalised: 1, formalisationRate: 0.5 }
    })
    expect(cohort?.transitions).toEqual([
      { from: "Micro", to: "Small", smes: 2 },
      { from: "Small", to: "Small", smes: 1 }
    ])
    expect(
      cohort?.byProvince.map(({ province, measured, advanced, advancementRate }) => [
        province,
        measured,
        advanced,
        advancementRate
      ])
    ).toEqual([
      ["12", 0, 0, null],
      ["33", 1, 0, 0],
      ["35", 2, 2, 1]
    ])
    expect(cohort?.bySector.map(({ sector, smes, advanced }) => [sector, smes, advanced])).toEqual([
      ["A", 1, 0],
      ["C", 2, 1],
      ["G", 1, 1]
    ])
    const outcomes = ClassAdvancement.cohortOutcomes(state, Example.forumId)
    expect(
      outcomes.map((o) => [
        o.smeId,
        o.baseline?.year,
        o.baseline?.businessClass,
        o.current?.year,
        o.current?.businessClass,
        o.outcome
      ])
    ).toEqual([
      ["sme-a", 2021, "Micro", 2023, "Small", "Advanced"],
      ["sme-b", 2021, "Small", 2023, "Small", "Stayed"],
      ["sme-c", 2022, "Micro", 2023, "Small", "Advanced"],
      ["sme-d", 2021, "Micro", 2021, "Micro", "Unmeasured"]
    ])
    expect(outcomes.find((o) => o.smeId === "sme-c")?.baseline?.basis).toBe("BusinessCapital")
  })

  it("the baseline of a cohort is the latest year before the forum's year, not the first report", () => {
    const log = new E.Log()
      .participant(
        E.smeEnrolled(sme("s")),
        E.figures("s", 2019, { sales: 1_000_000_000, capital: 1 }),
        E.figures("s", 2021, { sales: 3_000_000_000, capital: 1 }),
        E.figures("s", 2023, { sales: 3_500_000_000, capital: 1 })
      )
      .forum(E.forumScheduled("f", "2022-11-24"), E.smeRegistered("f", sme("s")))
    const state = stateOf(log)
    const [outcome] = ClassAdvancement.cohortOutcomes(state, "f")
    expect([outcome?.baseline?.year, outcome?.outcome]).toEqual([2021, "Stayed"])
    expect(ClassAdvancement.history(state, "s")?.outcome).toBe("Advanced")
  })

  it("an SME registered as formal is not counted in formalisation; an informal one that stays so is", () => {
    const log = new E.Log()
      .participant(E.smeEnrolled(sme("formal")), E.smeEnrolled(sme("informal", 2015, false)))
      .forum(
        E.forumScheduled("f", "2022-11-24"),
        E.smeRegistered("f", sme("formal")),
        E.smeRegistered("f", sme("informal", 2015, false))
      )
    expect(ClassAdvancement.cohort(stateOf(log), "f")?.formalisation).toEqual({
      informalAtRegistration: 1,
      formalised: 0,
      formalisationRate: 0
    })
  })

  it("rows hold every year, participant, cohort member and transition for table sinks", () => {
    const rows = ClassAdvancement.rows(stateOf(Example.log()))
    expect(rows.years).toHaveLength(7)
    expect(rows.participants.map((row) => [row.participantId, row.outcome])).toEqual([
      ["sme-a", "Advanced"],
      ["sme-b", "Stayed"],
      ["sme-c", "Advanced"],
      ["sme-d", "Unmeasured"]
    ])
    expect(rows.cohorts.filter((row) => row.formalised).map((row) => row.smeId)).toEqual(["sme-b"])
    expect(rows.transitions).toEqual([
      { forumId: "forum-2022", from: "Micro", to: "Small", smes: 2 },
      { forumId: "forum-2022", from: "Small", to: "Small", smes: 1 }
    ])
  })
})
