import { describe, expect, it } from "vitest"
import { blockAfter } from "./support/markdown.js"

const rootReadme = new URL("../../../README.md", import.meta.url)
const exampleReadme = new URL("../README.md", import.meta.url)

describe("the repository's README", () => {
  it("shows lines of the replay's report, in order, as the example's README (checked against the replay) has them", async () => {
    const excerpt = (await blockAfter(rootReadme, "<!-- root-readme-report", "text")).split("\n")
    const report = (await blockAfter(exampleReadme, "<!-- forum-2022-report", "text")).split("\n")
    const shown = excerpt.filter((line) => line !== "…")
    expect(shown.length).toBeGreaterThan(20)
    let at = 0
    const missing: Array<string> = []
    for (const line of shown) {
      const found = report.indexOf(line, at)
      if (found < 0) missing.push(line)
      else at = found + 1
    }
    expect(missing).toEqual([])
    expect(shown.at(-1)).toBe(report.at(-1))
  })
})
