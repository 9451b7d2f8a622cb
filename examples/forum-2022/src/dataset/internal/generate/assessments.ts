/**
 * The assessments recorded after held consultations: the category and need they answer, the SME's
 * readiness (certificates, TKDN, monthly capacity) and the potential value of the cooperation.
 */
import { Prng } from "@kemitraan/core/testing"
import type { Assessment, Sme } from "../../Records.js"
import { wib } from "../calendar.js"
import { categories } from "../reference/categories.js"
import { counterparts } from "../reference/counterparts.js"
import type { Planned } from "./consultations.js"
import { splitPotential } from "./potential.js"
import { profileOf, type SizeClass } from "./profiles.js"

type Readiness = Assessment["readiness"]
type Certificate = Readiness["certificates"][number]

const halalPermille: Readonly<Record<SizeClass, number>> = { micro: 350, small: 700, medium: 950 }
const sniPermille: Readonly<Record<SizeClass, number>> = { micro: 100, small: 400, medium: 800 }
const isoPermille: Readonly<Record<SizeClass, number>> = { micro: 20, small: 200, medium: 600 }
const capacityFactor: Readonly<Record<SizeClass, number>> = { micro: 1, small: 6, medium: 30 }

const readinessOf = (rng: Prng.Rng, sme: Sme, size: SizeClass): Readiness => {
  const profile = profileOf(sme.categoryId)
  const certificates: Array<Certificate> = []
  if (profile.halal && rng.chance(halalPermille[size])) certificates.push("Halal")
  if (profile.sni && rng.chance(sniPermille[size])) certificates.push("SNI")
  if (rng.chance(isoPermille[size])) certificates.push("ISO9001")
  const unit = categories.find((c) => c.id === sme.categoryId)?.unit ?? "pcs"
  return {
    certificates,
    tkdnPercent: rng.int(profile.tkdn[0], profile.tkdn[1]) / 100,
    monthlyCapacity: { quantity: rng.int(profile.capacity[0], profile.capacity[1]) * capacityFactor[size], unit }
  }
}

const needOf = (rng: Prng.Rng, counterpartId: string, categoryId: string): string => {
  const needs = counterparts
    .find((c) => c.id === counterpartId)
    ?.needs.filter(([, category]) => category === categoryId)
  if (needs === undefined || needs.length === 0) throw new Error(`generate: ${counterpartId} needs no ${categoryId}`)
  return rng.pick(needs)[0]
}

/** The assessments of the held consultations marked for one, ids `asmt-0001` onwards. */
export const generateAssessments = (
  seed: number,
  planned: ReadonlyArray<Planned>,
  heldOn: string,
  totalRupiah: number
): Array<Assessment> => {
  const rng = Prng.make(seed, "assessments")
  const readiness = new Map<string, Readiness>()
  const assessed = planned.filter((p) => p.assessed)
  const drafts = assessed.map(({ consultation, draft, minutes }, position) => {
    const { sme, size, salesMillions } = draft
    const ready = readiness.get(sme.id) ?? readinessOf(rng, sme, size)
    readiness.set(sme.id, ready)
    return {
      id: `asmt-${String(position + 1).padStart(4, "0")}`,
      consultationId: consultation.id,
      smeId: sme.id,
      counterpartId: consultation.counterpartId,
      categoryId: sme.categoryId,
      needId: needOf(rng, consultation.counterpartId, sme.categoryId),
      readiness: ready,
      recordedAt: wib(heldOn, minutes + 25),
      salesMillions
    }
  })
  const potentials = splitPotential(rng, totalRupiah, drafts)
  return drafts.map(({ salesMillions: _sales, ...assessment }, i) => ({
    ...assessment,
    potentialRupiah: potentials[i] ?? 0,
    synthetic: true
  }))
}
