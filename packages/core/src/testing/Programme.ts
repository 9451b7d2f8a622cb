/**
 * A synthetic national programme of domain events, deterministic from a seed, for load tests and
 * benchmarks: the log of the SQLite store's benchmark (c) and of the projections' benchmark. Its
 * forums are shaped like the founding forum of 24 November 2022 as the example replays it
 * (748 SMEs, 878 consultations, 750 assessments, about 1,000 follow-ups, four years of figures per
 * SME: about 10.8 events per SME). Counterparts enrol; each forum is scheduled, joined by
 * counterparts, registers its cohort of SMEs (each enrolled with its figures just before), opens,
 * holds consultations (none, one or two per SME), most of them assessed and going some way down the
 * funnel, and closes; later the SMEs report three more years of figures and a few formalise.
 * Every event is a valid domain event, in an order a real log could have; they are produced one at
 * a time, so a caller that writes them as they come holds none.
 *
 * Four generators of synthetic histories live in this repository, on purpose: each answers a different
 * question and merging any two would weaken one of them. This one is a seeded stream, never an
 * arbitrary: fast-check would hold a million events to shrink them, and a benchmark must read the same
 * log on every run. (`ForumScenario`: fast-check commands of one forum, shrinkable, including hostile
 * ones, for the deciders and everything behind `Kemitraan.handle`; `Programme`: a seeded, streamed
 * national log of about a million valid events, for benchmarks; `test/projections/world.ts`: events
 * straight into the projections, hitting every PP 7/2021 boundary and any interleaving of streams; the
 * forum-2022 dataset generator: records that reproduce published figures, checked in byte for byte.)
 * They share the domain's schemas; the two seeded ones share one PRNG, `Prng`.
 *
 * @since 0.1.0
 */
import * as CalendarDate from "../CalendarDate.js"
import * as Id from "../Id.js"
import * as Kbli from "../Kbli.js"
import { assessmentStream, forumStream, type KemitraanEvent, participantStream } from "../KemitraanEvent.js"
import * as Nib from "../Nib.js"
import type * as Province from "../Province.js"
import * as Rupiah from "../Rupiah.js"
import { mulberry32 } from "./Prng.js"

type Event = KemitraanEvent

/** One event of the log, with its stream. */
export interface Entry {
  readonly streamId: string
  readonly event: Event
}

/** Draws in [0, 1) from `Prng.mulberry32`, so that every fill writes the same log. */
const prng = (seed: number) => {
  const word = mulberry32(seed)
  return (): number => word() / 4_294_967_296
}

const provinceCodes: ReadonlyArray<Province.ProvinceCode> = ["11", "31", "32", "33", "35", "36", "51", "73"]
const kblis = ["10792", "14111", "22220", "25111", "46900", "47111"].map(Kbli.make)
const needs = ["machine components and spare parts", "processed food", "uniforms", "packaging", "medical supplies"]
const forums = 120
const counterparts = 250

const entry = (streamId: string, event: Event): Entry => ({ streamId, event })

