import { describe, expect, it } from "@effect/vitest"
import { BusinessClass, ClassAdvancement } from "@kemitraan/core"
import { EventStore, ReadModelRunner, ReadModelStore } from "@kemitraan/eventsourcing"
import { Effect } from "effect"
import * as E from "./events.js"
import * as Example from "./example.js"
import { appendAll } from "./world.js"

/** The read model's tables over a log, folded into an in-memory store that the queries then read. */
const tablesOf = (log: E.Log) =>
  Effect.gen(function* () {
    yield* appendAll(log.inStreamOrder())
    return yield* ReadModelRunner.run(ClassAdvancement.readModel, { pageSize: 3 })
  }).pipe(Effect.provide(EventStore.layerMemory))

/** Runs queries against the tables of a log. */
const against = <A, Err>(log: E.Log, query: Effect.Effect<A, Err, ReadModelStore.ReadModelStore>) =>
  Effect.flatMap(tablesOf(log), (store) => Effect.provideService(query, ReadModelStore.ReadModelStore, store))

const sme = (id: string, foundedYear = 2015, formal = true): E.SmeProfile => ({
  id,
  foundedYear,
  nib: formal ? "0220000000001" : undefined
})

/** The class of the only year an SME reported. */
const classOfOnlyYear = (foundedYear: number, year: number, amounts: { sales: number; capital: number }) =>
  Effect.map(
    against(
      new E.Log().participant(E.smeEnrolled(sme("s", foundedYear)), E.figures("s", year, amounts)),
      ClassAdvancement.history("s")
    ),
    (history) => {
      const [only] = history?.years ?? []
      return { basis: only?.basis, businessClass: only?.businessClass }
    }
  )

/** Every ceiling of a table: one rupiah below and at it stay in the class, one above is the next class. */
const aroundCeilings = (ceilings: typeof BusinessClass.salesCeilings | typeof BusinessClass.capitalCeilings) =>
  (["Micro", "Small", "Medium"] as const).flatMap((businessClass, rank) => [
    { amount: ceilings[businessClass] - 1, expected: businessClass },
    { amount: ceilings[businessClass], expected: businessClass },
    { amount: ceilings[businessClass] + 1, expected: BusinessClass.all[rank + 1] }
  ])

describe("ClassAdvancement: the class of a year (PP 7/2021 art. 35)", () => {
  const sales = aroundCeilings(BusinessClass.salesCeilings)
  it.effect.each(sales)(
    "annual sales of Rp$amount classify an existing business as $expected",
    ({ amount, expected }) =>
      Effect.gen(function* () {
        // a capital that would make it large, to show that sales decide
        expect(yield* classOfOnlyYear(2015, 2021, { sales: amount, capital: 20_000_000_000 })).toEqual({
          basis: "AnnualSales",
          businessClass: expected
        })
      })
  )

  const capital = aroundCeilings(BusinessClass.capitalCeilings)
  it.effect.each(capital)(
    "business capital of Rp$amount classifies a new business as $expected",
    ({ amount, expected }) =>
      Effect.gen(function* () {
        // in its founding year, with sales that would make it large, to show that capital decides
        expect(yield* classOfOnlyYear(2021, 2021, { sales: 60_000_000_000, capital: amount })).toEqual({
          basis: "BusinessCapital",
          businessClass: expected
        })
      })
  )

  it.effect("a business without sales is classified by its capital, even years after its founding", () =>
    Effect.gen(function* () {
      expect(yield* classOfOnlyYear(2015, 2021, { sales: 0, capital: 3_000_000_000 })).toEqual({
        basis: "BusinessCapital",
        businessClass: "Small"
      })
    })
  )

  it.effect("a correction replaces the figures of its year", () =>
    Effect.gen(function* () {
      const log = new E.Log().participant(
        E.smeEnrolled(sme("s")),
        E.figures("s", 2021, { sales: 1_900_000_000, capital: 1 }),
        E.figures("s", 2021, { sales: 2_100_000_000, capital: 1 }, "audited")
      )
      expect((yield* against(log, ClassAdvancement.history("s")))?.years).toEqual([
        {
          year: 2021,
          annualSales: 2_100_000_000,
          businessCapital: 1,
          workers: 5,
          basis: "AnnualSales",
          businessClass: "Small",
          complete: true
        }
      ])
    })
  )

  it.effect("figures seen before the founding year are classified again when it is seen", () =>
    Effect.gen(function* () {
      // in the founding year capital decides: Rp3 billion of capital is small, Rp60 billion of sales large
      const figures = E.figures("s", 2021, { sales: 60_000_000_000, capital: 3_000_000_000 })
      const log = new E.Log().add("late", figures).participant(E.smeEnrolled(sme("s", 2021)))
      const history = yield* against(log, ClassAdvancement.history("s"))
      expect(history?.years.map(({ basis, businessClass }) => [basis, businessClass])).toEqual([
        ["BusinessCapital", "Small"]
      ])
    })
  )
})

