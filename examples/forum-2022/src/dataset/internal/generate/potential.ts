/**
 * The split of the published cooperation potential, Rp224.8 billion, over the assessments: first
 * over categories by their share, then (for machine components) between PT INKA and the rest, then
 * over the assessments of each group by a weight that grows with the SME's annual sales. Every split is a
 * largest-remainder apportionment in whole millions, so the parts add up to the total exactly.
 */
import type { Prng } from "@kemitraan/core/testing"
import { largestRemainder } from "../allocate.js"
import { categories } from "../reference/categories.js"
import { inkaShareOfMachinePermille, profileOf } from "./profiles.js"
import { isqrt } from "./sales.js"

/** What the split needs to know of an assessment. */
export interface Claim {
  readonly categoryId: string
  readonly counterpartId: string
  readonly salesMillions: number
}

const MILLION = 1_000_000

/** Grows with the SME's annual sales, less than in proportion (about sales^0.75): a larger firm claims more. */
const sizeWeight = (salesMillions: number): number => isqrt(salesMillions) * isqrt(isqrt(salesMillions))

const splitGroup = (rng: Prng.Rng, millions: number, claims: ReadonlyArray<Claim>, indices: ReadonlyArray<number>) => {
  if (indices.length === 0) throw new Error("generate: a share of the potential has no assessment to go to")
  const weights = indices.map((i) => {
    const claim = claims[i]
    if (claim === undefined) throw new Error(`generate: no claim ${i}`)
    return sizeWeight(claim.salesMillions) * rng.int(60, 140)
  })
  return largestRemainder(millions, weights).map((part, k) => [indices[k] ?? -1, part * MILLION] as const)
}

/** The potential of each claim, in rupiah, adding up to `totalRupiah` (a whole number of millions). */
export const splitPotential = (rng: Prng.Rng, totalRupiah: number, claims: ReadonlyArray<Claim>): Array<number> => {
  if (totalRupiah % MILLION !== 0) throw new Error("generate: the total potential is not a whole number of millions")
  const budgets = largestRemainder(
    totalRupiah / MILLION,
    categories.map((c) => profileOf(c.id).potentialPermille)
  )
  const potentials = claims.map(() => 0)
  categories.forEach((category, c) => {
    const inCategory = claims.flatMap((claim, i) => (claim.categoryId === category.id ? [i] : []))
    const groups =
      category.id === "komponen-mesin"
        ? [
            inCategory.filter((i) => claims[i]?.counterpartId === "inka"),
            inCategory.filter((i) => claims[i]?.counterpartId !== "inka")
          ]
        : [inCategory]
    const shares =
      groups.length === 2
        ? largestRemainder(budgets[c] ?? 0, [inkaShareOfMachinePermille, 1000 - inkaShareOfMachinePermille])
        : [budgets[c] ?? 0]
    groups.forEach((indices, g) => {
      for (const [i, rupiah] of splitGroup(rng, shares[g] ?? 0, claims, indices)) potentials[i] = rupiah
    })
  })
  return potentials
}
