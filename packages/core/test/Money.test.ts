import { describe, expect, it } from "@effect/vitest"
import { Kemitraan, Rupiah } from "@kemitraan/core"
import { Either } from "effect"
import * as F from "./fixtures.js"

/** A command as a JSON object, to put another amount into. */
const json = (command: Kemitraan.Command): Record<string, unknown> => JSON.parse(JSON.stringify(command))

describe("money: one amount is bounded, a total is exact at any size", () => {
  it("an assessment of Rp5 quadrillion is refused at the command, its issue at the field", () => {
    const result = Kemitraan.decodeCommand({ ...json(F.recordAssessment()), potentialValue: 5_000_000_000_000_000 })
    expect(Either.isLeft(result)).toBe(true)
    expect(Either.isLeft(result) ? result.left : undefined).toMatchObject({
      _tag: "CommandDecodeError",
      issues: [
        {
          path: ["potentialValue"],
          message: "an amount of rupiah must be at most Rp1.000.000.000.000.000 (Rp1.000 triliun)"
        }
      ]
    })
  })

  it("the largest amount is accepted", () => {
    const result = Kemitraan.decodeCommand({ ...json(F.recordAssessment()), potentialValue: Rupiah.max })
    expect(Either.isRight(result)).toBe(true)
  })

  it("totals add, replace, compare, share and format exactly past 2^53", () => {
    const most = Rupiah.make(Rupiah.max)
    const total = Rupiah.sum(Array.from({ length: 10 }, () => most))
    expect(total).toBe(10_000_000_000_000_000n)
    expect(Rupiah.add(total, Rupiah.make(1))).toBe(10_000_000_000_000_001n)
    expect(Rupiah.replace(total, most, Rupiah.make(7))).toBe(9_000_000_000_000_007n)
    expect(Rupiah.compare(total, most)).toBe(1)
    expect(Rupiah.share(most, total)).toBe(0.1)
    expect(Rupiah.format(total)).toBe("Rp10.000.000.000.000.000")
    expect(() => Rupiah.total(-1n)).toThrow()
  })
})
