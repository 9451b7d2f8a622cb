/**
 * The dataset as a timeline of commands: every record becomes the command that records it, at the
 * instant the record gives, with a deterministic command id, so that sending a command again is a
 * no-op. Commands are decoded with the domain's schema (`Kemitraan.decodeCommand`) before anything
 * is handled: a record that does not make a valid command stops the replay before it writes.
 *
 * Times: a record with a timestamp happens then; a record with only a date happens at 09:00 WIB
 * (UTC+07:00) that day. That is the command's business time (`occurredAt`): the replay enters the
 * forum with its real dates, and the events record it apart from when they were recorded.
 * Commands at the same instant keep the order below, which is the order the rules need: a
 * participant is enrolled before it registers, a booking follows both registrations. A booking
 * happens on its `scheduledOn` day, or when the later of its two parties arrived at the forum if
 * that is later (the synthetic `joinedOn` of some counterparts falls after bookings made with them).
 *
 * Provenance: a command made from a synthetic record (or from synthetic fields: a counterpart's
 * needs, an observer marked synthetic) is `"synthetic"`, one made from published facts
 * `"published"`; the events record it in their metadata.
 *
 * @since 0.1.0
 */
import { Kemitraan } from "@kemitraan/core"
import { Either } from "effect"
import type { Dataset } from "../dataset/Dataset.js"
import type * as Records from "../dataset/Records.js"
import { InvalidCommand } from "./ReplayError.js"

/** Where a step's data comes from. */
export type Provenance = "published" | "synthetic"

/** One command of the replay. */
export interface Step {
  /** When it happened, in epoch milliseconds: the command's business time. */
  readonly at: number
  /** Deterministic: the command's kind and the dataset record it comes from. */
  readonly commandId: string
  readonly command: Kemitraan.Command
  readonly provenance: Provenance
}

/** A command as JSON, before decoding. */
type CommandInput = typeof Kemitraan.Command.Encoded

interface Draft {
  readonly at: number
  readonly commandId: string
  readonly input: CommandInput
  /** Set where a command's provenance is not its tag's (see {@link provenanceOf}). */
  readonly synthetic?: boolean
}

/** The commands made from published facts: the forum's lifecycle and the counterparts' enrolment. */
const published: ReadonlySet<string> = new Set([
  "ScheduleForum",
  "OpenForum",
  "CloseForum",
  "AnnounceResults",
  "EnrolCounterpart"
])

/** A command is synthetic unless it is made from published facts. */
const provenanceOf = (draft: Draft): Provenance =>
  (draft.synthetic ?? !published.has(draft.input._tag)) ? "synthetic" : "published"

/** The prefix of every command id of this replay. */
export const commandIdPrefix = "forum-2022"

/** A date-only record happens at 09:00 WIB (UTC+07:00) that day. */
export const dayTime = (date: string): number => Date.parse(`${date}T09:00:00+07:00`)

const instant = (timestamp: string): number => Date.parse(timestamp)

const idOf = (tag: string, key: string): string => `${commandIdPrefix}/${tag}/${key}`

/** The lookups a record needs, each failing with the id of the command that needed it. */
class Lookups {
  private readonly categories: ReadonlyMap<string, Records.Category>
  private readonly provinces: ReadonlyMap<string, Records.Province>
  private readonly needs: ReadonlyMap<string, Records.Need>
  private readonly assessments: ReadonlyMap<string, Records.Assessment>

  constructor(dataset: Dataset) {
    this.categories = new Map(dataset.categories.map((category) => [category.id, category]))
    this.provinces = new Map(dataset.provinces.map((province) => [province.code, province]))
    this.needs = new Map(
      dataset.counterparts.flatMap((counterpart) => counterpart.needs.map((need) => [need.id, need]))
    )
    this.assessments = new Map(dataset.assessments.map((assessment) => [assessment.id, assessment]))
  }

  private static find<A>(map: ReadonlyMap<string, A>, key: string, what: string, commandId: string) {
    const found = map.get(key)
    return found === undefined
      ? Either.left(new InvalidCommand({ commandId, reason: `no ${what} "${key}" in the dataset` }))
      : Either.right(found)
  }

  /** The name a product category is recorded under: its English name. */
  category(id: string, commandId: string) {
    return Either.map(Lookups.find(this.categories, id, "category", commandId), (category) => category.nameEn)
  }

