import { describe, expect, it } from "@effect/vitest"
import { SupplyChain } from "@kemitraan/core"
import * as E from "./events.js"
import * as Example from "./example.js"
import { fold, recorded } from "./world.js"

const stateOf = (log: E.Log) => fold(SupplyChain.projection, recorded(log.inStreamOrder()))

const stages = (funnel: SupplyChain.Funnel) => [
  funnel.consulted,
  funnel.assessed,
  funnel.vendorRegistered,
  funnel.contracted,
  funnel.delivered
]

describe("SupplyChain", () => {
  const state = stateOf(Example.log())
  const forumId = Example.forumId

  it("the funnel of the worked example: stages, conversions, values, integrated SMEs", () => {
    expect(SupplyChain.funnel(state, { forumId })).toEqual({
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
      potentialValue: 2_200_000_000,
      contractedValue: 1_150_000_000,
      deliveredValue: 900_000_000,
      smes: 3,
      integratedSmes: 1,
      integrationRate: 1 / 3
    })
  })

  it("breaks the funnel down by counterpart, category (need) and province", () => {
    const by = (dimension: SupplyChain.Dimension) =>
      SupplyChain.funnelBy(state, dimension, { forumId }).map(({ key, funnel }) => [key, ...stages(funnel)])
    expect(by("counterpart")).toEqual([
      ["bulog", 2, 2, 1, 1, 0],
      ["inka", 2, 1, 1, 1, 1]
    ])
    expect(by("category")).toEqual([
      ["machine components and spare parts", 1, 1, 1, 1, 1],
      ["packaging", 1, 1, 0, 0, 0],
      ["processed food", 1, 1, 1, 1, 0],
      [null, 1, 0, 0, 0, 0]
    ])
    expect(by("province")).toEqual([
      ["33", 1, 1, 1, 1, 0],
      ["35", 3, 2, 1, 1, 1]
    ])
  })

  it("filters the funnel of a forum by counterpart", () => {
    const inka = SupplyChain.funnel(state, { forumId, counterpartId: "inka" })
    expect([...stages(inka), inka.potentialValue, inka.deliveredValue]).toEqual([
      2, 1, 1, 1, 1, 1_500_000_000, 900_000_000
    ])
    expect(SupplyChain.funnel(state, { forumId: "elsewhere" }).consulted).toBe(0)
  })

  it("a no-show is no engagement; each pair has its furthest stage", () => {
    expect(SupplyChain.pair(state, "sme-a", "inka")).toEqual({
      smeId: "sme-a",
      counterpartId: "inka",
      stage: "Delivered",
      engagements: 1,
      potentialValue: 1_500_000_000,
      contractedValue: 900_000_000,
      deliveredValue: 900_000_000
    })
    expect(SupplyChain.pairsOf(state, "sme-c").map((pair) => [pair.counterpartId, pair.stage])).toEqual([
      ["bulog", "Assessed"],
      ["inka", "Consulted"]
    ])
    expect(SupplyChain.pair(state, "sme-d", "pindad")).toBeUndefined()
    expect(["sme-a", "sme-b", "sme-c", "sme-d"].map((sme) => SupplyChain.isIntegrated(state, sme))).toEqual([
      true,
      false,
      false,
      false
    ])
  })

  it("a pair that meets at two forums keeps its furthest stage; the funnel counts each meeting", () => {
    const meeting = (forum: string) => ({ forum, consultation: "c-1", sme: "s", counterpart: "inka" })
    const log = new E.Log()
      .assessment(...E.assessment(meeting("f-1"), { need: "spare parts", potential: 1_000 }, { depth: 3 }))
      .forum(...E.consultation(meeting("f-2"), "Held"))
    const twice = stateOf(log)
    expect(SupplyChain.pair(twice, "s", "inka")).toMatchObject({ stage: "Delivered", engagements: 2 })
    expect(stages(SupplyChain.funnel(twice, { counterpartId: "inka" }))).toEqual([2, 1, 1, 1, 1])
    expect(SupplyChain.funnel(twice, { counterpartId: "inka" })).toMatchObject({ smes: 1, integratedSmes: 1 })
  })

  it("a partial delivery counts the delivered value, not the contract's", () => {
    const meeting = { forum: "f", consultation: "c-1", sme: "s", counterpart: "inka" }
    const partly = stateOf(
      new E.Log().assessment(
        ...E.assessment(meeting, { need: "spare parts", potential: 1_000 }, { depth: 3, deliveredValue: 400 })
      )
    )
    expect(SupplyChain.funnel(partly)).toMatchObject({ contractedValue: 1_000, deliveredValue: 400, delivered: 1 })
  })

  it("rows hold engagements, pairs and per-forum funnels for table sinks", () => {
    const rows = SupplyChain.rows(state)
    expect(rows.engagements.map((row) => [row.consultationId, row.stage, row.province, row.need])).toEqual([
      ["c-1", "Delivered", "35", "machine components and spare parts"],
      ["c-2", "Contracted", "33", "processed food"],
      ["c-3", "Assessed", "35", "packaging"],
      ["c-4", "Consulted", "35", null]
    ])
    expect(rows.pairs).toHaveLength(4)
    expect(rows.funnels.filter((row) => row.dimension === "all")).toEqual([
      {
        forumId,
        dimension: "all",
        key: null,
        consulted: 4,
        assessed: 3,
        vendorRegistered: 2,
        contracted: 2,
        delivered: 1,
        closedWithoutDeal: 1,
        potentialValue: 2_200_000_000,
        contractedValue: 1_150_000_000,
        deliveredValue: 900_000_000,
        smes: 3,
        integratedSmes: 1
      }
    ])
    expect(rows.funnels).toHaveLength(1 + 2 + 4 + 2)
  })
})
