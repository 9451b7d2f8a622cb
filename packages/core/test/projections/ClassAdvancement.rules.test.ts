import { describe, expect, it } from "@effect/vitest"
import { BusinessClass, ClassAdvancement, Rupiah } from "@kemitraan/core"
import { EventStore, ReadModelRunner, ReadModelStore } from "@kemitraan/eventsourcing"
import { Effect } from "effect"
import * as fc from "effect/FastCheck"
import * as E from "./events.js"
import { appendAll } from "./world.js"

/** The cohort outcome of one SME at a forum, over a log of its figures. */
const outcomeAt = (forumDate: string, foundedYear: number, ...figures: ReturnType<typeof E.figures>[]) =>
  Effect.gen(function* () {
    const profile: E.SmeProfile = { id: "s", foundedYear, nib: "0220000000001" }
    const log = new E.Log()
      .participant(E.smeEnrolled(profile), ...figures)
      .forum(E.forumScheduled("f", forumDate), E.smeRegistered("f", profile))
    yield* appendAll(log.inStreamOrder())
    const store = yield* ReadModelRunner.run(ClassAdvancement.readModel)
    const [outcome] = yield* Effect.provideService(
      ClassAdvancement.cohortOutcomes("f"),
      ReadModelStore.ReadModelStore,
      store
    )
    return outcome
  }).pipe(Effect.provide(EventStore.layerMemory))

const billion = Rupiah.billion

/** Figures reported during their own year: part of a year. */
const partYear = (year: number, amounts: { sales: number; capital: number }) => ({
  ...E.figures("s", year, amounts),
  at: new Date(`${year}-10-24T12:00:00Z`)
})

describe("class advancement: the five counterexamples", () => {
  it.effect("a business that stops trading does not advance from micro to small", () =>
    Effect.gen(function* () {
      const outcome = yield* outcomeAt(
        "2022-11-24",
        2015,
        E.figures("s", 2022, { sales: 1_500_000_000, capital: 2 * billion }),
        E.figures("s", 2023, { sales: 0, capital: 2 * billion })
      )
      // Sales Micro in 2022, capital Small in 2023: compared on capital both years, it stayed.
      expect([outcome?.basis, outcome?.classes, outcome?.outcome]).toEqual([
        "BusinessCapital",
        { from: "Small", to: "Small" },
        "Stayed"
      ])
    })
  )

  it.effect("a business founded in 2022 with the same Rp2.5 bn of sales in 2022 and 2023 does not advance", () =>
    Effect.gen(function* () {
      const same = { sales: 2_500_000_000, capital: 500_000_000 }
      const outcome = yield* outcomeAt("2022-11-24", 2022, E.figures("s", 2022, same), E.figures("s", 2023, same))
      expect([outcome?.basis, outcome?.outcome]).toEqual(["BusinessCapital", "Stayed"])
    })
  )

  it.effect("an SME that reported only 2024 and 2025 is unmeasured for a 2023 forum", () =>
    Effect.gen(function* () {
      const outcome = yield* outcomeAt(
        "2023-06-01",
        2015,
        E.figures("s", 2024, { sales: 1 * billion, capital: 1 }),
        E.figures("s", 2025, { sales: 20 * billion, capital: 1 })
      )
      expect([outcome?.baseline, outcome?.outcome, outcome?.horizons.t2]).toEqual([null, "Unmeasured", "Unmeasured"])
    })
  )

  it.effect("micro → small → micro advanced at t+1, stayed at t+2", () =>
    Effect.gen(function* () {
      const outcome = yield* outcomeAt(
        "2022-11-24",
        2015,
        E.figures("s", 2022, { sales: 1 * billion, capital: 1 }),
        E.figures("s", 2023, { sales: 3 * billion, capital: 1 }),
        E.figures("s", 2024, { sales: 1 * billion, capital: 1 })
      )
      expect(outcome?.horizons).toEqual({ t1: "Advanced", t2: "Stayed", t3: "Unmeasured" })
      expect(outcome?.outcome).toBe("Stayed")
    })
  )

  it.effect("figures of a year not yet over are not a year: not a baseline, not a later year", () =>
    Effect.gen(function* () {
      const outcome = yield* outcomeAt(
        "2022-11-24",
        2015,
        partYear(2022, { sales: 1 * billion, capital: 1 }),
        partYear(2023, { sales: 3 * billion, capital: 1 })
      )
      expect([outcome?.baseline, outcome?.outcome]).toEqual([null, "Unmeasured"])
      // Corrected after the year ended, a year's figures are whole.
      const whole = yield* outcomeAt(
        "2022-11-24",
        2015,
        partYear(2022, { sales: 1 * billion, capital: 1 }),
        E.figures("s", 2022, { sales: 1 * billion, capital: 1 }, "the whole year"),
        partYear(2023, { sales: 3 * billion, capital: 1 })
      )
      expect([whole?.baseline?.year, whole?.current, whole?.outcome]).toEqual([2022, null, "Unmeasured"])
    })
  )
})

const year = fc.record({
  sales: fc.constantFrom(0, 1_000_000_000, 2_000_000_000, 2_000_000_001, 20_000_000_000, 60_000_000_000),
  capital: fc.constantFrom(0, 1_000_000_000, 1_000_000_001, 6_000_000_000, 11_000_000_000),
  whole: fc.boolean()
})

describe("class advancement: the rule", () => {
  it.effect.prop(
    "the cohort outcome compares the latest whole year no later than the forum's with the latest whole year after it, on one basis: sales when both have sales and the first is not the founding year, capital otherwise",
    [
      fc.integer({ min: 2019, max: 2022 }),
      fc.array(fc.option(year, { nil: undefined }), { minLength: 6, maxLength: 6 })
    ],
    ([foundedYear, byYear]) =>
      Effect.gen(function* () {
        const years = byYear.flatMap((entry, i) =>
          entry === undefined || 2020 + i < foundedYear ? [] : [{ year: 2020 + i, ...entry }]
        )
        const figures = years.map(({ year, sales, capital, whole }) =>
          whole ? E.figures("s", year, { sales, capital }) : partYear(year, { sales, capital })
        )
        const outcome = yield* outcomeAt("2022-11-24", foundedYear, ...figures)
        const whole = years.filter((entry) => entry.whole)
        const baseline = whole.filter((entry) => entry.year <= 2022).at(-1)
        const later = whole.filter((entry) => entry.year > 2022).at(-1)
        if (baseline === undefined || later === undefined) {
          expect(outcome?.outcome).toBe("Unmeasured")
          return
        }
        const bySales = baseline.sales > 0 && later.sales > 0 && baseline.year > foundedYear
        const classOf = (entry: typeof baseline) =>
          bySales
            ? BusinessClass.bySales(Rupiah.make(entry.sales))
            : BusinessClass.byCapital(Rupiah.make(entry.capital))
        const step = BusinessClass.rank(classOf(later)) - BusinessClass.rank(classOf(baseline))
        expect(outcome?.basis).toBe(bySales ? "AnnualSales" : "BusinessCapital")
        expect(outcome?.outcome).toBe(step > 0 ? "Advanced" : step < 0 ? "Declined" : "Stayed")
        // A business whose figures did not change never advances.
        if (baseline.sales === later.sales && baseline.capital === later.capital) {
          expect(outcome?.outcome).toBe("Stayed")
        }
      }),
    { fastCheck: { numRuns: 150 } }
  )
})
