import { describe, expect, it } from "@effect/vitest"
import { BusinessClass, CalendarDate, Kbli, Nib, Province, Rupiah } from "@kemitraan/core"
import { Either, Option, ParseResult, Schema } from "effect"
import * as fc from "fast-check"

const decodeMessage = <A, I>(schema: Schema.Schema<A, I>, input: unknown): string =>
  Either.match(Schema.decodeUnknownEither(schema)(input), {
    onLeft: (error) => ParseResult.TreeFormatter.formatErrorSync(error),
    onRight: () => "decoded"
  })

describe("BusinessClass (PP 7/2021 art. 35): the top of each class is inclusive", () => {
  const rp = Rupiah.make
  it.each([
    [0, "Micro"],
    [2_000_000_000, "Micro"],
    [2_000_000_001, "Small"],
    [15_000_000_000, "Small"],
    [15_000_000_001, "Medium"],
    [50_000_000_000, "Medium"],
    [50_000_000_001, "Large"]
  ] as const)("annual sales of Rp%d are %s", (sales, expected) => {
    expect(BusinessClass.bySales(rp(sales))).toBe(expected)
  })

  it.each([
    [0, "Micro"],
    [1_000_000_000, "Micro"],
    [1_000_000_001, "Small"],
    [5_000_000_000, "Small"],
    [5_000_000_001, "Medium"],
    [10_000_000_000, "Medium"],
    [10_000_000_001, "Large"]
  ] as const)("business capital of Rp%d is %s", (capital, expected) => {
    expect(BusinessClass.byCapital(rp(capital))).toBe(expected)
  })

  it("naik kelas is a move to a higher class only", () => {
    expect(BusinessClass.isAdvancement("Micro", "Small")).toBe(true)
    expect(BusinessClass.isAdvancement("Medium", "Large")).toBe(true)
    expect(BusinessClass.isAdvancement("Small", "Small")).toBe(false)
    expect(BusinessClass.isAdvancement("Medium", "Small")).toBe(false)
  })
})

describe("Nib", () => {
  it("accepts 13 digits, leading zeros kept", () => {
    expect(Schema.decodeUnknownSync(Nib.Nib)("0120000012345")).toBe("0120000012345")
  })
  it.each(["123456789012", "12345678901234", "12345678901a3", "", 1234567890123])("rejects %s", (bad) => {
    expect(decodeMessage(Nib.Nib, bad)).toMatch(bad === 1234567890123 ? /Expected string/ : /exactly 13 digits/)
  })
})

describe("Province", () => {
  it("lists the 38 provinces with distinct codes; 37 existed on 24 November 2022, 38 from 8 December 2022", () => {
    expect(Province.all).toHaveLength(38)
    expect(new Set(Province.all.map((province) => province.code)).size).toBe(38)
    expect(Province.validOn("2022-11-24")).toHaveLength(37)
    expect(Province.validOn("2022-12-07").map((province) => province.code)).not.toContain("96")
    expect(Province.validOn("2022-12-08")).toHaveLength(38)
    expect(Province.validOn("2022-07-24").map((province) => province.code)).not.toContain("93")
  })
  it("names a province by its code", () => {
    expect(Province.name("31")).toBe("DKI Jakarta")
    expect(Province.name("95")).toBe("Papua Pegunungan")
    expect(Province.name("96")).toBe("Papua Barat Daya")
  })
  it("says when a province formed since 2022 came into being, and no day for the older ones", () => {
    expect(Province.formedOn("96")).toBe("2022-12-08")
    expect(Province.formedOn("31")).toBeUndefined()
    expect(Province.isValidOn("96", "2023-03-01")).toBe(true)
    expect(Province.isValidOn("96", "2022-11-24")).toBe(false)
  })
  it.each(["97", "10", "3", "031", "Jakarta"])("rejects %s as a province code", (bad) => {
    expect(decodeMessage(Province.ProvinceCode, bad)).toMatch(/is not the code of one of the 38 provinces/)
  })
})

describe("Kbli", () => {
  it.each([
    ["C", "C"],
    ["10", "C"],
    ["107", "C"],
    ["1079", "C"],
    ["10792", "C"],
    ["47111", "G"],
    ["01", "A"],
    ["99", "U"]
  ])("%s is in section %s", (code, section) => {
    expect(Schema.decodeUnknownSync(Kbli.Kbli)(code)).toBe(code)
    expect(Kbli.sectionOf(code)).toBe(section)
  })
  it.each(["V", "c", "1", "107921", "04", "00", "34123", "40", "1a"])("rejects %s", (bad) => {
    expect(decodeMessage(Kbli.Kbli, bad)).toMatch(/is not a KBLI 2020 code/)
  })
})

describe("CalendarDate", () => {
  it("accepts a day that exists", () => {
    expect(CalendarDate.make("2022-11-24")).toBe("2022-11-24")
    expect(CalendarDate.make("2024-02-29")).toBe("2024-02-29")
  })
  it.each(["2022-02-30", "2023-02-29", "2022-13-01"])("rejects %s, which is not in the calendar", (bad) => {
    expect(decodeMessage(CalendarDate.CalendarDate, bad)).toMatch(/does not exist in the calendar/)
  })
  it.each(["24-11-2022", "2022-11-24T00:00:00Z", "2022/11/24"])("rejects %s, which is not YYYY-MM-DD", (bad) => {
    expect(decodeMessage(CalendarDate.CalendarDate, bad)).toMatch(/YYYY-MM-DD/)
  })
})

describe("Rupiah.make", () => {
  const amounts = fc.oneof(
    fc.integer(),
    fc.double(),
    fc.constantFrom(0, -0, Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER + 1, -1, 0.5, Number.NaN, Infinity)
  )

  it("invariant: it accepts what the schema accepts, answers the same amount, and throws the schema's error otherwise", () => {
    fc.assert(
      fc.property(amounts, (amount) => {
        const checked = Either.try(() => Rupiah.Rupiah.make(amount))
        const made = Either.try(() => Rupiah.make(amount))
        expect(Either.isRight(made)).toBe(Either.isRight(checked))
        if (Either.isRight(made)) expect(made.right).toBe(amount)
        else expect(String(made.left)).toBe(String(Either.getLeft(checked).pipe(Option.getOrUndefined)))
      }),
      { numRuns: 2000 }
    )
  })
})