describe("ClassAdvancement: a participant's history", () => {
  it.effect("years reported out of order are read in year order: baseline the earliest, current the latest", () =>
    Effect.gen(function* () {
      const log = new E.Log().participant(
        E.smeEnrolled(sme("s")),
        E.figures("s", 2023, { sales: 16_000_000_000, capital: 1 }),
        E.figures("s", 2021, { sales: 3_000_000_000, capital: 1 })
      )
      const history = yield* against(log, ClassAdvancement.history("s"))
      expect(history?.years.map((entry) => entry.year)).toEqual([2021, 2023])
      expect(history?.baseline?.businessClass).toBe("Small")
      expect(history?.current?.businessClass).toBe("Medium")
      expect(history?.outcome).toBe("Advanced")
    })
  )

  it.effect.each([
    { sales: [3_000_000_000, 1_000_000_000], outcome: "Declined" },
    { sales: [3_000_000_000, 14_000_000_000], outcome: "Stayed" },
    { sales: [40_000_000_000, 51_000_000_000], outcome: "Advanced" },
    { sales: [3_000_000_000], outcome: "Unmeasured" },
    { sales: [], outcome: "Unmeasured" }
  ])("sales of $sales over successive years: $outcome", ({ sales, outcome }) =>
    Effect.gen(function* () {
      const log = new E.Log().participant(E.smeEnrolled(sme("s")))
      sales.forEach((amount, index) => log.participant(E.figures("s", 2021 + index, { sales: amount, capital: 1 })))
      expect((yield* against(log, ClassAdvancement.history("s")))?.outcome).toBe(outcome)
    })
  )

  it.effect("records formalisation: informal at enrolment, and the year it obtained an NIB", () =>
    Effect.gen(function* () {
      const log = new E.Log().participant(E.smeEnrolled(sme("s", 2015, false)), E.formalised("s", "0230000000009"))
      expect(yield* against(log, ClassAdvancement.history("s"))).toMatchObject({
        informalAtEnrolment: true,
        formalisedIn: 2023
      })
    })
  )

  it.effect("an SME the log holds nothing of has no history, a forum nothing of no cohort", () =>
    Effect.gen(function* () {
      const log = Example.log()
      expect(yield* against(log, ClassAdvancement.history("nobody"))).toBeUndefined()
      expect(yield* against(log, ClassAdvancement.cohort("no-forum"))).toBeUndefined()
      expect(yield* against(log, ClassAdvancement.cohortOutcomes("no-forum"))).toEqual([])
    })
  )
})

/** An SME that reported 2019 (micro), 2021 and 2023 (both small). */
const smallFor2019To2023 = () =>
  new E.Log().participant(
    E.smeEnrolled(sme("s")),
    E.figures("s", 2019, { sales: 1_000_000_000, capital: 1 }),
    E.figures("s", 2021, { sales: 3_000_000_000, capital: 1 }),
    E.figures("s", 2023, { sales: 3_500_000_000, capital: 1 })
  )

