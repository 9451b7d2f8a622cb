/**
 * Each format of the report marks, at the table or chart itself, what rests on synthetic detail: the
 * mark follows the events' provenance in the store (the replayed forum's follow-up is synthetic), and
 * the same figures from events marked published carry none.
 */
import { describe, expect, it } from "@effect/vitest"
import { Synthetic } from "@kemitraan/example-forum-2022"
import { afterAll, beforeAll } from "vitest"
import * as Charts from "../src/Charts.js"
import * as Formats from "../src/Formats.js"
import * as ReportData from "../src/ReportData.js"
import * as Forum from "./support/forum.js"

const runtime = Forum.memoryStore()
let data: ReportData.ReportData | undefined

beforeAll(async () => {
  await Forum.replay(runtime)
  data = await runtime.runPromise(ReportData.gather({ store: ":memory:", pointInTime: { _tag: "Now" } }))
}, 120_000)

afterAll(() => runtime.dispose())

const replayed = (): ReportData.ReportData => {
  if (data === undefined) throw new Error("the replay did not run")
  return data
}

/** The same report, as if every event had been recorded from published data. */
const published = (): ReportData.ReportData => {
  const report = replayed()
  return {
    ...report,
    models: {
      ...report.models,
      provenance: report.models.provenance.map((row) => ({ ...row, provenance: "published" }))
    }
  }
}

const count = (table: Synthetic.Source) => Synthetic.count(replayed().models.provenance, table)

describe("the report marks synthetic tables where they stand", () => {
  it("text: the province table and each follow-up section say so at their heading", () => {
    const lines = Formats.text(replayed()).split("\n")
    expect(count("provinces")).toBeGreaterThan(0)
    expect(lines).toContain(
      `Participants and potential by province [SYNTHETIC: rests on ${count("provinces")} synthetic events]`
    )
    expect(lines.find((line) => line.startsWith("Class advancement"))).toMatch(
      new RegExp(`rests on ${count("classAdvancement")} synthetic events\\]$`)
    )
    expect(lines.find((line) => line.startsWith("Supply-chain integration"))).toMatch(
      new RegExp(`rests on ${count("supplyChain")} synthetic events\\]$`)
    )
    expect(Formats.text(published())).not.toContain("SYNTHETIC")
  })

  it("csv: every row says how many synthetic events its section rests on", () => {
    const [header, ...rows] = Formats.csv(replayed()).trimEnd().split("\n")
    expect(header).toBe("section,key,name,metric,value,syntheticEvents")
    const last = (section: string) =>
      new Set(rows.filter((row) => row.startsWith(`${section},`)).map((row) => row.split(",").at(-1)))
    expect(last("funnel")).toEqual(new Set([String(count("supplyChain"))]))
    expect(last("class-advancement")).toEqual(new Set([String(count("classAdvancement"))]))
    expect(last("province")).toEqual(new Set([String(count("provinces"))]))
    const unmarked = Formats.csv(published()).trimEnd().split("\n").slice(1)
    expect(new Set(unmarked.map((row) => row.split(",").at(-1)))).toEqual(new Set(["0"]))
  })

  it("html: each chart's section carries the mark under its title; json gives the counts, sums exact as text", () => {
    const html = Formats.html(replayed(), Charts.all(replayed()))
    for (const [id, table] of [
      ["funnel-by-counterpart", "supplyChain"],
      ["class-advancement", "classAdvancement"],
      ["province", "provinces"]
    ] as const) {
      expect(html).toMatch(
        new RegExp(
          `</h2>\\n<p class="synthetic" data-synthetic-events="${count(table)}">[^<]*</p><figure id="chart-${id}"`
        )
      )
    }
    expect(Formats.html(published(), Charts.all(published()))).not.toContain('class="synthetic"')
    const json: unknown = JSON.parse(Formats.json(replayed()))
    expect(json).toMatchObject({
      syntheticEvents: { supplyChain: count("supplyChain"), provinces: count("provinces") },
      summary: { potentialValue: "224800000000" }
    })
  })
})
