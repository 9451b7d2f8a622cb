/**
 * The consultations of the forum day: which SMEs met which counterparts, when, at which desk, and
 * how it went. 630 SMEs have one to three held consultations that produce an assessment, with 17
 * counterparts; the other 118 had a consultation without an assessment, missed it, saw it cancelled,
 * or had none. PT Garam and PT Sang Hyang Seri hold consultations but record no assessment.
 */
import { Prng } from "@kemitraan/core/testing"
import type { Consultation } from "../../Records.js"
import { addDays, daysBetween, wib } from "../calendar.js"
import { counterparts, type CounterpartReference } from "../reference/counterparts.js"
import { forumId } from "../reference/forum.js"
import type { SmeDraft } from "./smes.js"
import { compareText } from "../order.js"

type Outcome = "assessed" | "held" | "no-show-sme" | "no-show-counterpart" | "cancelled"

interface Meeting {
  readonly draft: SmeDraft
  readonly counterpartId: string
  readonly outcome: Outcome
}

/** A consultation and whether it produces an assessment; `minutes` is its start after midnight. */
export interface Planned {
  readonly consultation: Consultation
  readonly draft: SmeDraft
  readonly assessed: boolean
  readonly minutes: number
}

const ASSESSED = 630
const WITH_THREE = 20
const WITH_TWO = 80
const EXTRA = 40
const UNASSESSED: ReadonlyArray<readonly [Outcome | "none", number]> = [
  ["held", 45],
  ["no-show-sme", 30],
  ["cancelled", 13],
  ["none", 30]
]
const SLOTS = 28
const FIRST_SLOT_MINUTES = 9 * 60
const SLOT_MINUTES = 15

const cancelReasons = [
  "Jadwal UKM bentrok dengan sesi temu bisnis lain",
  "Perwakilan BUMN berhalangan hadir pada sesi ini",
  "UKM membatalkan karena sampel produk belum siap",
  "Sesi dialihkan ke presentasi kelompok"
]

const sizeBonus = (draft: SmeDraft): number => (draft.size === "medium" ? 250 : draft.size === "small" ? 120 : 0)

const rank = (rng: Prng.Rng, drafts: ReadonlyArray<SmeDraft>, bias: (draft: SmeDraft) => number): Array<SmeDraft> =>
  drafts
    .map((draft, index) => ({ draft, index, score: rng.int(0, 999) + bias(draft) }))
    .sort((a, b) => b.score - a.score || a.index - b.index)
    .map((entry) => entry.draft)

const needsCategory = (counterpart: CounterpartReference, categoryId: string): boolean =>
  counterpart.needs.some(([, needCategory]) => needCategory === categoryId)

/** `count` distinct counterparts needing the SME's category, drawn by weight. */
const drawCounterparts = (
  rng: Prng.Rng,
  draft: SmeDraft,
  count: number,
  eligible: (counterpart: CounterpartReference) => boolean,
  weight: (counterpart: CounterpartReference) => number
): Array<string> => {
  let pool = counterparts.filter((c) => eligible(c) && needsCategory(c, draft.sme.categoryId))
  const chosen: Array<string> = []
  while (chosen.length < count && pool.length > 0) {
    const id = rng.weighted(pool.map((c) => [c.id, weight(c)] as const))
    chosen.push(id)
    pool = pool.filter((c) => c.id !== id)
  }
  return chosen
}

const quietWeight = (c: CounterpartReference): number => (c.assessedAtForum ? c.draw : c.draw * 4)

const assessedMeetings = (rng: Prng.Rng, assessed: ReadonlyArray<SmeDraft>): Array<Meeting> => {
  const byDepth = rank(rng, assessed, sizeBonus)
  return byDepth.flatMap((draft, position) => {
    const count = position < WITH_THREE ? 3 : position < WITH_THREE + WITH_TWO ? 2 : 1
    const ids = drawCounterparts(
      rng,
      draft,
      count,
      (c) => c.assessedAtForum,
      (c) => c.draw
    )
    if (ids.length !== count) throw new Error(`generate: too few counterparts for ${draft.sme.categoryId}`)
    return ids.map((counterpartId) => ({ draft, counterpartId, outcome: "assessed" as const }))
  })
}