  /** The official (Kemendagri) code of a province given by its BPS code. */
  province(code: string, commandId: string) {
    return Either.map(Lookups.find(this.provinces, code, "province", commandId), (p) => p.kemendagriCode)
  }

  need(id: string, commandId: string) {
    return Lookups.find(this.needs, id, "need", commandId)
  }

  assessment(id: string, commandId: string) {
    return Lookups.find(this.assessments, id, "assessment", commandId)
  }
}

const scheduleForum = (forum: Records.Forum): Draft => ({
  at: dayTime(forum.schedule.scheduledOn),
  commandId: idOf("ScheduleForum", forum.id),
  input: {
    _tag: "ScheduleForum",
    forumId: forum.id,
    title: forum.name,
    date: forum.heldOn,
    venue: `${forum.venue.name}, ${forum.venue.city}`,
    organiser: forum.organiser.shortName,
    coOrganisers: forum.coOrganisers.map((organisation) => organisation.shortName)
  }
})

/** A counterpart's needs, one per category (the domain lists each category once), descriptions joined. */
const needsOf = (counterpart: Records.Counterpart, lookups: Lookups, commandId: string) =>
  Either.gen(function* () {
    const byCategory = new Map<string, Array<string>>()
    for (const need of counterpart.needs) {
      const category = yield* lookups.category(need.categoryId, commandId)
      const descriptions = byCategory.get(category) ?? []
      descriptions.push(need.description)
      byCategory.set(category, descriptions)
    }
    return [...byCategory].map(([category, descriptions]) => ({ category, description: descriptions.join("; ") }))
  })

const counterpartSteps = (forumId: string, counterpart: Records.Counterpart, lookups: Lookups) =>
  Either.gen(function* () {
    const at = dayTime(counterpart.joinedOn)
    const joinId = idOf("JoinCounterpart", counterpart.id)
    const [first, ...rest] = yield* needsOf(counterpart, lookups, joinId)
    if (first === undefined) return yield* Either.left(new InvalidCommand({ commandId: joinId, reason: "no needs" }))
    const enrol: Draft = {
      at,
      commandId: idOf("EnrolCounterpart", counterpart.id),
      input: {
        _tag: "EnrolCounterpart",
        participantId: counterpart.id,
        legalName: counterpart.name,
        kind: counterpart.kind
      }
    }
    const join: Draft = {
      at,
      commandId: joinId,
      input: { _tag: "JoinCounterpart", forumId, counterpartId: counterpart.id, needs: [first, ...rest] }
    }
    return [enrol, join]
  })

const smeSteps = (forumId: string, sme: Records.Sme, lookups: Lookups) =>
  Either.gen(function* () {
    const at = dayTime(sme.registeredOn)
    const enrolId = idOf("EnrolSme", sme.id)
    const enrol: Draft = {
      at,
      commandId: enrolId,
      input: {
        _tag: "EnrolSme",
        participantId: sme.id,
        legalName: sme.name,
        ...(sme.nib === undefined ? {} : { nib: sme.nib }),
        province: yield* lookups.province(sme.provinceCode, enrolId),
        kbli: sme.kbli,
        kind: sme.kind,
        foundedYear: sme.foundedYear
      }
    }
    const register: Draft = {
      at,
      commandId: idOf("RegisterSme", sme.id),
      input: { _tag: "RegisterSme", forumId, smeId: sme.id }
    }
    return [enrol, register]
  })

const figuresStep = (figures: Records.BusinessFigures, index: number): Draft => {
  const fields = {
    participantId: figures.smeId,
    year: figures.year,
    annualSales: figures.annualSalesRupiah,
    businessCapital: figures.businessCapitalRupiah,
    workers: figures.workers
  }
  const at = dayTime(figures.reportedOn)
  return figures.kind === "reported"
    ? {
        at,
        commandId: idOf("ReportBusinessFigures", `${figures.smeId}/${figures.year}`),
        input: { _tag: "ReportBusinessFigures", ...fields }
      }
    : {
        at,
        // A year may be corrected more than once: the record's place in its file tells corrections apart.
        commandId: idOf("CorrectBusinessFigures", `${figures.smeId}/${figures.year}/${index + 1}`),
        input: { _tag: "CorrectBusinessFigures", ...fields, reason: figures.reason }
      }
}

