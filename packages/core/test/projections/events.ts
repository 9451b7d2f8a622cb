/**
 * Concise constructors of domain events and the streams that hold them, for the projection tests.
 */
import {
  type AssessmentEvent,
  CalendarDate,
  type ConsultationEvent,
  type ForumEvent,
  Id,
  Kbli,
  KemitraanEvent,
  Nib,
  type ParticipantEvent,
  type Province,
  Rupiah
} from "@kemitraan/core"

const { forumStream, participantStream, assessmentStream } = KemitraanEvent

/** Events of one stream, in stream order. */
export interface Stream {
  readonly streamId: string
  readonly events: ReadonlyArray<KemitraanEvent.KemitraanEvent>
}

/** Collects events into their streams, keeping each stream's order. */
export class Log {
  private readonly byStream = new Map<string, Array<KemitraanEvent.KemitraanEvent>>()

  add(streamId: string, ...events: ReadonlyArray<KemitraanEvent.KemitraanEvent>): this {
    const stream = this.byStream.get(streamId) ?? []
    stream.push(...events)
    this.byStream.set(streamId, stream)
    return this
  }

  participant(...events: ReadonlyArray<ParticipantEvent.ParticipantEvent>): this {
    for (const event of events) this.add(participantStream(event.participantId), event)
    return this
  }

  forum(...events: ReadonlyArray<ForumEvent.ForumEvent | ConsultationEvent.ConsultationEvent>): this {
    for (const event of events) this.add(forumStream(event.forumId), event)
    return this
  }

  assessment(...events: ReadonlyArray<AssessmentEvent.AssessmentEvent>): this {
    for (const event of events) this.add(assessmentStream(event.forumId, event.consultationId), event)
    return this
  }

  streams(): ReadonlyArray<Stream> {
    return [...this.byStream].map(([streamId, events]) => ({ streamId, events }))
  }

  /** Every event, stream after stream. */
  inStreamOrder(): ReadonlyArray<{ readonly streamId: string; readonly event: KemitraanEvent.KemitraanEvent }> {
    return this.streams().flatMap(({ streamId, events }) => events.map((event) => ({ streamId, event })))
  }
}

/** An instant on a calendar day (UTC noon), so its UTC year is the day's year. */
export const on = (day: string): Date => new Date(`${day}T12:00:00.000Z`)

const participantId = Id.ParticipantId.make
const forumId = Id.ForumId.make
const consultationId = Id.ConsultationId.make

/** The profile of an SME in tests. */
export interface SmeProfile {
  readonly id: string
  readonly province?: Province.ProvinceCode | undefined
  readonly kbli?: string | undefined
  readonly foundedYear?: number | undefined
  /** Absent for an informal business. */
  readonly nib?: string | undefined
}

const profileOf = (sme: SmeProfile) => ({
  legalName: `CV ${sme.id}`,
  province: sme.province ?? "35",
  kbli: Kbli.make(sme.kbli ?? "28299"),
  kind: "IKM" as const,
  foundedYear: sme.foundedYear ?? 2015,
  ...(sme.nib === undefined ? {} : { nib: Nib.make(sme.nib) })
})

/** An SME enrolled. */
export const smeEnrolled = (sme: SmeProfile, at = on("2022-01-10")): ParticipantEvent.SmeEnrolled => ({
  _tag: "SmeEnrolled",
  participantId: participantId(sme.id),
  ...profileOf(sme),
  at
})

/** A counterpart enrolled. */
export const counterpartEnrolled = (id: string, at = on("2022-01-10")): ParticipantEvent.CounterpartEnrolled => ({
  _tag: "CounterpartEnrolled",
  participantId: participantId(id),
  legalName: `PT ${id}`,
  kind: "BUMN",
  at
})

/** Figures reported (or corrected, with a reason) for a year. */
export const figures = (
  id: string,
  year: number,
  amounts: { readonly sales: number; readonly capital: number; readonly workers?: number | undefined },
  correction?: string | undefined
): ParticipantEvent.BusinessFiguresReported | ParticipantEvent.BusinessFiguresCorrected => {
  const fields = {
    participantId: participantId(id),
    year,
    annualSales: Rupiah.make(amounts.sales),
    businessCapital: Rupiah.make(amounts.capital),
    workers: amounts.workers ?? 5,
    at: on(`${year + 1}-03-01`)
  }
  return correction === undefined
    ? { _tag: "BusinessFiguresReported", ...fields }
    : { _tag: "BusinessFiguresCorrected", ...fields, reason: correction }
}

/** An informal SME obtained an NIB. */
export const formalised = (id: string, nib: string, at = on("2023-06-01")): ParticipantEvent.ParticipantFormalised => ({
  _tag: "ParticipantFormalised",
  participantId: participantId(id),
  nib: Nib.make(nib),
  at
})

/** A forum scheduled on a date. */
export const forumScheduled = (id: string, date: string): ForumEvent.ForumScheduled => ({
  _tag: "ForumScheduled",
  forumId: forumId(id),
  title: `Forum ${id}`,
  date: CalendarDate.make(date),
  venue: "Gedung Smesco, Jakarta",
  organiser: "Kementerian Koperasi dan UKM",
  coOrganisers: [],
  at: on(date)
})

