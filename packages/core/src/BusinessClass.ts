/**
 * Business classes per Government Regulation PP 7/2021, article 35: micro (mikro), small (kecil),
 * medium (menengah) and large (besar). Business capital, excluding land and buildings, classifies a
 * business when it is founded or registered; annual sales classify an existing business for support
 * programmes. The top of each class is inclusive: exactly Rp2,000,000,000 of annual sales is micro.
 * {@link classify} applies the rule to one year of a business's figures.
 *
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"
import type { Rupiah } from "./Rupiah.js"

/** A business class, smallest first. */
export const BusinessClass = Schema.Literal("Micro", "Small", "Medium", "Large").annotations({
  identifier: "BusinessClass"
})

/** A business class: Micro (usaha mikro), Small (kecil), Medium (menengah), Large (besar). */
export type BusinessClass = typeof BusinessClass.Type

/** The classes, smallest first. */
export const all: ReadonlyArray<BusinessClass> = BusinessClass.literals

/** The inclusive upper bounds of micro, small and medium by business capital (PP 7/2021 art. 35(3)). */
export const capitalCeilings = { Micro: 1_000_000_000, Small: 5_000_000_000, Medium: 10_000_000_000 } as const

/** The inclusive upper bounds of micro, small and medium by annual sales (PP 7/2021 art. 35(5)). */
export const salesCeilings = { Micro: 2_000_000_000, Small: 15_000_000_000, Medium: 50_000_000_000 } as const

const byCeilings = (
  amount: number,
  ceilings: { readonly Micro: number; readonly Small: number; readonly Medium: number }
) =>
  amount <= ceilings.Micro
    ? "Micro"
    : amount <= ceilings.Small
      ? "Small"
      : amount <= ceilings.Medium
        ? "Medium"
        : "Large"

/** The class of a business by its capital, excluding land and buildings. */
export const byCapital = (capital: Rupiah): BusinessClass => byCeilings(capital, capitalCeilings)

/** The class of a business by its annual sales. */
export const bySales = (annualSales: Rupiah): BusinessClass => byCeilings(annualSales, salesCeilings)

/** The rank of a class: 0 for micro up to 3 for large. */
export const rank = (businessClass: BusinessClass): number => all.indexOf(businessClass)

/** Whether moving from `from` to `to` is a step up (naik kelas). */
export const isAdvancement = (from: BusinessClass, to: BusinessClass): boolean => rank(to) > rank(from)

/** What a year's class was measured by. */
export const Basis = Schema.Literal("AnnualSales", "BusinessCapital")
/** What a year's class was measured by: annual sales, or business capital for a new business. */
export type Basis = typeof Basis.Type

/** The class of one year and what it was measured by. */
export interface Classification {
  readonly basis: Basis
  readonly businessClass: BusinessClass
}

/**
 * The class of a business in `year` (PP 7/2021 art. 35). Annual sales classify an existing
 * business; business capital classifies a new one: in its founding year (a part year of sales) or
 * when it reports no sales at all. Each class's ceiling is inclusive.
 */
export const classify = (
  year: number,
  figures: { readonly annualSales: Rupiah; readonly businessCapital: Rupiah },
  foundedYear: number | null
): Classification => {
  const isNew = figures.annualSales === 0 || (foundedYear !== null && year <= foundedYear)
  return isNew
    ? { basis: "BusinessCapital", businessClass: byCapital(figures.businessCapital) }
    : { basis: "AnnualSales", businessClass: bySales(figures.annualSales) }
}

/** One year of a business's figures, as a comparison reads it. */
export interface YearFigures {
  readonly year: number
  readonly annualSales: Rupiah
  readonly businessCapital: Rupiah
}

/**
 * Whether a year's figures are a whole year: reported (or corrected) after the year ended. Figures
 * reported during their own year cover part of it, and part of a year's sales is not a year's sales.
 */
export const isComplete = (year: number, reportedAt: Date): boolean => reportedAt.getUTCFullYear() > year

/**
 * The one basis two years are compared on. Annual sales when both years have sales and the earlier
 * is not the founding year (whose sales cover part of a year); business capital otherwise, on both
 * sides, as PP 7/2021 classifies a business without a year of sales. A comparison never puts a class
 * by capital beside a class by sales.
 */
export const comparisonBasis = (baseline: YearFigures, later: YearFigures, foundedYear: number | null): Basis =>
  baseline.annualSales > 0 && later.annualSales > 0 && (foundedYear === null || baseline.year > foundedYear)
    ? "AnnualSales"
    : "BusinessCapital"

/** What a comparison of two years found: the basis, the class of each year on it, and the move. */
export interface Comparison {
  readonly basis: Basis
  readonly from: BusinessClass
  readonly to: BusinessClass
  readonly outcome: "Advanced" | "Stayed" | "Declined"
}

/** Compares a baseline year with a later year of the same business, on one basis. */
export const compare = (baseline: YearFigures, later: YearFigures, foundedYear: number | null): Comparison => {
  const basis = comparisonBasis(baseline, later, foundedYear)
  const classOf =
    basis === "AnnualSales"
      ? (y: YearFigures) => bySales(y.annualSales)
      : (y: YearFigures) => byCapital(y.businessCapital)
  const from = classOf(baseline)
  const to = classOf(later)
  const step = rank(to) - rank(from)
  return { basis, from, to, outcome: step > 0 ? "Advanced" : step < 0 ? "Declined" : "Stayed" }
}

/** The horizons advancement is measured at: the first, second and third year after a forum's. */
export const horizons = [1, 2, 3] as const

/** A horizon: t+1, t+2 or t+3 years after the forum's year. */
export type Horizon = (typeof horizons)[number]