/** The events of a programme of `smes` SMEs (93,600 make about 1,000,000 events), in log order. */
export function* events(smes: number, seed = 2022): Generator<Entry> {
  const next = prng(seed)
  const pick = <A>(items: ReadonlyArray<A>): A => items[Math.floor(next() * items.length)] ?? items[0]!
  const rupiah = (max: number) => Rupiah.make(Math.floor(next() * max))
  const instant = (day: string) => new Date(`${day}T03:00:00.000Z`)
  const cpId = (c: number) => Id.ParticipantId.make(`cp-${c}`)
  const smeOf = (index: number) => ({
    id: Id.ParticipantId.make(`sme-${index}`),
    province: provinceCodes[index % provinceCodes.length] ?? "31",
    kbli: pick(kblis),
    kind: index % 2 === 0 ? ("UKM" as const) : ("IKM" as const),
    foundedYear: 2010 + (index % 12),
    ...(index % 10 < 7 ? { nib: Nib.make(`${1_000_000_000_000 + index}`) } : {})
  })
  const figures = (participantId: Id.ParticipantId, year: number): Event => ({
    _tag: "BusinessFiguresReported",
    participantId,
    year,
    annualSales: rupiah(next() < 0.9 ? 2_500_000_000 : 30_000_000_000),
    businessCapital: rupiah(3_000_000_000),
    workers: Math.floor(next() * 50),
    at: instant(`${year + 1}-03-01`)
  })

  const enrolledAt = instant("2022-01-10")
  for (let c = 0; c < counterparts; c++) {
    const participantId = cpId(c)
    yield entry(participantStream(participantId), {
      _tag: "CounterpartEnrolled",
      participantId,
      legalName: `PT Mitra ${c}`,
      kind: "BUMN",
      at: enrolledAt
    })
  }
  const cohort = Math.ceil(smes / forums)
  for (let f = 0; f < forums; f++) {
    const forumId = Id.ForumId.make(`forum-${f}`)
    const stream = forumStream(forumId)
    const day = `${2022 + (f % 3)}-${String(1 + (f % 12)).padStart(2, "0")}-15`
    const at = instant(day)
    yield entry(stream, {
      _tag: "ForumScheduled",
      forumId,
      title: `Forum Kemitraan ${f}`,
      date: CalendarDate.make(day),
      venue: "Gedung Smesco, Jakarta",
      organiser: "Kementerian Koperasi dan UKM",
      coOrganisers: [],
      at
    })
    const joined = [...new Set(Array.from({ length: 18 }, () => Math.floor(next() * counterparts)))]
    for (const c of joined) {
      yield entry(stream, {
        _tag: "CounterpartJoined",
        forumId,
        counterpartId: cpId(c),
        legalName: `PT Mitra ${c}`,
        kind: "BUMN",
        needs: [{ category: needs[c % needs.length] ?? "uniforms" }],
        at
      })
    }
    const members = Array.from({ length: Math.max(0, Math.min(cohort, smes - f * cohort)) }, (_, k) =>
      smeOf(f * cohort + k)
    )
    for (const { id, ...profile } of members) {
      yield entry(participantStream(id), {
        _tag: "SmeEnrolled",
        participantId: id,
        legalName: `CV ${id}`,
        ...profile,
        at: enrolledAt
      })
      yield entry(participantStream(id), figures(id, 2021))
      yield entry(stream, { _tag: "SmeRegistered", forumId, smeId: id, legalName: `CV ${id}`, ...profile, at })
    }
    yield entry(stream, { _tag: "ForumOpened", forumId, at })
    let consultation = 0
    for (const sme of members) {
      // As at the founding forum: 878 consultations for 748 SMEs, 750 of them assessed.
      const draw = next()
      const consultations = draw < 0.1 ? 0 : draw < 0.73 ? 1 : 2
      for (let k = 0; k < consultations; k++) {
        const c = pick(joined)
        const consultationId = Id.ConsultationId.make(`c-${++consultation}`)
        const ref = { forumId, consultationId, smeId: sme.id, counterpartId: cpId(c), at }
        yield entry(stream, { _tag: "ConsultationScheduled", ...ref, slot: at })
        yield entry(stream, { _tag: "ConsultationHeld", ...ref })
        if (next() >= 0.854) continue
        yield* funnel(assessmentStream(forumId, consultationId), ref, sme, needs[c % needs.length], next)
      }
    }
    yield entry(stream, { _tag: "ForumClosed", forumId, at })
  }
  for (let index = 0; index < smes; index++) {
    const id = Id.ParticipantId.make(`sme-${index}`)
    for (const year of [2022, 2023, 2024]) yield entry(participantStream(id), figures(id, year))
    if (index % 10 >= 7 && next() < 0.1) {
      yield entry(participantStream(id), {
        _tag: "ParticipantFormalised",
        participantId: id,
        nib: Nib.make(`${2_000_000_000_000 + index}`),
        at: instant("2023-06-01")
      })
    }
  }
}

interface Ref {
  readonly forumId: Id.ForumId
  readonly consultationId: Id.ConsultationId
  readonly smeId: Id.ParticipantId
  readonly counterpartId: Id.ParticipantId
  readonly at: Date
}

/** An assessment and how far down the funnel it goes: no deal, vendor, contract, delivery (BAST). */
function* funnel(
  stream: string,
  ref: Ref,
  sme: { readonly province: Province.ProvinceCode; readonly kbli: Kbli.Kbli },
  need = "uniforms",
  next: () => number
): Generator<Entry> {
  const category = need
  const potentialValue = Rupiah.make(Math.floor(next() * 2_000_000_000))
  yield entry(stream, {
    _tag: "AssessmentRecorded",
    ...ref,
    category,
    need,
    potentialValue,
    readiness: { certificates: [] },
    province: sme.province,
    kbli: sme.kbli
  })
  // About 1.35 follow-ups an assessment, as at the founding forum (1,009 for 750).
  const depth = next()
  if (depth < 0.15) {
    yield entry(stream, { _tag: "AssessmentClosedWithoutDeal", ...ref, category, reason: "PriceNotCompetitive" })
    return
  }
  if (depth < 0.4) return
  yield entry(stream, { _tag: "VendorRegistered", ...ref, category, channel: "PaDi UMKM" })
  if (depth < 0.65) return
  const value = Rupiah.make(Math.floor(potentialValue / 2))
  yield entry(stream, { _tag: "ContractAwarded", ...ref, category, kind: "PurchaseOrder", reference: "PO-1", value })
  if (depth < 0.8) return
  const accepted = { contractReference: "PO-1", bastNumber: "BAST-1", value }
  yield entry(stream, { _tag: "DeliveryAccepted", ...ref, category, ...accepted })
}
