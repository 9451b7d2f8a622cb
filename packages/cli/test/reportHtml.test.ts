/**
 * The HTML report of the replayed forum, opened in headless Chromium (Debian's package, driven by
 * playwright-core): the page loads nothing from anywhere, and each chart is drawn with the
 * replay's own numbers. The page and a full-page screenshot are left under build/.
 */
import { describe, expect, it } from "@effect/vitest"
import * as fs from "node:fs"
import { fileURLToPath } from "node:url"
import { type Browser, chromium } from "playwright-core"
import { afterAll, beforeAll } from "vitest"
import * as Charts from "../src/Charts.js"
import * as Formats from "../src/Formats.js"
import * as ReportData from "../src/ReportData.js"
import * as Chromium from "./support/chromium.js"
import * as Forum from "./support/forum.js"

const buildDir = fileURLToPath(new URL("../../../build/", import.meta.url))
const page = `${buildDir}report.html`
const screenshot = `${buildDir}report.png`

const runtime = Forum.memoryStore()
let data: ReportData.ReportData | undefined
let browser: Browser | undefined

beforeAll(async () => {
  // The browser first: installing it (when missing) is the slow part, and its failure the clearer one.
  const executablePath = Chromium.ensure()
  browser = await chromium.launch({ executablePath, args: Chromium.args })
  await Forum.replay(runtime)
  data = await runtime.runPromise(ReportData.gather({ store: ":memory:", pointInTime: { _tag: "Now" } }))
  fs.mkdirSync(buildDir, { recursive: true })
  fs.writeFileSync(page, Formats.html(data, Charts.all(data)))
}, 600_000)

afterAll(async () => {
  await browser?.close()
  await runtime.dispose()
})

const replayed = (): { readonly data: ReportData.ReportData; readonly browser: Browser } => {
  if (data === undefined || browser === undefined) throw new Error("the replay or the browser did not start")
  return { data, browser }
}

const isNumber = (text: string): boolean => /^\d+(\.\d+)?$/.test(text)

const sorted = (values: ReadonlyArray<string | number>): Array<string> => values.map(String).sort()

describe("the HTML report in headless Chromium", () => {
  it("is one file that loads nothing, with the reconciliation and three charts of the replay's numbers", async () => {
    const { browser, data } = replayed()
    const tab = await browser.newPage({ viewport: { width: 1100, height: 900 } })
    const requests: Array<string> = []
    tab.on("request", (request) => requests.push(request.url()))
    await tab.goto(`file://${page}`)
    expect(requests).toEqual([`file://${page}`])

    const verdict = await tab.textContent("#reconciliation .verdict")
    expect(verdict).toBe("Reconciled: all 16 published facts and figures reproduced.")
    const potential = await tab.$$eval("#reconciliation tbody tr", (rows) =>
      rows.map((row) => [...row.querySelectorAll("td")].map((cell) => cell.textContent ?? ""))
    )
    expect(potential).toContainEqual(["cooperation potential", "Rp224.800.000.000", "Rp224.800.000.000", "ok"])

    const chart = async (id: Charts.Chart["id"]) => {
      const selector = `figure[data-chart="${id}"] svg`
      const box = await tab.locator(selector).boundingBox()
      const texts = await tab.$$eval(`${selector} text`, (nodes) => nodes.map((node) => node.textContent ?? ""))
      return { box, numbers: texts.filter(isNumber), words: texts.filter((text) => !isNumber(text)) }
    }

    const funnel = await chart("funnel-by-counterpart")
    const groups = data.models.byCounterpart.filter((group) => group.key !== null)
    expect(groups.length).toBe(19)
    expect(funnel.box?.width).toBeGreaterThan(500)
    expect(sorted(funnel.numbers)).toEqual(
      sorted(groups.flatMap((group) => Formats.funnelStages.map(([stage]) => group.funnel[stage])))
    )
    for (const group of groups) {
      const name = data.models.counterpartNames.get(group.key ?? "") ?? ""
      expect(funnel.words.some((word) => word.startsWith(name.slice(0, 12)))).toBe(true)
    }

    const classes = await chart("class-advancement")
    const transitions = data.models.cohort?.transitions ?? []
    expect(transitions.length).toBeGreaterThan(1)
    expect(classes.box?.width).toBeGreaterThan(500)
    expect(sorted(classes.numbers)).toEqual(sorted(transitions.map((transition) => transition.smes)))

    const provinces = await chart("province")
    expect(data.provinces.length).toBe(25)
    expect(data.provinces.reduce((sum, row) => sum + row.smes, 0)).toBe(748)
    expect(data.provinces.reduce((sum, row) => sum + row.potential, 0n)).toBe(224_800_000_000n)
    expect(provinces.box?.width).toBeGreaterThan(500)
    expect(sorted(provinces.numbers)).toEqual(
      sorted(data.provinces.flatMap((row) => [row.smes, Charts.billions(row.potential)]))
    )
    for (const row of data.provinces) expect(provinces.words).toContain(row.name)

    await tab.screenshot({ path: screenshot, fullPage: true })
    expect(fs.statSync(screenshot).size).toBeGreaterThan(10_000)
    await tab.close()
  })
})