const extraMeetings = (rng: Prng.Rng, assessed: ReadonlyArray<SmeDraft>, met: ReadonlyArray<Meeting>): Array<Meeting> =>
  rng
    .shuffle(assessed)
    .slice(0, EXTRA)
    .flatMap((draft) => {
      const seen = new Set(met.filter((m) => m.draft === draft).map((m) => m.counterpartId))
      const [counterpartId] = drawCounterparts(rng, draft, 1, (c) => !seen.has(c.id), quietWeight)
      if (counterpartId === undefined) return []
      const outcome = rng.weighted<Outcome>([
        ["held", 2],
        ["cancelled", 1],
        ["no-show-counterpart", 1]
      ])
      return [{ draft, counterpartId, outcome }]
    })

const unassessedMeetings = (rng: Prng.Rng, unassessed: ReadonlyArray<SmeDraft>): Array<Meeting> => {
  const outcomes = UNASSESSED.flatMap(([outcome, count]) => Array.from({ length: count }, () => outcome))
  return rng.shuffle(unassessed).flatMap((draft, position) => {
    const outcome = outcomes[position]
    if (outcome === undefined || outcome === "none") return []
    const [counterpartId] = drawCounterparts(rng, draft, 1, () => true, quietWeight)
    return counterpartId === undefined ? [] : [{ draft, counterpartId, outcome }]
  })
}

const asConsultation = (
  rng: Prng.Rng,
  meeting: Meeting,
  base: Omit<Consultation, "outcome" | "synthetic">
): Consultation => {
  switch (meeting.outcome) {
    case "assessed":
    case "held":
      return { ...base, outcome: "held", synthetic: true }
    case "no-show-sme":
      return { ...base, outcome: "no-show", absent: "Sme", synthetic: true }
    case "no-show-counterpart":
      return { ...base, outcome: "no-show", absent: "Counterpart", synthetic: true }
    case "cancelled":
      return { ...base, outcome: "cancelled", reason: rng.pick(cancelReasons), synthetic: true }
  }
}

const schedule = (rng: Prng.Rng, meetings: ReadonlyArray<Meeting>, heldOn: string): Array<Planned> => {
  const desks = new Map<string, number>()
  const byDraft = new Map<SmeDraft, Array<Meeting>>()
  for (const meeting of meetings) byDraft.set(meeting.draft, [...(byDraft.get(meeting.draft) ?? []), meeting])
  const slotted = [...byDraft].flatMap(([draft, own]) => {
    const first = rng.int(0, SLOTS - 1 - 2 * (own.length - 1))
    const lastDay = daysBetween(draft.sme.registeredOn, addDays(heldOn, -1))
    const scheduledOn = addDays(draft.sme.registeredOn, rng.int(Math.min(1, lastDay), lastDay))
    return own.map((meeting, k) => {
      const slot = first + 2 * k
      const key = `${meeting.counterpartId} ${slot}`
      const desk = (desks.get(key) ?? 0) + 1
      desks.set(key, desk)
      return { meeting, slot, desk, scheduledOn }
    })
  })
  slotted.sort(
    (a, b) => a.slot - b.slot || compareText(a.meeting.counterpartId, b.meeting.counterpartId) || a.desk - b.desk
  )
  return slotted.map(({ meeting, slot, desk, scheduledOn }, position) => {
    const minutes = FIRST_SLOT_MINUTES + slot * SLOT_MINUTES
    const base = {
      id: `cons-${String(position + 1).padStart(4, "0")}`,
      forumId,
      smeId: meeting.draft.sme.id,
      counterpartId: meeting.counterpartId,
      scheduledOn,
      startsAt: wib(heldOn, minutes),
      desk
    }
    return {
      consultation: asConsultation(rng, meeting, base),
      draft: meeting.draft,
      assessed: meeting.outcome === "assessed",
      minutes
    }
  })
}

/** The consultations of the forum, in order of their start, with ids `cons-0001` onwards. */
export const planConsultations = (seed: number, drafts: ReadonlyArray<SmeDraft>, heldOn: string): Array<Planned> => {
  const rng = Prng.make(seed, "consultations")
  const ranked = rank(rng, drafts, (d) => sizeBonus(d) - (d.sme.nib === undefined ? 250 : 0))
  const assessed = ranked.slice(0, ASSESSED)
  const met = assessedMeetings(rng, assessed)
  const meetings = [...met, ...extraMeetings(rng, assessed, met), ...unassessedMeetings(rng, ranked.slice(ASSESSED))]
  return schedule(rng, meetings, heldOn)
}
