/**
 * The 748 synthetic SMEs: category, size class, legal form and NIB, province, KBLI subclass, kind,
 * founding year, registration date and name. Counts per category, class and province are fixed;
 * the draws decide who is which.
 */
import { Prng } from "@kemitraan/core/testing"
import { syntheticNib, type Sme } from "../../Records.js"
import { addDays } from "../calendar.js"
import { categories } from "../reference/categories.js"
import { java, participantsByProvince } from "../reference/provinces.js"
import { businessName } from "./names.js"
import { informalCount, profileOf, sizeCounts, type SizeClass } from "./profiles.js"
import { ceilings, drawSales } from "./sales.js"
import { compareText } from "../order.js"

/** An SME with its size class and its 2021 annual sales (the baseline) in millions of rupiah. */
export interface SmeDraft {
  readonly sme: Sme
  readonly size: SizeClass
  readonly salesMillions: number
}

interface Seedling {
  readonly index: number
  readonly categoryId: string
  size: SizeClass
  informal: boolean
  provinceCode: string
  salesMillions: number
}

const repeat = <A>(item: A, times: number): Array<A> => Array.from({ length: times }, () => item)

/** Indices of `items` ordered by a random score plus a bias, highest first (ties by index). */
const rank = <A>(rng: Prng.Rng, items: ReadonlyArray<A>, bias: (item: A) => number): Array<A> =>
  items
    .map((item, index) => ({ item, index, score: rng.int(0, 999) + bias(item) }))
    .sort((a, b) => b.score - a.score || a.index - b.index)
    .map((entry) => entry.item)

const assignSizes = (rng: Prng.Rng, seedlings: ReadonlyArray<Seedling>): void => {
  const ranked = rank(rng, seedlings, (s) => profileOf(s.categoryId).sizeBias)
  ranked.forEach((s, position) => {
    s.size =
      position < sizeCounts.medium ? "medium" : position < sizeCounts.medium + sizeCounts.small ? "small" : "micro"
  })
  const informalLeaning = new Set(["makanan-minuman", "kerajinan-suvenir", "hasil-pertanian", "hasil-perikanan"])
  const micro = seedlings.filter((s) => s.size === "micro")
  rank(rng, micro, (s) => (informalLeaning.has(s.categoryId) ? 300 : 0))
    .slice(0, informalCount)
    .forEach((s) => (s.informal = true))
}

const assignProvinces = (rng: Prng.Rng, seedlings: ReadonlyArray<Seedling>): void => {
  const slots = rng.shuffle(participantsByProvince.flatMap(([code, count]) => repeat(code, count)))
  const javaSlots = slots.filter((code) => java.has(code))
  const otherSlots = slots.filter((code) => !java.has(code))
  const metal = new Set(["komponen-mesin", "konstruksi-logam"])
  const take = (preferJava: boolean): string => {
    const pool = (preferJava && javaSlots.length > 0) || otherSlots.length === 0 ? javaSlots : otherSlots
    const code = pool.pop()
    if (code === undefined) throw new Error("generate: ran out of province slots")
    return code
  }
  for (const s of seedlings.filter((s) => metal.has(s.categoryId))) s.provinceCode = take(rng.chance(900))
  for (const s of seedlings.filter((s) => !metal.has(s.categoryId))) {
    s.provinceCode = take(rng.int(1, javaSlots.length + otherSlots.length) <= javaSlots.length)
  }
}

/** Draws each SME's 2021 sales within its class; one formal SME of each class sits exactly on the ceiling. */
const assignSales = (rng: Prng.Rng, seedlings: ReadonlyArray<Seedling>): void => {
  for (const s of seedlings) s.salesMillions = drawSales(rng, s.size, s.informal)
  for (const size of ["micro", "small", "medium"] as const) {
    rng.pick(seedlings.filter((s) => s.size === size && !s.informal)).salesMillions = ceilings[size]
  }
}

const cooperativeCategories = new Set(["hasil-pertanian", "hasil-perikanan", "kerajinan-suvenir", "pupuk-agro-input"])