/** A counterpart joined a forum with needs (at least one; "uniforms" when none is given). */
export const counterpartJoined = (
  forum: string,
  id: string,
  needs: ReadonlyArray<string>,
  at = on("2022-11-01")
): ForumEvent.CounterpartJoined => {
  const [first = "uniforms", ...rest] = needs
  return {
    _tag: "CounterpartJoined",
    forumId: forumId(forum),
    counterpartId: participantId(id),
    legalName: `PT ${id}`,
    kind: "BUMN",
    needs: [{ category: first }, ...rest.map((category) => ({ category }))],
    at
  }
}

/** An SME registered at a forum, with the profile it enrolled with (`nib` as it stands at registration). */
export const smeRegistered = (forum: string, sme: SmeProfile, at = on("2022-11-01")): ForumEvent.SmeRegistered => ({
  _tag: "SmeRegistered",
  forumId: forumId(forum),
  smeId: participantId(sme.id),
  ...profileOf(sme),
  at
})

/** A forum lifecycle event without fields of its own. */
export const forumStep = (
  tag: "ForumOpened" | "ForumClosed",
  forum: string,
  at = on("2022-11-24")
): ForumEvent.ForumOpened | ForumEvent.ForumClosed => ({ _tag: tag, forumId: forumId(forum), at })

/** An observer attended. */
export const observer = (forum: string, name: string, at = on("2022-11-24")): ForumEvent.ObserverAttended => ({
  _tag: "ObserverAttended",
  forumId: forumId(forum),
  name,
  kind: "Association",
  at
})

/** Results announced with reported figures. */
export const resultsAnnounced = (
  forum: string,
  date: string,
  reported: ForumEvent.ReportedFigures
): ForumEvent.ForumResultsAnnounced => ({
  _tag: "ForumResultsAnnounced",
  forumId: forumId(forum),
  date: CalendarDate.make(date),
  reported,
  at: on(date)
})

/** Who met whom at a forum. */
export interface Meeting {
  readonly forum: string
  readonly consultation: string
  readonly sme: string
  readonly counterpart: string
}

const refOf = (meeting: Meeting) => ({
  forumId: forumId(meeting.forum),
  consultationId: consultationId(meeting.consultation),
  smeId: participantId(meeting.sme),
  counterpartId: participantId(meeting.counterpart)
})

/** A consultation's events up to its outcome: requested, then held, a no-show or cancelled (or still pending). */
export const consultation = (
  meeting: Meeting,
  outcome: "Held" | "NoShow" | "Cancelled" | "Pending",
  at = on("2022-11-24")
): ReadonlyArray<ConsultationEvent.ConsultationEvent> => {
  const ref = { ...refOf(meeting), at }
  const requested: ConsultationEvent.ConsultationEvent = { _tag: "ConsultationRequested", ...ref }
  switch (outcome) {
    case "Held":
      return [requested, { _tag: "ConsultationHeld", ...ref }]
    case "NoShow":
      return [requested, { _tag: "ConsultationNoShow", ...ref, absent: "Counterpart" }]
    case "Cancelled":
      return [requested, { _tag: "ConsultationCancelled", ...ref, reason: "rescheduled" }]
    case "Pending":
      return [requested]
  }
}

/** How far an assessment goes after it is recorded. */
export interface FollowUp {
  /** 0: recorded only; 1: vendor registered; 2: contracted; 3: delivered. */
  readonly depth: 0 | 1 | 2 | 3
  readonly contractValue?: number | undefined
  readonly deliveredValue?: number | undefined
  /** Close without a deal (only before a contract). */
  readonly closed?: boolean | undefined
}

/** An assessment's stream: recorded with a potential value, then its follow-up. */
export const assessment = (
  meeting: Meeting,
  recorded: {
    readonly need: string
    readonly potential: number
    readonly province?: Province.ProvinceCode | undefined
    readonly kbli?: string | undefined
  },
  followUp: FollowUp = { depth: 0 },
  at = on("2022-11-24")
): ReadonlyArray<AssessmentEvent.AssessmentEvent> => {
  const ref = { ...refOf(meeting), category: `${recorded.need} (offered)`, at }
  const events: Array<AssessmentEvent.AssessmentEvent> = [
    {
      _tag: "AssessmentRecorded",
      ...ref,
      need: recorded.need,
      potentialValue: Rupiah.make(recorded.potential),
      readiness: { certificates: [] },
      province: recorded.province ?? "35",
      kbli: Kbli.make(recorded.kbli ?? "28299")
    }
  ]
  if (followUp.depth >= 1) events.push({ _tag: "VendorRegistered", ...ref, channel: "PaDi UMKM" })
  const contractValue = Rupiah.make(followUp.contractValue ?? recorded.potential)
  if (followUp.depth >= 2) {
    events.push({ _tag: "ContractAwarded", ...ref, kind: "PurchaseOrder", reference: "PO-1", value: contractValue })
  }
  if (followUp.depth >= 3) {
    const value = Rupiah.make(followUp.deliveredValue ?? contractValue)
    events.push({ _tag: "DeliveryAccepted", ...ref, contractReference: "PO-1", bastNumber: "BAST-1", value })
  }
  if (followUp.closed === true && followUp.depth < 2) {
    events.push({ _tag: "AssessmentClosedWithoutDeal", ...ref, reason: "PriceNotCompetitive" })
  }
  return events
}
