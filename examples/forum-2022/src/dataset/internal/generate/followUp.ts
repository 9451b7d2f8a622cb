/**
 * The follow-up of the assessments in 2023 to 2025: about 45% lead to a vendor registration, 40% of
 * those to a contract or purchase order, 75% of contracts to a delivery accepted with a BAST. Most
 * of the rest close without a deal, for a reason; some stay open. Readier and larger SMEs go further.
 */
import { Prng } from "@kemitraan/core/testing"
import type { Assessment, FollowUp } from "../../Records.js"
import { addDays, weekday } from "../calendar.js"
import { counterparts } from "../reference/counterparts.js"
import { profileOf, type SizeClass } from "./profiles.js"
import { distinct } from "./smes.js"
import { compareText } from "../order.js"

type Reason = Extract<FollowUp, { readonly step: "closed-without-deal" }>["reason"]

/** Rupiah delivered and accepted, by SME id and year. */
export type Deliveries = ReadonlyMap<string, ReadonlyMap<number, number>>

const REGISTERED_PERCENT = 45
const CONTRACTED_PERCENT = 40
const DELIVERED_PERCENT = 75
const CLOSED_UNREGISTERED_PERMILLE = 750
const CLOSED_REGISTERED_PERMILLE = 550

const stepOrder: Readonly<Record<FollowUp["step"], number>> = {
  "vendor-registered": 0,
  "contract-awarded": 1,
  "delivery-accepted": 2,
  "closed-without-deal": 3
}

const top = <A>(rng: Prng.Rng, items: ReadonlyArray<A>, count: number, bias: (item: A) => number): Set<A> =>
  new Set(
    items
      .map((item, index) => ({ item, index, score: rng.int(0, 999) + bias(item) }))
      .sort((a, b) => b.score - a.score || a.index - b.index)
      .slice(0, count)
      .map((entry) => entry.item)
  )

const code = (counterpartId: string): string => counterpartId.toUpperCase()
const year = (date: string): string => date.slice(0, 4)

const missingCertificate = (assessment: Assessment): boolean => {
  const profile = profileOf(assessment.categoryId)
  const held = new Set(assessment.readiness.certificates)
  return (profile.halal && !held.has("Halal")) || (profile.sni && !held.has("SNI"))
}

const earlyReason = (rng: Prng.Rng, assessment: Assessment, size: SizeClass): Reason =>
  rng.weighted<Reason>([
    ["NoResponse", 30],
    ["SmeWithdrew", 15],
    ["CertificationMissing", missingCertificate(assessment) ? 30 : 3],
    ["PriceNotCompetitive", 15],
    ["CapacityInsufficient", size === "micro" ? 20 : 4],
    ["NeedWithdrawn", 10]
  ])

const lateReason = (rng: Prng.Rng): Reason =>
  rng.weighted<Reason>([
    ["PriceNotCompetitive", 35],
    ["CapacityInsufficient", 15],
    ["CertificationMissing", 10],
    ["NeedWithdrawn", 15],
    ["NoResponse", 15],
    ["Other", 10]
  ])

const closed = (assessmentId: string, on: string, reason: Reason): FollowUp =>
  reason === "Other"
    ? { step: "closed-without-deal", assessmentId, on, reason, note: "Tidak lolos evaluasi teknis", synthetic: true }
    : { step: "closed-without-deal", assessmentId, on, reason, synthetic: true }

const channelOf = (rng: Prng.Rng, counterpartId: string): string => {
  const counterpart = counterparts.find((c) => c.id === counterpartId)
  if (counterpart?.kind === "UsahaBesar") return `Pendaftaran pemasok ${counterpart.shortName}`
  return rng.chance(700) ? "PaDi UMKM" : `e-Procurement ${counterpart?.shortName ?? counterpartId}`
}

