/**
 * The SMEs' business figures: the 2021 baseline declared at registration, the last whole year before
 * the forum (its sales drawn with the SME, see `sales.ts`; capital and workers here), then
 * 2023 to 2025, each reported early in the next year, once it is whole, from the follow-up: most SMEs stay about level, some grow (more often those that
 * delivered to a counterpart, whose accepted deliveries count as sales), a few decline. One 2023
 * report has a slipped digit and is corrected in 2024; some informal SMEs obtain an NIB.
 */
import { Prng } from "@kemitraan/core/testing"
import { syntheticNib, type BusinessFigures, type Formalisation, type Sme } from "../../Records.js"
import { addDays, weekday } from "../calendar.js"
import type { Deliveries } from "./followUp.js"
import type { SizeClass } from "./profiles.js"
import { distinct, type SmeDraft } from "./smes.js"
import { compareText } from "../order.js"

type Reported = Extract<BusinessFigures, { readonly kind: "reported" }>
type Trajectory = "steady" | "grower" | "decliner"

const MILLION = 1_000_000
const YEARS = [2023, 2024, 2025] as const
const GROWERS = 90
const DECLINERS = 45
const FORMALISED = 24

/** Business capital (excluding land and buildings) in thousandths of annual sales: larger firms turn it over faster. */
const capitalPermille: Readonly<Record<SizeClass, readonly [number, number]>> = {
  micro: [150, 600],
  small: [100, 400],
  medium: [60, 200]
}

const workersFor = (rng: Prng.Rng, size: SizeClass, millions: number): number =>
  size === "micro"
    ? 1 + Math.floor(millions / 300) + rng.int(0, 2)
    : size === "small"
      ? 5 + Math.floor(millions / 600) + rng.int(0, 8)
      : 20 + Math.floor(millions / 800) + rng.int(0, 30)

const toMillions = (rupiah: number): number => rupiah - (rupiah % MILLION)

const baseline = (rng: Prng.Rng, draft: SmeDraft): Reported => {
  const { sme, size, salesMillions: millions } = draft
  return {
    kind: "reported",
    smeId: sme.id,
    year: 2021,
    annualSalesRupiah: millions * MILLION,
    businessCapitalRupiah: Math.max(5, Math.floor((millions * rng.int(...capitalPermille[size])) / 1000)) * MILLION,
    workers: workersFor(rng, size, millions),
    reportedOn: sme.registeredOn,
    synthetic: true
  }
}

const growthPermille = (rng: Prng.Rng, trajectory: Trajectory): number =>
  trajectory === "grower" ? rng.int(250, 650) : trajectory === "decliner" ? rng.int(-350, -120) : rng.int(-60, 140)

const nextYear = (
  rng: Prng.Rng,
  previous: Reported,
  trajectory: Trajectory,
  delivered: number,
  year: number
): Reported => {
  const g = growthPermille(rng, trajectory)
  const sales = toMillions(Math.floor((previous.annualSalesRupiah / 1000) * (1000 + g))) + delivered
  const capital = toMillions(Math.floor((previous.businessCapitalRupiah / 1000) * (1000 + Math.trunc(g / 2))))
  return {
    ...previous,
    year,
    annualSalesRupiah: sales,
    businessCapitalRupiah: Math.max(5 * MILLION, capital),
    workers: Math.max(1, Math.round((previous.workers * sales) / previous.annualSalesRupiah)),
    reportedOn: weekday(addDays(`${year + 1}-01-05`, rng.int(0, 17)))
  }
}

const trajectories = (
  rng: Prng.Rng,
  drafts: ReadonlyArray<SmeDraft>,
  deliveries: Deliveries
): Map<string, Trajectory> => {
  const ranked = drafts
    .map((d, index) => ({ id: d.sme.id, index, score: rng.int(0, 999) + (deliveries.has(d.sme.id) ? 500 : 0) }))
    .sort((a, b) => b.score - a.score || a.index - b.index)
  const rest = rng.shuffle(ranked.slice(GROWERS))
  return new Map([
    ...ranked.slice(0, GROWERS).map((r) => [r.id, "grower"] as const),
    ...rest.map((r, k) => [r.id, k < DECLINERS ? "decliner" : "steady"] as const)
  ])
}

/** A 2023 report whose sales slipped a digit (ten times too high), and its correction in 2024. */
const slippedDigit = (rng: Prng.Rng, reports: Array<Reported>, steady: ReadonlySet<string>): Array<BusinessFigures> => {
  const candidates = reports.filter(
    (r) =>
      r.year === 2023 &&
      steady.has(r.smeId) &&
      r.annualSalesRupiah >= 250 * MILLION &&
      r.annualSalesRupiah <= 1500 * MILLION
  )
  const target = rng.pick(candidates)
  const index = reports.indexOf(target)
  reports[index] = { ...target, annualSalesRupiah: target.annualSalesRupiah * 10 }
  const correction: BusinessFigures = {
    ...target,
    kind: "corrected",
    reportedOn: weekday(addDays("2024-02-05", rng.int(0, 20))),
    reason: "Salah ketik: omzet 2023 dilaporkan dengan satu angka nol berlebih",
    synthetic: true
  }
  return [correction]
}

const formalise = (rng: Prng.Rng, smes: ReadonlyArray<Sme>): Array<Formalisation> => {
  const nibs = new Set(smes.flatMap((sme) => (sme.nib === undefined ? [] : [sme.nib])))
  return rng
    .shuffle(smes.filter((sme) => sme.nib === undefined))
    .slice(0, FORMALISED)
    .map((sme) => ({
      smeId: sme.id,
      nib: distinct(nibs, () => {
        rng.int(1, 9)
        return syntheticNib(rng.int(0, 999_999) * 1000 + (rng.int(0, 999_999) % 1000))
      }),
      obtainedOn: weekday(addDays("2023-02-01", rng.int(0, 1000))),
      synthetic: true as const
    }))
    .sort((a, b) => compareText(a.obtainedOn, b.obtainedOn) || compareText(a.smeId, b.smeId))
}

/** The business figures, in date order, and the formalisations. */
export const generateFigures = (
  seed: number,
  drafts: ReadonlyArray<SmeDraft>,
  deliveries: Deliveries
): { readonly figures: Array<BusinessFigures>; readonly formalisations: Array<Formalisation> } => {
  const rng = Prng.make(seed, "figures")
  const paths = trajectories(rng, drafts, deliveries)
  const reports = drafts.flatMap((draft) => {
    let previous = baseline(rng, draft)
    const out = [previous]
    for (const year of YEARS) {
      const delivered = deliveries.get(draft.sme.id)?.get(year) ?? 0
      previous = nextYear(rng, previous, paths.get(draft.sme.id) ?? "steady", delivered, year)
      out.push(previous)
    }
    return out
  })
  const steady = new Set([...paths].filter(([, path]) => path === "steady").map(([id]) => id))
  const corrections = slippedDigit(rng, reports, steady)
  const kindOrder = (f: BusinessFigures) => (f.kind === "reported" ? 0 : 1)
  const figures = [...reports, ...corrections].sort(
    (a, b) =>
      compareText(a.reportedOn, b.reportedOn) ||
      compareText(a.smeId, b.smeId) ||
      a.year - b.year ||
      kindOrder(a) - kindOrder(b)
  )
  return {
    figures,
    formalisations: formalise(
      rng,
      drafts.map((d) => d.sme)
    )
  }
}
