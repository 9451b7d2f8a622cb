/**
 * Business classes per Government Regulation PP 7/2021, article 35: micro (mikro), small (kecil),
 * medium (menengah) and large (besar). Business capital, excluding land and buildings, classifies a
 * business when it is founded or registered; annual sales classify an existing business for support
 * programmes. The top of each class is inclusive: exactly Rp2,000,000,000 of annual sales is micro.
 *
 * @since 0.1.0
 */
import { Schema } from "effect"
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

const classify = (
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
export const byCapital = (capital: Rupiah): BusinessClass => classify(capital, capitalCeilings)

/** The class of a business by its annual sales. */
export const bySales = (annualSales: Rupiah): BusinessClass => classify(annualSales, salesCeilings)

/** The rank of a class: 0 for micro up to 3 for large. */
export const rank = (businessClass: BusinessClass): number => all.indexOf(businessClass)

/** Whether moving from `from` to `to` is a step up (naik kelas). */
export const isAdvancement = (from: BusinessClass, to: BusinessClass): boolean => rank(to) > rank(from)
