/**
 * Baseline annual sales for 2022, drawn within each SME's size class (PP 7/2021 by annual sales:
 * micro up to Rp2 billion, small up to Rp15 billion, medium up to Rp50 billion, each ceiling
 * inclusive). Informal sole traders sell less. Amounts are in millions of rupiah.
 */
import type { Prng } from "@kemitraan/core/testing"
import type { SizeClass } from "./profiles.js"

/** Annual sales ranges in millions of rupiah, with weights. */
const salesRanges: Readonly<Record<SizeClass, ReadonlyArray<readonly [number, number, number]>>> = {
  micro: [
    [60, 300, 40],
    [301, 800, 35],
    [801, 2000, 25]
  ],
  small: [
    [2001, 5000, 55],
    [5001, 10000, 30],
    [10001, 15000, 15]
  ],
  medium: [
    [15001, 25000, 60],
    [25001, 40000, 30],
    [40001, 50000, 10]
  ]
}

/** The inclusive sales ceiling of each class, in millions. */
export const ceilings: Readonly<Record<SizeClass, number>> = { micro: 2000, small: 15000, medium: 50000 }

/** Annual sales in millions for an SME of this class. */
export const drawSales = (rng: Prng.Rng, size: SizeClass, informal: boolean): number => {
  if (informal) return rng.int(30, 400)
  const [low, high] = rng.weighted(salesRanges[size].map((range) => [range, range[2]] as const))
  return rng.int(low, high)
}

/** The integer square root (floor), exact for any safe integer. */
export const isqrt = (n: number): number => {
  if (n < 2) return n
  let x = n
  let y = Math.floor((x + 1) / 2)
  while (y < x) {
    x = y
    y = Math.floor((x + Math.floor(n / x)) / 2)
  }
  return x
}
