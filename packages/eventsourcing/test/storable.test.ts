import { describe, expect, it } from "vitest"
import { jsonProblem, maxDepth } from "../src/internal/storable.js"

describe("jsonProblem: why a value would not read back exactly, with the path to the offending part", () => {
  it("a valid value has no problem", () => {
    expect(jsonProblem({ a: [1, "x", null, { b: true }], 'k"ey': { c: -1.5 } })).toBeUndefined()
  })

  it("names the path through objects (keys as JSON strings) and arrays down to the first problem", () => {
    expect(jsonProblem({ ok: 1, a: [1, { b: Number.NaN }] })).toBe('$["a"][1]["b"] is NaN, which JSON cannot hold')
    expect(jsonProblem([0, [1, -0]], "data")).toBe("data[1][1] is -0, which JSON reads back as 0")
    expect(jsonProblem({ 'a"b': new Date(0) })).toBe('$["a\\"b"] is a Date, not a plain object')
  })

  it("a cycle is refused as nesting too deep, at the path where it passes the limit, in time linear in the depth", () => {
    const cycle: Record<string, unknown> = {}
    cycle["self"] = cycle
    const problem = jsonProblem({ top: cycle })
    expect(problem).toBe(
      `$${'["top"]'}${'["self"]'.repeat(maxDepth - 1)} is nested deeper than ${maxDepth} levels (or is a cycle)`
    )
  })
})