describe("ClassAdvancement: a forum's cohort", () => {
  it.effect("reports the worked example of the docs", () =>
    Effect.gen(function* () {
      const log = Example.log()
      const cohort = yield* against(log, ClassAdvancement.cohort(Example.forumId))
      expect(cohort).toMatchObject({
        year: 2022,
        smes: 4,
        measured: 3,
        advanced: 1,
        stayed: 2,
        declined: 0,
        unmeasured: 1,
        advancementRate: 1 / 3,
        formalisation: { informalAtRegistration: 2, formalised: 1, formalisationRate: 0.5 }
      })
      expect(cohort?.transitions).toEqual([
        { from: "Micro", to: "Micro", smes: 1 },
        { from: "Micro", to: "Small", smes: 1 },
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
        ["35", 2, 1, 0.5]
      ])
      expect(cohort?.bySector.map(({ sector, smes, advanced }) => [sector, smes, advanced])).toEqual([
        ["A", 1, 0],
        ["C", 2, 1],
        ["G", 1, 0]
      ])
      const outcomes = yield* against(log, ClassAdvancement.cohortOutcomes(Example.forumId))
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
        ["sme-c", 2022, "Micro", 2023, "Small", "Stayed"],
        ["sme-d", 2021, "Micro", undefined, undefined, "Unmeasured"]
      ])
      // Founded in 2022: its first year's sales are part of a year, so both years compare by capital.
      const smeC = outcomes.find((o) => o.smeId === "sme-c")
      expect([smeC?.basis, smeC?.classes]).toEqual(["BusinessCapital", { from: "Micro", to: "Micro" }])
      expect(ClassAdvancement.transitionsOf(outcomes)).toEqual(cohort?.transitions)
      expect(ClassAdvancement.advancementOf(outcomes)).toMatchObject({ smes: 4, measured: 3, advanced: 1 })
    })
  )

  it.effect(
    "the baseline of a cohort is the latest whole year no later than the forum's year, not the first report",
    () =>
      Effect.gen(function* () {
        const log = smallFor2019To2023().forum(E.forumScheduled("f", "2022-11-24"), E.smeRegistered("f", sme("s")))
        const [outcome] = yield* against(log, ClassAdvancement.cohortOutcomes("f"))
        expect([outcome?.baseline?.year, outcome?.outcome]).toEqual([2021, "Stayed"])
        expect((yield* against(log, ClassAdvancement.history("s")))?.outcome).toBe("Advanced")
      })
  )

  it.effect("a forum's date seen after its registrations moves the baselines to the years before it", () =>
    Effect.gen(function* () {
      const log = smallFor2019To2023()
        .forum(E.smeRegistered("f", sme("s")))
        .add("late", E.forumScheduled("f", "2022-11-24"))
      const report = yield* against(log, ClassAdvancement.cohort("f"))
      expect(report).toMatchObject({ year: 2022, smes: 1, stayed: 1, advanced: 0 })
      expect(report?.transitions).toEqual([{ from: "Small", to: "Small", smes: 1 }])
    })
  )

  it.effect("an SME registered as formal is not counted in formalisation; an informal one that stays so is", () =>
    Effect.gen(function* () {
      const log = new E.Log()
        .participant(E.smeEnrolled(sme("formal")), E.smeEnrolled(sme("informal", 2015, false)))
        .forum(
          E.forumScheduled("f", "2022-11-24"),
          E.smeRegistered("f", sme("formal")),
          E.smeRegistered("f", sme("informal", 2015, false))
        )
      expect((yield* against(log, ClassAdvancement.cohort("f")))?.formalisation).toEqual({
        informalAtRegistration: 1,
        formalised: 0,
        formalisationRate: 0
      })
    })
  )

  it.effect("the tables hold every year, participant, cohort member and transition", () =>
    Effect.gen(function* () {
      const tables = yield* against(Example.log(), ReadModelRunner.snapshot(ClassAdvancement.readModel))
      expect(tables["class_year"]).toHaveLength(7)
      expect(tables["class_participant"]?.map((row) => [row["participantId"], row["outcome"]])).toEqual([
        ["sme-a", "Advanced"],
        ["sme-b", "Stayed"],
        ["sme-c", "Stayed"],
        ["sme-d", "Unmeasured"]
      ])
      expect(tables["class_cohort"]?.filter((row) => row["formalised"]).map((row) => row["smeId"])).toEqual(["sme-b"])
      expect(tables["class_transition"]).toEqual([
        { forumId: "forum-2022", from: "Micro", to: "Micro", smes: 1 },
        { forumId: "forum-2022", from: "Micro", to: "Small", smes: 1 },
        { forumId: "forum-2022", from: "Small", to: "Small", smes: 1 }
      ])
      expect(tables["class_forum"]).toEqual([{ forumId: "forum-2022", year: 2022 }])
    })
  )
})
