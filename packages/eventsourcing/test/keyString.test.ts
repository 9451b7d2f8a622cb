import { describe, expect, it } from "@effect/vitest"
import * as fc from "fast-check"
import { keyString } from "../src/internal/tableRows.js"

/** Values a key or an index field holds, NULs and lookalike strings included. */
const value = fc.oneof(
  fc.string({ unit: fc.constantFrom("a", "s", "n", "z", "1", "\u0000", "\u0001", '"', "j") }),
  fc.integer(),
  fc.double({ noNaN: true }),
  fc.boolean(),
  fc.constant(null)
)

const fields = ["a", "b", "c"]
const rowOf = (values: ReadonlyArray<unknown>) => Object.fromEntries(values.map((v, i) => [fields[i]!, v]))

describe("keyString", () => {
  it("invariant: two lists of values have the same key string only when their values are the same", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 3 }),
        fc.array(value, { minLength: 3, maxLength: 3 }),
        fc.array(value, { minLength: 3, maxLength: 3 }),
        (n, a, b) => {
          const used = fields.slice(0, n)
          const same = used.every((_field, i) => Object.is(a[i], b[i]) || (a[i] === 0 && b[i] === 0))
          expect(keyString(rowOf(a), used) === keyString(rowOf(b), used)).toBe(same)
        }
      ),
      { numRuns: 2000 }
    )
  })

  it("tells a string from the number it spells, and a NUL inside a value from a separator", () => {
    expect(keyString({ a: "1" }, ["a"])).not.toBe(keyString({ a: 1 }, ["a"]))
    expect(keyString({ a: "x\u0000sy", b: "z" }, ["a", "b"])).not.toBe(
      keyString({ a: "x", b: "y\u0000sz" }, ["a", "b"])
    )
  })
})