/** The follow-up steps, in date order, and the deliveries they add to the SMEs' sales. */
export const generateFollowUp = (
  seed: number,
  assessments: ReadonlyArray<Assessment>,
  sizeOf: (smeId: string) => SizeClass
): { readonly steps: Array<FollowUp>; readonly deliveries: Deliveries } => {
  const rng = Prng.make(seed, "follow-up")
  const readiness = (a: Assessment) =>
    120 * a.readiness.certificates.length + (sizeOf(a.smeId) === "medium" ? 200 : sizeOf(a.smeId) === "small" ? 100 : 0)
  const registered = top(rng, assessments, Math.round((assessments.length * REGISTERED_PERCENT) / 100), readiness)
  const contracted = top(rng, [...registered], Math.round((registered.size * CONTRACTED_PERCENT) / 100), readiness)
  const delivered = top(rng, [...contracted], Math.round((contracted.size * DELIVERED_PERCENT) / 100), () => 0)
  const references = new Set<string>()
  const steps: Array<FollowUp> = []
  const deliveries = new Map<string, Map<number, number>>()
  for (const a of assessments) {
    const size = sizeOf(a.smeId)
    if (!registered.has(a)) {
      if (rng.chance(CLOSED_UNREGISTERED_PERMILLE)) {
        steps.push(closed(a.id, weekday(addDays("2023-01-16", rng.int(0, 257))), earlyReason(rng, a, size)))
      }
      continue
    }
    const channel = channelOf(rng, a.counterpartId)
    const on = weekday(addDays("2023-01-09", rng.int(0, 536)))
    const vendorNumber = distinct(references, () =>
      channel === "PaDi UMKM"
        ? `PADI-${year(on)}${rng.int(10000, 99999)}`
        : `V-${code(a.counterpartId)}-${year(on)}-${rng.int(1000, 9999)}`
    )
    steps.push({ step: "vendor-registered", assessmentId: a.id, on, channel, vendorNumber, synthetic: true })
    if (!contracted.has(a)) {
      if (rng.chance(CLOSED_REGISTERED_PERMILLE)) {
        steps.push(closed(a.id, weekday(addDays(on, rng.int(60, 420))), lateReason(rng)))
      }
      continue
    }
    const awardedOn = weekday(addDays(on, rng.int(21, 300)))
    const value = (a.potentialRupiah / 1000) * rng.int(100, 600)
    const kind = value >= 500_000_000 && rng.chance(800) ? "Contract" : "PurchaseOrder"
    const reference = distinct(
      references,
      () => `${kind === "Contract" ? "SPK" : "PO"}/${code(a.counterpartId)}/${year(awardedOn)}/${rng.int(1000, 9999)}`
    )
    steps.push({
      step: "contract-awarded",
      assessmentId: a.id,
      on: awardedOn,
      kind,
      reference,
      valueRupiah: value,
      synthetic: true
    })
    if (!delivered.has(a)) continue
    const acceptedOn = weekday(addDays(awardedOn, rng.int(14, 240)))
    const accepted = Math.floor(((value / 1000) * rng.int(800, 1000)) / 1000) * 1000
    const bastNumber = distinct(
      references,
      () => `BAST/${code(a.counterpartId)}/${year(acceptedOn)}/${rng.int(1000, 9999)}`
    )
    steps.push({
      step: "delivery-accepted",
      assessmentId: a.id,
      on: acceptedOn,
      contractReference: reference,
      bastNumber,
      valueRupiah: accepted,
      synthetic: true
    })
    const byYear = deliveries.get(a.smeId) ?? new Map<number, number>()
    byYear.set(Number(year(acceptedOn)), (byYear.get(Number(year(acceptedOn))) ?? 0) + accepted)
    deliveries.set(a.smeId, byYear)
  }
  steps.sort(
    (x, y) =>
      compareText(x.on, y.on) || compareText(x.assessmentId, y.assessmentId) || stepOrder[x.step] - stepOrder[y.step]
  )
  return { steps, deliveries }
}