const openingSteps = (forum: Records.Forum): ReadonlyArray<Draft> => {
  const at = instant(forum.schedule.opensAt)
  return [
    { at, commandId: idOf("OpenForum", forum.id), input: { _tag: "OpenForum", forumId: forum.id } },
    ...forum.observers.map((observer, i): Draft => ({
      at,
      synthetic: observer.synthetic,
      commandId: idOf("RecordObserver", `${forum.id}/${i + 1}`),
      input: { _tag: "RecordObserver", forumId: forum.id, name: observer.name, kind: observer.kind }
    }))
  ]
}

/**
 * A booking happens on its `scheduledOn` day, but never before both parties are at the forum: the
 * synthetic `joinedOn` of some counterparts falls after bookings made with them.
 */
const bookingStep = (consultation: Records.Consultation, arrivals: ReadonlyMap<string, number>): Draft => ({
  at: Math.max(
    dayTime(consultation.scheduledOn),
    arrivals.get(consultation.smeId) ?? 0,
    arrivals.get(consultation.counterpartId) ?? 0
  ),
  commandId: idOf("ScheduleConsultation", consultation.id),
  input: {
    _tag: "ScheduleConsultation",
    forumId: consultation.forumId,
    consultationId: consultation.id,
    smeId: consultation.smeId,
    counterpartId: consultation.counterpartId,
    slot: consultation.startsAt
  }
})

const outcomeStep = (consultation: Records.Consultation): Draft => {
  const at = instant(consultation.startsAt)
  const ref = { forumId: consultation.forumId, consultationId: consultation.id }
  switch (consultation.outcome) {
    case "held":
      return {
        at,
        commandId: idOf("RecordConsultationHeld", consultation.id),
        input: { _tag: "RecordConsultationHeld", ...ref }
      }
    case "no-show":
      return {
        at,
        commandId: idOf("RecordNoShow", consultation.id),
        input: { _tag: "RecordNoShow", ...ref, absent: consultation.absent }
      }
    case "cancelled":
      return {
        at,
        commandId: idOf("CancelConsultation", consultation.id),
        input: { _tag: "CancelConsultation", ...ref, reason: consultation.reason }
      }
  }
}

const assessmentStep = (forumId: string, assessment: Records.Assessment, lookups: Lookups) =>
  Either.gen(function* () {
    const commandId = idOf("RecordAssessment", assessment.id)
    const need = yield* lookups.need(assessment.needId, commandId)
    const { certificates, tkdnPercent, monthlyCapacity } = assessment.readiness
    const draft: Draft = {
      at: instant(assessment.recordedAt),
      commandId,
      input: {
        _tag: "RecordAssessment",
        forumId,
        consultationId: assessment.consultationId,
        category: yield* lookups.category(assessment.categoryId, commandId),
        need: yield* lookups.category(need.categoryId, commandId),
        potentialValue: assessment.potentialRupiah,
        readiness: { certificates, tkdnPercent, capacity: { ...monthlyCapacity, per: "Month" } }
      }
    }
    return draft
  })

const closingSteps = (forum: Records.Forum): ReadonlyArray<Draft> => [
  {
    at: instant(forum.schedule.closesAt),
    commandId: idOf("CloseForum", forum.id),
    input: { _tag: "CloseForum", forumId: forum.id }
  },
  {
    at: dayTime(forum.resultsAnnounced.on),
    commandId: idOf("AnnounceResults", forum.id),
    input: {
      _tag: "AnnounceResults",
      forumId: forum.id,
      date: forum.resultsAnnounced.on,
      announcedBy: forum.resultsAnnounced.by,
      reported: {
        potentialValue: forum.published.potentialRupiah,
        smesRegistered: forum.published.participants,
        smesAssessed: forum.published.assessedSmes,
        counterparts: forum.published.counterpartsInAssessments,
        provinces: forum.published.provinces
      }
    }
  }
]

