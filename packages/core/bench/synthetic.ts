/**
 * A synthetic national programme, deterministic from a seed: SMEs enrolled with figures over the
 * years, counterparts, forums with registrations, held consultations, assessments and their
 * follow-up, in an order a real log could have. Every event is a valid domain event.
 */
import {
  CalendarDate,
  Id,
  Kbli,
  type KemitraanEvent,
  Nib,
  type ParticipantEvent,
  type Province,
  Rupiah
} from "@kemitraan/core"
import type { RecordedEvent } from "@kemitraan/eventsourcing"

/** The size of a programme. */
export interface Size {
  readonly smes: number
  readonly counterparts: number
  readonly forums: number
  readonly seed: number
}

/** A small fast PRNG (mulberry32), so that every run folds the same events. */
const random = (seed: number) => {
  let a = seed >>> 0
  return (): number => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296
  }
}

const provinces: ReadonlyArray<Province.ProvinceCode> = ["11", "12", "31", "32", "33", "34", "35", "36", "51", "73"]
const sectors = ["10792", "14111", "22220", "25111", "28299", "46900", "47111", "01111"].map(Kbli.make)
const categories = [
  "machine components and spare parts",
  "processed food",
  "uniforms",
  "packaging",
  "fertiliser inputs",
  "medical supplies"
]

type Event = KemitraanEvent.KemitraanEvent

