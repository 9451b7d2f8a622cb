import { describe, expect, it } from "@effect/vitest"
import { Province, Rupiah, SupplyChain } from "@kemitraan/core"
import { ReadModelRunner, ReadModelStore } from "@kemitraan/eventsourcing"
import { Effect } from "effect"
import * as E from "./events.js"
import * as Example from "./example.js"
import { properties, query, runOver } from "./readModel.js"
import { log } from "./world.js"

const storeOf = (log: E.Log) => runOver(SupplyChain.readModel, log.inStreamOrder())

const stages = (funnel: SupplyChain.Funnel) => [
  funnel.consulted,
  funnel.assessed,
  funnel.vendorRegistered,
  funnel.contracted,
  funnel.delivered
]

/** Runs a test's queries against the worked example's tables. */
const onExample = <A, E>(effect: Effect.Effect<A, E, ReadModelStore.ReadModelStore>) =>
  Effect.flatMap(storeOf(Example.log()), (store) => query(store, effect))

describe("SupplyChain", () => {
  const forumId = Example.forumId

  it.effect("the funnel of the worked example: stages, conversions, values, integrated SMEs", () =>
    onExample(
      Effect.gen(function* () {
        const funnel = {
          consulted: 4,
          assessed: 3,
          vendorRegistered: 2,
          contracted: 2,
          delivered: 1,
          conversion: {
            consultedToAssessed: 0.75,
            assessedToVendorRegistered: 2 / 3,
            vendorRegisteredToContracted: 1,
            contractedToDelivered: 0.5,
            consultedToDelivered: 0.25
          },
          closedWithoutDeal: 1,
          potentialValue: 2_200_000_000n,
          contractedValue: 1_150_000_000n,
          deliveredValue: 900_000_000n,
          smes: 3,
          integratedSmes: 1,
          integrationRate: 1 / 3
        }
        // the forum's row, and the same counted from the engagements
        expect(yield* SupplyChain.funnel({ forumId })).toEqual(funnel)
        expect(yield* SupplyChain.funnel()).toEqual(funnel)
      })
    )
  )

  it.effect("breaks the funnel down by counterpart, category (need) and province", () =>
    onExample(
      Effect.gen(function* () {
        const by = (dimension: SupplyChain.Dimension) =>
          Effect.map(SupplyChain.funnelBy(dimension, { forumId }), (groups) =>
            groups.map(({ key, funnel }) => [key, ...stages(funnel)])
          )
        expect(yield* by("counterpart")).toEqual([
          ["bulog", 2, 2, 1, 1, 0],
          ["inka", 2, 1, 1, 1, 1]
        ])
        expect(yield* by("category")).toEqual([
          ["machine components and spare parts", 1, 1, 1, 1, 1],
          ["packaging", 1, 1, 0, 0, 0],
          ["processed food", 1, 1, 1, 1, 0],
          [null, 1, 0, 0, 0, 0]
        ])
        expect(yield* by("province")).toEqual([
          ["33", 1, 1, 1, 1, 0],
          ["35", 3, 2, 1, 1, 1]
        ])
      })
    )
  )

  it.effect("filters the funnel of a forum by counterpart", () =>
    onExample(
      Effect.gen(function* () {
        const inka = yield* SupplyChain.funnel({ forumId, counterpartId: "inka" })
        expect([...stages(inka), inka.potentialValue, inka.deliveredValue]).toEqual([
          2,
          1,
          1,
          1,
          1,
          1_500_000_000n,
          900_000_000n
        ])
        expect((yield* SupplyChain.funnel({ forumId: "elsewhere" })).consulted).toBe(0)
      })
    )
  )

  it.effect("a no-show is no engagement; each pair has its furthest stage", () =>
    onExample(
      Effect.gen(function* () {
        expect(yield* SupplyChain.pair("sme-a", "inka")).toEqual({
          smeId: "sme-a",
          counterpartId: "inka",
          stage: "Delivered",
          engagements: 1,
          potentialValue: 1_500_000_000n,
          contractedValue: 900_000_000n,
          deliveredValue: 900_000_000n
        })
        const pairs = yield* SupplyChain.pairsOf("sme-c")
        expect(pairs.map((pair) => [pair.counterpartId, pair.stage])).toEqual([
          ["bulog", "Assessed"],
          ["inka", "Consulted"]
        ])
        expect(yield* SupplyChain.pair("sme-d", "pindad")).toBeUndefined()
        const integrated = yield* Effect.forEach(["sme-a", "sme-b", "sme-c", "sme-d"], SupplyChain.isIntegrated)
        expect(integrated).toEqual([true, false, false, false])
        expect(yield* SupplyChain.provinceOf("sme-b")).toBe("33")
        expect(yield* SupplyChain.provinceOf("nobody")).toBeNull()
        expect(yield* SupplyChain.counterpartName("inka")).toBe("PT inka")
        expect(yield* SupplyChain.counterpartName("nobody")).toBeNull()
      })
    )
  )

  it.effect("a pair that meets at two forums keeps its furthest stage; the funnel counts each meeting", () =>
    Effect.gen(function* () {
      const meeting = (forum: string) => ({ forum, consultation: "c-1", sme: "s", counterpart: "inka" })
      const log = new E.Log()
        .assessment(...E.assessment(meeting("f-1"), { need: "spare parts", potential: 1_000 }, { depth: 3 }))
        .forum(...E.consultation(meeting("f-2"), "Held"))
      const twice = yield* storeOf(log)
      expect(yield* query(twice, SupplyChain.pair("s", "inka"))).toMatchObject({ stage: "Delivered", engagements: 2 })
      const funnel = yield* query(twice, SupplyChain.funnel({ counterpartId: "inka" }))
      expect(stages(funnel)).toEqual([2, 1, 1, 1, 1])
      expect(funnel).toMatchObject({ smes: 1, integratedSmes: 1 })
    })
  )

  it.effect("a partial delivery counts the delivered value, not the contract's", () =>
    Effect.gen(function* () {
      const meeting = { forum: "f", consultation: "c-1", sme: "s", counterpart: "inka" }
      const partly = yield* storeOf(
        new E.Log().assessment(
          ...E.assessment(meeting, { need: "spare parts", potential: 1_000 }, { depth: 3, deliveredValue: 400 })
        )
      )
      expect(yield* query(partly, SupplyChain.funnel())).toMatchObject({
        contractedValue: 1_000n,
        deliveredValue: 400n,
        delivered: 1
      })
    })
  )

  it.effect("an SME whose province changes takes its engagements, in every forum, to the new province", () =>
    Effect.gen(function* () {
      const moved = (province: Province.ProvinceCode): E.SmeProfile => ({ ...Example.smeA, province })
      const meeting = (forum: string) => ({ forum, consultation: "c-1", sme: "sme-a", counterpart: "inka" })
      const log = new E.Log()
        .forum(E.smeRegistered("f-1", moved("35")), ...E.consultation(meeting("f-1"), "Held"))
        .forum(E.smeRegistered("f-2", moved("35")), ...E.consultation(meeting("f-2"), "Held"))
        .forum(E.smeRegistered("f-3", moved("12")))
      const store = yield* storeOf(log)
      const provinces = yield* query(store, SupplyChain.funnelBy("province", { forumId: "f-1" }))
      expect(provinces.map(({ key, funnel }) => [key, funnel.consulted, funnel.smes])).toEqual([["12", 1, 1]])
      const engagements = yield* query(store, SupplyChain.engagements({ smeId: "sme-a" }))
      expect(engagements.map((engagement) => [engagement.forumId, engagement.province])).toEqual([
        ["f-1", "12"],
        ["f-2", "12"]
      ])
    })
  )

  it.effect("the tables hold engagements, pairs and per-forum funnels", () =>
    onExample(
      Effect.gen(function* () {
        const rows = yield* ReadModelRunner.snapshot(SupplyChain.readModel)
        const engagements = yield* ReadModelStore.list(SupplyChain.Engagements)
        expect(engagements.map((row) => [row.consultationId, row.stage, row.province, row.need])).toEqual([
          ["c-1", "Delivered", "35", "machine components and spare parts"],
          ["c-2", "Contracted", "33", "processed food"],
          ["c-3", "Assessed", "35", "packaging"],
          ["c-4", "Consulted", "35", null]
        ])
        expect(rows.supply_pair).toHaveLength(4)
        const funnels = yield* ReadModelStore.list(SupplyChain.Funnels)
        expect(funnels.filter((row) => row.dimension === "all")).toEqual([
          {
            forumId,
            dimension: "all",
            key: "",
            consulted: 4,
            assessed: 3,
            vendorRegistered: 2,
            contracted: 2,
            delivered: 1,
            closedWithoutDeal: 1,
            potentialValue: 2_200_000_000n,
            contractedValue: 1_150_000_000n,
            deliveredValue: 900_000_000n,
            smes: 3,
            integratedSmes: 1
          }
        ])
        // Besides the forum, its counterparts, categories and provinces: 2 sectors and 1 counterpart kind.
        expect(funnels).toHaveLength(1 + 2 + 4 + 2 + 2 + 1)
        const bySector = yield* SupplyChain.funnelBy("sector", { forumId })
        expect(bySector.map(({ key, funnel }) => [key, funnel.consulted, funnel.smes])).toEqual([
          ["C", 2, 2],
          ["G", 2, 1]
        ])
        const byKind = yield* SupplyChain.funnelBy("counterpartKind", { forumId })
        expect(byKind.map(({ key, funnel }) => [key, funnel.consulted, funnel.smes])).toEqual([["BUMN", 4, 3]])
      })
    )
  )

  it.effect("a sum past the safe-integer range is exact to the rupiah", () =>
    Effect.gen(function* () {
      const meeting = { forum: "f", consultation: "c-1", sme: "s", counterpart: "inka" }
      const most = Rupiah.make(Rupiah.max - 1)
      let log = new E.Log()
      for (let i = 0; i < 10; i++) {
        log = log.assessment(
          ...E.assessment({ ...meeting, consultation: `c-${i}` }, { need: "parts", potential: most })
        )
      }
      const funnel = yield* query(yield* storeOf(log), SupplyChain.funnel())
      expect(funnel.potentialValue).toBe(10n * BigInt(Rupiah.max) - 10n)
    })
  )
})