/** The command of a follow-up step, and the key that makes its id unique. */
const followUpInput = (
  step: Records.FollowUp,
  ref: { readonly forumId: string; readonly consultationId: string }
): { readonly key: string; readonly input: CommandInput } => {
  switch (step.step) {
    case "vendor-registered":
      return {
        key: step.assessmentId,
        input: { _tag: "RegisterVendor", ...ref, channel: step.channel, vendorNumber: step.vendorNumber }
      }
    case "contract-awarded":
      return {
        key: step.reference,
        input: { _tag: "AwardContract", ...ref, kind: step.kind, reference: step.reference, value: step.valueRupiah }
      }
    case "delivery-accepted":
      return {
        key: step.bastNumber,
        input: {
          _tag: "AcceptDelivery",
          ...ref,
          contractReference: step.contractReference,
          bastNumber: step.bastNumber,
          value: step.valueRupiah
        }
      }
    case "closed-without-deal":
      return {
        key: step.assessmentId,
        input: {
          _tag: "CloseWithoutDeal",
          ...ref,
          reason: step.reason,
          ...(step.note === undefined ? {} : { note: step.note })
        }
      }
  }
}

const followUpStep = (forumId: string, step: Records.FollowUp, lookups: Lookups) =>
  Either.map(
    lookups.assessment(step.assessmentId, `${commandIdPrefix}/follow-up/${step.assessmentId}`),
    (assessment) => {
      const { key, input } = followUpInput(step, { forumId, consultationId: assessment.consultationId })
      const draft: Draft = { at: dayTime(step.on), commandId: idOf(input._tag, key), input }
      return draft
    }
  )

const formaliseStep = (formalisation: Records.Formalisation): Draft => ({
  at: dayTime(formalisation.obtainedOn),
  commandId: idOf("Formalise", formalisation.smeId),
  input: { _tag: "Formalise", participantId: formalisation.smeId, nib: formalisation.nib }
})

/** Every command of the dataset, in the order of the rules (not yet in time order). */
const drafts = (dataset: Dataset): Either.Either<ReadonlyArray<Draft>, InvalidCommand> =>
  Either.gen(function* () {
    const { forum } = dataset
    const lookups = new Lookups(dataset)
    const out: Array<Draft> = [scheduleForum(forum)]
    for (const counterpart of dataset.counterparts)
      out.push(...(yield* counterpartSteps(forum.id, counterpart, lookups)))
    for (const sme of dataset.smes) out.push(...(yield* smeSteps(forum.id, sme, lookups)))
    dataset.businessFigures.forEach((figures, i) => out.push(figuresStep(figures, i)))
    out.push(...openingSteps(forum))
    const arrivals = new Map([
      ...dataset.smes.map((sme) => [sme.id, dayTime(sme.registeredOn)] as const),
      ...dataset.counterparts.map((counterpart) => [counterpart.id, dayTime(counterpart.joinedOn)] as const)
    ])
    for (const consultation of dataset.consultations) out.push(bookingStep(consultation, arrivals))
    for (const consultation of dataset.consultations) out.push(outcomeStep(consultation))
    for (const assessment of dataset.assessments) out.push(yield* assessmentStep(forum.id, assessment, lookups))
    out.push(...closingSteps(forum))
    for (const step of dataset.followUps) out.push(yield* followUpStep(forum.id, step, lookups))
    out.push(...dataset.formalisations.map(formaliseStep))
    return out
  })

const decodeDraft = (draft: Draft): Either.Either<Step, InvalidCommand> =>
  Either.match(Kemitraan.decodeCommand(draft.input), {
    onLeft: (error) => Either.left(new InvalidCommand({ commandId: draft.commandId, reason: error.message })),
    onRight: (command) =>
      Either.right({ at: draft.at, commandId: draft.commandId, command, provenance: provenanceOf(draft) })
  })

/** The dataset as decoded commands in time order (ties keep the order of the rules). */
export const fromDataset = (dataset: Dataset): Either.Either<ReadonlyArray<Step>, InvalidCommand> =>
  Either.flatMap(drafts(dataset), (all) => {
    const ordered = all.map((draft, seq) => ({ draft, seq })).sort((a, b) => a.draft.at - b.draft.at || a.seq - b.seq)
    const steps: Array<Step> = []
    for (const { draft } of ordered) {
      const step = decodeDraft(draft)
      if (Either.isLeft(step)) return Either.left(step.left)
      steps.push(step.right)
    }
    return Either.right(steps)
  })