const legalFormOf = (rng: Prng.Rng, s: Seedling): Sme["legalForm"] => {
  if (s.informal) return "Perorangan"
  const form = rng.weighted<Sme["legalForm"]>(
    s.size === "medium"
      ? [
          ["PT", 85],
          ["CV", 15]
        ]
      : s.size === "small"
        ? [
            ["PT", 50],
            ["CV", 45],
            ["Koperasi", 5]
          ]
        : [
            ["Perorangan", 20],
            ["UD", 30],
            ["CV", 35],
            ["PT", 8],
            ["Koperasi", 7]
          ]
  )
  return form === "Koperasi" && !cooperativeCategories.has(s.categoryId) ? "CV" : form
}

const foundedYearOf = (rng: Prng.Rng, s: Seedling): number =>
  s.informal
    ? rng.int(2010, 2021)
    : s.size === "micro"
      ? rng.int(1998, 2021)
      : s.size === "small"
        ? rng.int(1990, 2018)
        : rng.int(1982, 2014)

const kindOf = (kbli: string): Sme["kind"] => {
  const division = Number(kbli.slice(0, 2))
  return division >= 10 && division <= 33 ? "IKM" : "UKM"
}

/** A fresh value from `draw`, distinct from those in `used`. */
export const distinct = (used: Set<string>, draw: () => string): string => {
  for (let attempt = 0; attempt < 100; attempt++) {
    const value = draw()
    if (!used.has(value)) {
      used.add(value)
      return value
    }
  }
  throw new Error("generate: could not draw a distinct value")
}

/**
 * A synthetic NIB: `0000` and nine drawn digits, a range OSS has never issued (`Records.syntheticNib`).
 * It draws four numbers, as the generator always has, so that the rest of the dataset stays as it was.
 */
export const nibOf = (rng: Prng.Rng): string => {
  rng.int(1, 9)
  const high = rng.int(0, 999_999)
  const low = rng.int(0, 99_999) % 1000
  rng.int(0, 9)
  return syntheticNib(high * 1000 + low)
}

const category = (id: string) => {
  const found = categories.find((c) => c.id === id)
  if (found === undefined) throw new Error(`generate: unknown category "${id}"`)
  return found
}

/** The 748 SMEs, ordered by registration date, with ids `sme-0001` onwards. */
export const generateSmes = (seed: number): ReadonlyArray<SmeDraft> => {
  const rng = Prng.make(seed, "smes")
  const categoryIds = rng.shuffle(categories.flatMap((c) => repeat(c.id, profileOf(c.id).smes)))
  const seedlings: Array<Seedling> = categoryIds.map((categoryId, index) => ({
    index,
    categoryId,
    size: "micro",
    informal: false,
    provinceCode: "",
    salesMillions: 0
  }))
  assignSizes(rng, seedlings)
  assignProvinces(rng, seedlings)
  assignSales(rng, seedlings)
  const names = new Set<string>()
  const nibs = new Set<string>()
  const drafts = seedlings.map((s) => {
    const legalForm = legalFormOf(rng, s)
    const [kbli] = rng.pick(category(s.categoryId).kbli)
    const sme: Omit<Sme, "id"> = {
      name: distinct(names, () => businessName(rng, legalForm, profileOf(s.categoryId))),
      legalForm,
      ...(s.informal ? {} : { nib: distinct(nibs, () => nibOf(rng)) }),
      provinceCode: s.provinceCode,
      kbli,
      kind: kindOf(kbli),
      categoryId: s.categoryId,
      foundedYear: foundedYearOf(rng, s),
      registeredOn: addDays("2022-10-24", rng.int(0, 29)),
      synthetic: true
    }
    return { sme, size: s.size, salesMillions: s.salesMillions, index: s.index }
  })
  return drafts
    .sort((a, b) => compareText(a.sme.registeredOn, b.sme.registeredOn) || a.index - b.index)
    .map(({ sme, size, salesMillions }, position) => ({
      sme: { id: `sme-${String(position + 1).padStart(4, "0")}`, ...sme },
      size,
      salesMillions
    }))
}