/** Builds the log of a programme as recorded events, positions from 1. */
export const generate = (size: Size): Array<RecordedEvent.RecordedEvent<Event>> => {
  const next = random(size.seed)
  const pick = <A>(items: ReadonlyArray<A>): A => {
    const item = items[Math.floor(next() * items.length)]
    if (item === undefined) throw new Error("synthetic: nothing to pick from")
    return item
  }
  const amount = (max: number) => Rupiah.make(Math.floor(next() * max))
  const log: Array<RecordedEvent.RecordedEvent<Event>> = []
  const versions = new Map<string, number>()
  // Events are immutable, so instants and metadata are shared between events of one day: the log
  // is held in memory whole, and a leaner log leaves the collector less to walk (a rebuild from a
  // store holds one page at a time).
  const days = new Map<string, { readonly at: Date; readonly metadata: { readonly occurredAt: Date } }>()
  const dayOf = (day: string) =>
    days.get(day) ??
    days
      .set(day, { at: new Date(`${day}T03:00:00.000Z`), metadata: { occurredAt: new Date(`${day}T03:00:00.000Z`) } })
      .get(day)
  const at = (day: string): Date => dayOf(day)?.at ?? new Date(0)
  const append = (streamId: string, event: Event) => {
    const streamVersion = (versions.get(streamId) ?? 0) + 1
    versions.set(streamId, streamVersion)
    const position = log.length + 1
    log.push({
      eventId: `e-${position}`,
      streamId,
      streamVersion,
      position,
      type: event._tag,
      event,
      metadata: dayOf(event.at.toISOString().slice(0, 10))?.metadata ?? { occurredAt: event.at }
    })
  }

  const smes = Array.from({ length: size.smes }, (_, index) => ({
    id: Id.ParticipantId.make(`sme-${index}`),
    stream: `Participant-sme-${index}`,
    province: pick(provinces),
    kbli: pick(sectors),
    kind: next() < 0.5 ? ("UKM" as const) : ("IKM" as const),
    foundedYear: 2010 + Math.floor(next() * 12),
    nib: next() < 0.7 ? Nib.make(`${1_000_000_000_000 + index}`) : undefined
  }))
  const counterparts = Array.from({ length: size.counterparts }, (_, index) => ({
    id: Id.ParticipantId.make(`cp-${index}`),
    needs: [pick(categories), pick(categories)].filter((need, i, all) => all.indexOf(need) === i)
  }))

  const figures = (sme: (typeof smes)[number], year: number): ParticipantEvent.BusinessFiguresReported => ({
    _tag: "BusinessFiguresReported",
    participantId: sme.id,
    year,
    annualSales: amount(next() < 0.9 ? 2_500_000_000 : 30_000_000_000),
    businessCapital: amount(3_000_000_000),
    workers: Math.floor(next() * 50),
    at: at(`${year + 1}-03-01`)
  })

  for (const sme of smes) {
    const { id, nib, stream: _stream, ...profile } = sme
    append(sme.stream, {
      _tag: "SmeEnrolled",
      participantId: id,
      legalName: `CV ${id}`,
      ...profile,
      ...(nib === undefined ? {} : { nib }),
      at: at("2022-01-10")
    })
    append(sme.stream, figures(sme, 2021))
  }
  for (const counterpart of counterparts) {
    append(`Participant-${counterpart.id}`, {
      _tag: "CounterpartEnrolled",
      participantId: counterpart.id,
      legalName: `PT ${counterpart.id}`,
      kind: "BUMN",
      at: at("2022-01-10")
    })
  }

  const perForum = Math.ceil(size.smes / size.forums)
  for (let f = 0; f < size.forums; f++) {
    const forumId = Id.ForumId.make(`forum-${f}`)
    const stream = `Forum-${forumId}`
    const year = 2022 + (f % 3)
    const day = `${year}-${String(1 + (f % 12)).padStart(2, "0")}-15`
    append(stream, {
      _tag: "ForumScheduled",
      forumId,
      title: `Forum Kemitraan ${f}`,
      date: CalendarDate.make(day),
      venue: "Gedung Smesco, Jakarta",
      organiser: "Kementerian Koperasi dan UKM",
      coOrganisers: [],
      at: at(day)
    })
    const joined = Array.from({ length: 18 }, () => pick(counterparts)).filter((c, i, all) => all.indexOf(c) === i)
    for (const counterpart of joined) {
      const [first = "uniforms", ...rest] = counterpart.needs
      append(stream, {
        _tag: "CounterpartJoined",
        forumId,
        counterpartId: counterpart.id,
        legalName: `PT ${counterpart.id}`,
        kind: "BUMN",
        needs: [{ category: first }, ...rest.map((category) => ({ category }))],
        at: at(day)
      })
    }
    const cohort = smes.slice(f * perForum, (f + 1) * perForum)
    for (const sme of cohort) {
      const { id, nib, stream: _stream, ...profile } = sme
      append(stream, {
        _tag: "SmeRegistered",
        forumId,
        smeId: id,
        legalName: `CV ${id}`,
        ...profile,
        ...(nib === undefined ? {} : { nib }),
        at: at(day)
      })
    }
    append(stream, { _tag: "ForumOpened", forumId, at: at(day) })
    cohort.forEach((sme, index) => {
      if (next() >= 0.5) return
      const counterpart = pick(joined)
      const consultationId = Id.ConsultationId.make(`c-${index}`)
      const ref = { forumId, consultationId, smeId: sme.id, counterpartId: counterpart.id, at: at(day) }
      append(stream, { _tag: "ConsultationScheduled", ...ref, slot: at(day) })
      append(stream, { _tag: "ConsultationHeld", ...ref })
      if (next() >= 0.8) return
      const assessment = `Assessment-${forumId}/${consultationId}`
      const need = pick(counterpart.needs)
      const potentialValue = amount(2_000_000_000)
      const category = need
      append(assessment, {
        _tag: "AssessmentRecorded",
        ...ref,
        category,
        need,
        potentialValue,
        readiness: { certificates: [] },
        province: sme.province,
        kbli: sme.kbli
      })
      const depth = next()
      if (depth < 0.15) {
        append(assessment, { _tag: "AssessmentClosedWithoutDeal", ...ref, category, reason: "PriceNotCompetitive" })
        return
      }
      if (depth < 0.55) return
      append(assessment, { _tag: "VendorRegistered", ...ref, category, channel: "PaDi UMKM" })
      if (depth < 0.75) return
      const value = Rupiah.make(Math.floor(potentialValue / 2))
      append(assessment, { _tag: "ContractAwarded", ...ref, category, kind: "PurchaseOrder", reference: "PO-1", value })
      if (depth < 0.85) return
      append(assessment, {
        _tag: "DeliveryAccepted",
        ...ref,
        category,
        contractReference: "PO-1",
        bastNumber: "BAST-1",
        value
      })
    })
    append(stream, { _tag: "ForumClosed", forumId, at: at(day) })
  }

  for (const sme of smes) {
    if (next() < 0.6) append(sme.stream, figures(sme, 2023))
    if (sme.nib === undefined && next() < 0.4) {
      append(sme.stream, {
        _tag: "ParticipantFormalised",
        participantId: sme.id,
        nib: Nib.make(`${2_000_000_000_000 + Number(sme.id.slice(4))}`),
        at: at("2023-06-01")
      })
    }
  }
  return log
}