describe("SupplyChain as tables", () => {
  properties(SupplyChain.readModel)

  it.effect.prop(
    "every funnel row equals the funnel counted from the engagements it covers",
    [log],
    ([entries]) =>
      Effect.gen(function* () {
        const store = yield* runOver(SupplyChain.readModel, entries)
        const counted = (forumId: string, filter: SupplyChain.Filter) =>
          Effect.map(
            query(store, SupplyChain.funnelBy("forum", filter)),
            (groups) => groups.find((group) => group.key === forumId)?.funnel
          )
        for (const { key: forumId, funnel: whole } of yield* query(store, SupplyChain.funnelBy("forum"))) {
          if (forumId === null) continue
          expect(yield* counted(forumId, { forumId })).toEqual(whole)
          const engagements = yield* query(store, SupplyChain.engagements({ forumId }))
          for (const dimension of ["counterpart", "category", "province"] as const) {
            const groups = yield* query(store, SupplyChain.funnelBy(dimension, { forumId }))
            expect(groups.reduce((sum, group) => sum + group.funnel.consulted, 0)).toBe(whole.consulted)
            for (const { key, funnel } of groups) {
              const filter: SupplyChain.Filter =
                key === null
                  ? {}
                  : dimension === "counterpart"
                    ? { counterpartId: key }
                    : dimension === "category"
                      ? { category: key }
                      : { province: Province.isCode(key) ? key : undefined }
              if (key !== null) {
                expect(yield* counted(forumId, filter)).toEqual(funnel)
                expect(yield* query(store, SupplyChain.funnel({ forumId, ...filter }))).toEqual(funnel)
                continue
              }
              const keyless = engagements.filter((e) => (dimension === "category" ? e.need : e.province) === null)
              expect(funnel.consulted).toBe(keyless.length)
              expect(funnel.smes).toBe(new Set(keyless.map((e) => e.smeId)).size)
            }
          }
        }
      }),
    { fastCheck: { numRuns: 100 } }
  )
})
