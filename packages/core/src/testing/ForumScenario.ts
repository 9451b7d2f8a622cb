/**
 * Generators of whole forums as command sequences, for testing code that consumes the domain
 * (projections, reports, stores) against realistic histories.
 *
 * {@link consistent} yields forums whose every command is accepted when run in order, with a clock
 * that never goes backwards and reads the forum's year or later: counterparts and SMEs enrolled with
 * their figures, the forum scheduled, joined, registered, opened, consultations held or not, closed,
 * assessments and their follow-up, results announced, corrections and formalisations afterwards.
 * {@link adversarial} takes such a forum and breaks it: drops, repeats and swaps commands, and
 * inserts hostile ones (role confusion, unknown ids, double bookings, deliveries beyond contracts).
 *
 * Four generators of synthetic histories live in this repository, on purpose: each answers a different
 * question and merging any two would weaken one of them. This one yields commands, as fast-check
 * values, so that a failing case shrinks to the fewest commands. (`ForumScenario`: fast-check commands
 * of one forum, shrinkable, including hostile ones, for the deciders and everything behind
 * `Kemitraan.handle`; `Programme`: a seeded, streamed national log of about a million valid events,
 * for benchmarks; `test/projections/world.ts`: events straight into the projections, hitting every PP
 * 7/2021 boundary and any interleaving of streams; the forum-2022 dataset generator: records that
 * reproduce published figures, checked in byte for byte.) They share the domain's schemas; the two
 * seeded ones share one PRNG, `Prng`.
 *
 * @since 0.1.0
 */
import * as fc from "effect/FastCheck"
import type * as Assessment from "../Assessment.js"
import type { Certificate, NoDealReason } from "../AssessmentEvent.js"
import { CalendarDate } from "../CalendarDate.js"
import { ConsultationId, ForumId, ParticipantId } from "../Id.js"
import type { Kbli } from "../Kbli.js"
import type { Command } from "../Kemitraan.js"
import type { Nib } from "../Nib.js"
import type { ProvinceCode } from "../Province.js"
import { Rupiah } from "../Rupiah.js"
import * as A from "./KemitraanArbitrary.js"

/** A forum as the commands that make it. */
export interface Scenario {
  readonly forumId: ForumId
  /** The forum's day: run the commands with a clock on or after it (and never going backwards). */
  readonly date: CalendarDate
  readonly commands: ReadonlyArray<Command>
}

/** A range of counts. */
export interface Range {
  readonly min: number
  readonly max: number
}

/** How large a forum to generate, and what to call it. */
export interface ScenarioOptions {
  /** Default "forum-1". Participant and consultation ids are prefixed with it. */
  readonly forumId?: string | undefined
  /** The forum's day. Default 2022-11-24. */
  readonly date?: string | undefined
  /** Default 1 to 8. */
  readonly smes?: Range | undefined
  /** Default 1 to 3. */
  readonly counterparts?: Range | undefined
}

interface FiguresPlan {
  readonly year: number
  readonly annualSales: Rupiah
  readonly businessCapital: Rupiah
  readonly workers: number
  readonly corrected: boolean
}

interface SmePlan {
  readonly legalName: string
  readonly nib: Nib | undefined
  readonly formalisedAs: Nib
  readonly formalises: boolean
  readonly province: ProvinceCode
  readonly kbli: Kbli
  readonly kind: "UKM" | "IKM"
  readonly foundedYear: number
  readonly figures: ReadonlyArray<FiguresPlan>
  readonly counterparts: ReadonlyArray<number>
}

interface CounterpartPlan {
  readonly legalName: string
  readonly kind: "BUMN" | "UsahaBesar" | "BUMD"
  readonly needs: readonly [string, ...Array<string>]
}

type Outcome = "Held" | "NoShow" | "Cancelled" | "Pending"
type FollowUp = "None" | "Vendor" | "Contract" | "NoDeal"

interface AssessmentPlan {
  readonly assessed: boolean
  readonly category: string
  readonly needIndex: number
  readonly potentialValue: Rupiah
  readonly certificates: ReadonlyArray<Certificate>
  readonly tkdnPercent: number | undefined
  readonly followUp: FollowUp
  readonly contracts: ReadonlyArray<{ readonly value: Rupiah; readonly deliveredShares: ReadonlyArray<number> }>
  readonly noDealReason: NoDealReason
}

interface ConsultationPlan {
  readonly scheduled: boolean
  readonly outcome: Outcome
  readonly assessment: AssessmentPlan
}

const range = (given: Range | undefined, fallback: Range): Range => given ?? fallback

const figuresPlan = (foundedYear: number, lastYear: number): fc.Arbitrary<ReadonlyArray<FiguresPlan>> =>
  fc.uniqueArray(fc.integer({ min: foundedYear, max: lastYear }), { maxLength: 3 }).chain((years) =>
    fc.tuple(
      ...years.map((year) =>
        fc.record({
          year: fc.constant(year),
          annualSales: A.annualSales,
          businessCapital: A.businessCapital,
          workers: fc.integer({ min: 1, max: 300 }),
          corrected: fc.boolean()
        })
      )
    )
  )

const smePlan = (year: number, counterparts: number): fc.Arbitrary<SmePlan> =>
  fc.integer({ min: 1980, max: year }).chain((foundedYear) =>
    fc.record({
      legalName: A.smeName,
      nib: fc.option(A.nib, { nil: undefined, freq: 5 }),
      formalisedAs: A.nib,
      formalises: fc.boolean(),
      province: A.province,
      kbli: A.kbli,
      kind: fc.constantFrom("UKM" as const, "IKM" as const),
      foundedYear: fc.constant(foundedYear),
      figures: figuresPlan(foundedYear, year),
      counterparts: fc.uniqueArray(fc.nat(counterparts - 1), { maxLength: Math.min(2, counterparts) })
    })
  )

const counterpartPlan = (index: number): fc.Arbitrary<CounterpartPlan> =>
  fc.record({
    legalName: fc.constant(A.counterpartNames[index % A.counterpartNames.length]?.name ?? `PT Mitra ${index}`),
    kind: fc.constantFrom("BUMN" as const, "UsahaBesar" as const, "BUMD" as const),
    needs: fc
      .tuple(fc.constantFrom(...A.productCategories), fc.shuffledSubarray([...A.productCategories], { maxLength: 2 }))
      .map(([first, rest]): readonly [string, ...Array<string>] => [
        first,
        ...rest.filter((category) => category !== first)
      ])
  })

const assessmentPlan: fc.Arbitrary<AssessmentPlan> = fc.record({
  assessed: fc.constantFrom(true, true, true, false),
  category: fc.constantFrom(...A.productCategories),
  needIndex: fc.nat(2),
  potentialValue: A.rupiah(5_000_000, 20_000_000_000),
  certificates: fc.subarray(["Halal", "SNI", "ISO9001"] as const),
  tkdnPercent: fc.option(fc.integer({ min: 0, max: 100 }), { nil: undefined }),
  followUp: fc.constantFrom<FollowUp>("None", "Vendor", "Contract", "Contract", "NoDeal"),
  contracts: fc.array(
    fc.record({
      value: A.rupiah(1_000_000, 5_000_000_000),
      deliveredShares: fc.array(fc.integer({ min: 1, max: 50 }), { maxLength: 2 })
    }),
    { minLength: 1, maxLength: 2 }
  ),
  noDealReason: fc.constantFrom<NoDealReason>("PriceNotCompetitive", "CertificationMissing", "CapacityInsufficient")
})

const consultationPlan: fc.Arbitrary<ConsultationPlan> = fc.record({
  scheduled: fc.boolean(),
  outcome: fc.constantFrom<Outcome>("Held", "Held", "Held", "NoShow", "Cancelled", "Pending"),
  assessment: assessmentPlan
})

interface Plan {
  readonly counterparts: ReadonlyArray<CounterpartPlan>
  readonly smes: ReadonlyArray<SmePlan>
  readonly consultations: ReadonlyArray<ReadonlyArray<ConsultationPlan>>
  readonly observers: number
}

const plan = (options: ScenarioOptions | undefined, year: number): fc.Arbitrary<Plan> => {
  const counterparts = range(options?.counterparts, { min: 1, max: 3 })
  const smes = range(options?.smes, { min: 1, max: 8 })
  return fc
    .integer({ min: Math.max(1, counterparts.min), max: Math.max(1, counterparts.max) })
    .chain((counterpartCount) =>
      fc.record({
        counterparts: fc.tuple(...Array.from({ length: counterpartCount }, (_, index) => counterpartPlan(index))),
        smes: fc.array(smePlan(year, counterpartCount), { minLength: smes.min, maxLength: smes.max }),
        consultations: fc.array(fc.array(consultationPlan, { minLength: 2, maxLength: 2 }), {
          minLength: smes.max,
          maxLength: smes.max
        }),
        observers: fc.nat(2)
      })
    )
}

const addDays = (date: CalendarDate, days: number): CalendarDate =>
  CalendarDate.make(new Date(Date.parse(`${date}T00:00:00.000Z`) + days * 86_400_000).toISOString().slice(0, 10))

/** The ids a scenario uses, so that tests and hostile commands can refer to them. */
export const ids = (forumId: string) => ({
  forum: ForumId.make(forumId),
  sme: (index: number) => ParticipantId.make(`${forumId}/sme-${index + 1}`),
  counterpart: (index: number) => ParticipantId.make(`${forumId}/cp-${index + 1}`),
  consultation: (sme: number, counterpart: number) => ConsultationId.make(`c-${sme + 1}-${counterpart + 1}`)
})

const enrolments = (plan: Plan, id: ReturnType<typeof ids>): Array<Command> => [
  ...plan.counterparts.map((counterpart, index): Command => ({
    _tag: "EnrolCounterpart",
    participantId: id.counterpart(index),
    legalName: counterpart.legalName,
    kind: counterpart.kind
  })),
  ...plan.smes.flatMap((sme, index): Array<Command> => {
    const participantId = id.sme(index)
    const { legalName, province, kbli, kind, foundedYear } = sme
    const nib = sme.nib === undefined ? {} : { nib: sme.nib }
    return [
      { _tag: "EnrolSme", participantId, legalName, province, kbli, kind, foundedYear, ...nib },
      ...sme.figures.map(({ corrected: _corrected, ...figures }): Command => ({
        _tag: "ReportBusinessFigures",
        participantId,
        ...figures
      }))
    ]
  })
]

const opening = (plan: Plan, id: ReturnType<typeof ids>, date: CalendarDate): Array<Command> => {
  const forumId = id.forum
  return [
    {
      _tag: "ScheduleForum",
      forumId,
      title: "Forum Kemitraan UKM/IKM dengan BUMN dan Usaha Besar",
      date,
      venue: "Gedung Smesco, Jakarta",
      organiser: "Kementerian Koperasi dan UKM",
      coOrganisers: ["Kementerian BUMN", "Kementerian Perindustrian", "Kementerian Investasi/BKPM"]
    },
    ...plan.counterparts.map((counterpart, index): Command => ({
      _tag: "JoinCounterpart",
      forumId,
      counterpartId: id.counterpart(index),
      needs: [{ category: counterpart.needs[0] }, ...counterpart.needs.slice(1).map((category) => ({ category }))]
    })),
    ...plan.smes.map((_, index): Command => ({ _tag: "RegisterSme", forumId, smeId: id.sme(index) })),
    { _tag: "OpenForum", forumId },
    ...Array.from({ length: plan.observers }, (_, index): Command => ({
      _tag: "RecordObserver",
      forumId,
      name: index === 0 ? "Asosiasi IUMKM Indonesia" : "Dinas Koperasi dan UKM",
      kind: index === 0 ? "Association" : "RegionalService"
    }))
  ]
}

interface Meeting {
  readonly sme: number
  readonly counterpart: number
  readonly plan: ConsultationPlan
}

const meetings = (plan: Plan): Array<Meeting> =>
  plan.smes.flatMap((sme, smeIndex) =>
    sme.counterparts.flatMap((counterpart, slot) => {
      const consultation = plan.consultations[smeIndex]?.[slot]
      return consultation === undefined ? [] : [{ sme: smeIndex, counterpart, plan: consultation }]
    })
  )

const consultations = (all: ReadonlyArray<Meeting>, id: ReturnType<typeof ids>, date: CalendarDate): Array<Command> =>
  all.flatMap(({ sme, counterpart, plan }, index): Array<Command> => {
    const ref = { forumId: id.forum, consultationId: id.consultation(sme, counterpart) }
    const parties = { ...ref, smeId: id.sme(sme), counterpartId: id.counterpart(counterpart) }
    const slot = new Date(Date.parse(`${date}T02:00:00.000Z`) + index * 15 * 60_000)
    const booking: Command = plan.scheduled
      ? { _tag: "ScheduleConsultation", ...parties, slot }
      : { _tag: "RequestConsultation", ...parties }
    switch (plan.outcome) {
      case "Held":
        return [booking, { _tag: "RecordConsultationHeld", ...ref }]
      case "NoShow":
        return [booking, { _tag: "RecordNoShow", ...ref, absent: "Counterpart" }]
      case "Cancelled":
        return [booking, { _tag: "CancelConsultation", ...ref, reason: "the SME could not attend" }]
      case "Pending":
        return [booking]
    }
  })

const deliveries = (
  ref: { readonly forumId: ForumId; readonly consultationId: ConsultationId },
  reference: string,
  contract: AssessmentPlan["contracts"][number]
): Array<Assessment.AcceptDelivery> => {
  const total = contract.deliveredShares.reduce((sum, share) => sum + share, 0)
  const scale = Math.max(total, 100)
  return contract.deliveredShares.map((share, index) => ({
    _tag: "AcceptDelivery",
    ...ref,
    contractReference: reference,
    bastNumber: `BAST/${reference}/${index + 1}`,
    value: Rupiah.make(Math.floor((contract.value * share) / scale))
  }))
}

const followUp = (
  ref: { readonly forumId: ForumId; readonly consultationId: ConsultationId },
  plan: AssessmentPlan
): Array<Command> => {
  const vendor: Command = { _tag: "RegisterVendor", ...ref, channel: "PaDi UMKM" }
  switch (plan.followUp) {
    case "None":
      return []
    case "Vendor":
      return [vendor]
    case "NoDeal":
      return [{ _tag: "CloseWithoutDeal", ...ref, reason: plan.noDealReason }]
    case "Contract":
      return [
        vendor,
        ...plan.contracts.flatMap((contract, index): Array<Command> => {
          const reference = `PO/${ref.consultationId}/${index + 1}`
          return [
            { _tag: "AwardContract", ...ref, kind: "PurchaseOrder", reference, value: contract.value },
            ...deliveries(ref, reference, contract)
          ]
        })
      ]
  }
}

const assessments = (plan: Plan, all: ReadonlyArray<Meeting>, id: ReturnType<typeof ids>): Array<Command> =>
  all.flatMap(({ sme, counterpart, plan: meeting }): Array<Command> => {
    const assessment = meeting.assessment
    if (meeting.outcome !== "Held" || !assessment.assessed) return []
    const needs = plan.counterparts[counterpart]?.needs ?? []
    const need = needs[assessment.needIndex % needs.length] ?? ""
    const ref = { forumId: id.forum, consultationId: id.consultation(sme, counterpart) }
    const tkdn = assessment.tkdnPercent === undefined ? {} : { tkdnPercent: assessment.tkdnPercent }
    return [
      {
        _tag: "RecordAssessment",
        ...ref,
        category: assessment.category,
        need,
        potentialValue: assessment.potentialValue,
        readiness: { certificates: assessment.certificates, ...tkdn }
      },
      ...followUp(ref, assessment)
    ]
  })

const aftermath = (plan: Plan, id: ReturnType<typeof ids>): Array<Command> =>
  plan.smes.flatMap((sme, index): Array<Command> => {
    const participantId = id.sme(index)
    const corrections = sme.figures
      .filter((figures) => figures.corrected)
      .map(({ corrected: _corrected, ...figures }): Command => ({
        _tag: "CorrectBusinessFigures",
        participantId,
        ...figures,
        workers: figures.workers + 1,
        reason: "figures restated after review"
      }))
    const formalise: Array<Command> =
      sme.nib === undefined && sme.formalises ? [{ _tag: "Formalise", participantId, nib: sme.formalisedAs }] : []
    return [...corrections, ...formalise]
  })

const toScenario = (plan: Plan, forumId: string, date: CalendarDate): Scenario => {
  const id = ids(forumId)
  const all = meetings(plan)
  return {
    forumId: id.forum,
    date,
    commands: [
      ...enrolments(plan, id),
      ...opening(plan, id, date),
      ...consultations(all, id, date),
      { _tag: "CloseForum", forumId: id.forum },
      ...assessments(plan, all, id),
      { _tag: "AnnounceResults", forumId: id.forum, date: addDays(date, 8), reported: {} },
      ...aftermath(plan, id)
    ]
  }
}

/** Forums whose every command is accepted, run in order on a clock at or after the forum's day. */
export const consistent = (options?: ScenarioOptions): fc.Arbitrary<Scenario> => {
  const date = CalendarDate.make(options?.date ?? "2022-11-24")
  const forumId = options?.forumId ?? "forum-1"
  return plan(options, Number(date.slice(0, 4))).map((generated) => toScenario(generated, forumId, date))
}

/** The ids and values a scenario uses, from which hostile commands are drawn. */
interface Pools {
  readonly forums: ReadonlyArray<ForumId>
  readonly participants: ReadonlyArray<ParticipantId>
  readonly smes: ReadonlyArray<ParticipantId>
  readonly counterparts: ReadonlyArray<ParticipantId>
  readonly consultations: ReadonlyArray<ConsultationId>
  /** Consultations the scenario assesses: where follow-ups reach the deeper rules. */
  readonly assessed: ReadonlyArray<ConsultationId>
  readonly pairs: ReadonlyArray<readonly [ParticipantId, ParticipantId]>
  readonly references: ReadonlyArray<string>
  /** The contracts of the scenario: where deliveries and closings meet a deal. */
  readonly contracts: ReadonlyArray<Contract>
  /** Consultations the scenario holds: where an assessment is possible. */
  readonly held: ReadonlyArray<ConsultationId>
}

interface Contract {
  readonly consultationId: ConsultationId
  readonly reference: string
  readonly value: number
}

const poolsOf = (scenario: Scenario): Pools => {
  const participants = new Set<ParticipantId>([ParticipantId.make("nobody")])
  const consultations = new Set<ConsultationId>([ConsultationId.make("c-new")])
  const references = new Set<string>(["PO-unknown"])
  const smes: Array<ParticipantId> = []
  const counterparts: Array<ParticipantId> = []
  const pairs: Array<readonly [ParticipantId, ParticipantId]> = []
  const contracts: Array<Contract> = []
  const assessed: Array<ConsultationId> = []
  const held: Array<ConsultationId> = []
  for (const command of scenario.commands) {
    if ("participantId" in command) participants.add(command.participantId)
    if ("consultationId" in command) consultations.add(command.consultationId)
    if (command._tag === "AwardContract") {
      references.add(command.reference)
      contracts.push({ consultationId: command.consultationId, reference: command.reference, value: command.value })
    }
    if (command._tag === "RecordAssessment") assessed.push(command.consultationId)
    if (command._tag === "RecordConsultationHeld") held.push(command.consultationId)
    if (command._tag === "EnrolSme") smes.push(command.participantId)
    if (command._tag === "EnrolCounterpart") counterparts.push(command.participantId)
    if (command._tag === "RequestConsultation" || command._tag === "ScheduleConsultation") {
      pairs.push([command.smeId, command.counterpartId])
    }
  }
  const all = [...participants]
  return {
    forums: [scenario.forumId, ForumId.make("forum-unknown")],
    participants: all,
    smes: smes.length > 0 ? smes : all,
    counterparts: counterparts.length > 0 ? counterparts : all,
    consultations: [...consultations],
    assessed: assessed.length > 0 ? assessed : [...consultations],
    pairs:
      pairs.length > 0 ? pairs : [[all[0] ?? ParticipantId.make("nobody"), all[0] ?? ParticipantId.make("nobody")]],
    references: [...references],
    contracts:
      contracts.length > 0
        ? contracts
        : [{ consultationId: ConsultationId.make("c-new"), reference: "PO-unknown", value: 0 }],
    held: held.length > 0 ? held : [...consultations]
  }
}

const hostile = (pools: Pools, date: CalendarDate): fc.Arbitrary<Command> => {
  const forumId = fc.oneof(
    { weight: 9, arbitrary: fc.constant(pools.forums[0] ?? ForumId.make("forum-1")) },
    fc.constantFrom(...pools.forums)
  )
  const participant = fc.constantFrom(...pools.participants)
  const consultationId = fc.constantFrom(...pools.consultations)
  const consultation = fc.record({ forumId, consultationId })
  const assessedId = fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...pools.assessed) }, consultationId)
  // Mostly the right roles and known pairs, so that the deeper rules are reached; sometimes anyone.
  const sme = fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...pools.smes) }, participant)
  const counterpartId = fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...pools.counterparts) }, participant)
  const parties = fc.oneof(
    fc.record({ forumId, consultationId, smeId: sme, counterpartId }),
    fc.tuple(forumId, consultationId, fc.constantFrom(...pools.pairs)).map(([forum, id, [smeId, counterpart]]) => ({
      forumId: forum,
      consultationId: id,
      smeId,
      counterpartId: counterpart
    }))
  )
  const amount = A.rupiah(0, 6_000_000_000)
  const reference = fc.constantFrom(...pools.references)
  const year = fc.integer({ min: 2010, max: Number(date.slice(0, 4)) + 1 })
  const figures = { year, annualSales: amount, businessCapital: amount, workers: fc.nat(50) }
  const category = fc.constantFrom(...A.productCategories)
  const contract = fc.constantFrom(...pools.contracts)
  const targeted = fc.oneof(
    // Deliveries at the edges of a contract's value: exactly all of it, one rupiah more, twice as much.
    contract.chain(({ consultationId: id, reference: contractReference, value }) =>
      fc.record({
        _tag: fc.constant("AcceptDelivery" as const),
        forumId,
        consultationId: fc.constant(id),
        contractReference: fc.constant(contractReference),
        bastNumber: fc.constant("BAST/y"),
        value: fc.constantFrom(value, value + 1, 2 * value + 1, 1).map((amount) => Rupiah.make(amount))
      })
    ),
    fc.record({
      _tag: fc.constant("RecordAssessment" as const),
      forumId,
      consultationId: fc.constantFrom(...pools.held),
      category,
      need: category,
      potentialValue: amount,
      readiness: fc.constant({ certificates: [] })
    }),
    contract.chain(({ consultationId: id, reference: contractReference }) =>
      fc.record({
        _tag: fc.constant("AwardContract" as const),
        forumId,
        consultationId: fc.constant(id),
        kind: fc.constant("PurchaseOrder" as const),
        reference: fc.constant(contractReference),
        value: amount
      })
    ),
    contract.chain(({ consultationId: id }) =>
      fc.record({
        _tag: fc.constant("CloseWithoutDeal" as const),
        forumId,
        consultationId: fc.constant(id),
        reason: fc.constant("NeedWithdrawn" as const)
      })
    )
  )
  const reason = fc.constant("recorded in error")
  // Corrections and voids: of records that stand, of voided ones, of unknown targets, and at the
  // edges of a contract's value (below what was delivered under it).
  const amends = contract.chain(({ consultationId: id, reference: contractReference, value }) => {
    const at = { forumId, consultationId: fc.oneof({ weight: 3, arbitrary: fc.constant(id) }, assessedId) }
    const contractOf = fc.oneof({ weight: 3, arbitrary: fc.constant(contractReference) }, reference)
    const bastNumber = fc.constantFrom(`BAST/${contractReference}/1`, "BAST/y", "BAST/unknown")
    const near = fc.constantFrom(0, 1, value, value + 1).map((amount) => Rupiah.make(amount))
    return fc.oneof(
      fc.record({
        _tag: fc.constant("CorrectAssessment" as const),
        ...at,
        potentialValue: amount,
        readiness: fc.constant({ certificates: [] }),
        reason
      }),
      fc.record({ _tag: fc.constant("VoidAssessment" as const), ...at, reason }),
      fc.record({ _tag: fc.constant("CorrectContract" as const), ...at, reference: contractOf, value: near, reason }),
      fc.record({ _tag: fc.constant("VoidContract" as const), ...at, reference: contractOf, reason }),
      fc.record({
        _tag: fc.constant("CorrectDelivery" as const),
        ...at,
        contractReference: contractOf,
        bastNumber,
        value: near,
        reason
      }),
      fc.record({
        _tag: fc.constant("VoidDelivery" as const),
        ...at,
        contractReference: contractOf,
        bastNumber,
        reason
      })
    )
  })
  return fc.oneof(
    { weight: 4, arbitrary: targeted },
    { weight: 3, arbitrary: amends },
    fc.record({ _tag: fc.constant("RegisterSme" as const), forumId, smeId: participant }),
    fc.record({
      _tag: fc.constant("JoinCounterpart" as const),
      forumId,
      counterpartId: fc.oneof(counterpartId, participant),
      needs: category.map((need): readonly [{ readonly category: string }] => [{ category: need }])
    }),
    parties.map((p) => ({ _tag: "RequestConsultation" as const, ...p })),
    parties.map((p) => ({ _tag: "ScheduleConsultation" as const, ...p, slot: new Date(`${date}T03:00:00.000Z`) })),
    consultation.map((c) => ({ _tag: "RecordConsultationHeld" as const, ...c })),
    consultation.map((c) => ({ _tag: "RecordNoShow" as const, ...c, absent: "Both" as const })),
    consultation.map((c) => ({ _tag: "CancelConsultation" as const, ...c, reason: "rescheduled" })),
    fc.record({
      _tag: fc.constant("RecordAssessment" as const),
      forumId,
      consultationId,
      category,
      need: category,
      potentialValue: amount,
      readiness: fc.constant({ certificates: [] })
    }),
    fc.record({
      _tag: fc.constant("RegisterVendor" as const),
      forumId,
      consultationId: assessedId,
      channel: fc.constant("PaDi UMKM")
    }),
    fc.record({
      _tag: fc.constant("AwardContract" as const),
      forumId,
      consultationId: assessedId,
      kind: fc.constant("Contract" as const),
      reference,
      value: amount
    }),
    fc.record({
      _tag: fc.constant("AcceptDelivery" as const),
      forumId,
      consultationId: assessedId,
      contractReference: reference,
      bastNumber: fc.constant("BAST/x"),
      value: amount
    }),
    fc.record({
      _tag: fc.constant("CloseWithoutDeal" as const),
      forumId,
      consultationId: assessedId,
      reason: fc.constant("Other" as const)
    }),
    fc.record({ _tag: fc.constant("ReportBusinessFigures" as const), participantId: sme, ...figures }),
    fc.record({
      _tag: fc.constant("CorrectBusinessFigures" as const),
      participantId: sme,
      ...figures,
      reason: fc.constant("typo")
    }),
    fc.record({ _tag: fc.constant("Formalise" as const), participantId: sme, nib: A.nib }),
    fc.record({
      _tag: fc.constant("EnrolSme" as const),
      participantId: fc.oneof(participant, fc.constant(ParticipantId.make("late-sme"))),
      legalName: A.smeName,
      // Sometimes Papua Barat Daya (96), formed on 8 December 2022: not yet for a forum before it.
      province: fc.oneof({ weight: 4, arbitrary: A.province }, fc.constant<ProvinceCode>("96")),
      kbli: A.kbli,
      kind: fc.constant("UKM" as const),
      foundedYear: fc.integer({ min: Number(date.slice(0, 4)) - 2, max: Number(date.slice(0, 4)) + 1 })
    }),
    fc.record({
      _tag: fc.constant("EnrolCounterpart" as const),
      participantId: participant,
      legalName: fc.constant("PT Contoh"),
      kind: fc.constant("BUMD" as const)
    }),
    fc.record({ _tag: fc.constantFrom("OpenForum" as const, "CloseForum" as const), forumId }),
    fc.record({
      _tag: fc.constant("AnnounceResults" as const),
      forumId,
      date: fc
        .oneof(fc.integer({ min: -3, max: -1 }), fc.integer({ min: 0, max: 10 }))
        .map((days) => addDays(date, days)),
      reported: fc.constant({})
    }),
    fc.record({
      _tag: fc.constant("RecordObserver" as const),
      forumId,
      name: fc.constant("KADIN"),
      kind: fc.constant("Association" as const)
    })
  )
}

type Mutation =
  | { readonly _tag: "Drop"; readonly at: number }
  | { readonly _tag: "Repeat"; readonly from: number; readonly to: number }
  | { readonly _tag: "Swap"; readonly at: number; readonly with: number }
  | { readonly _tag: "Insert"; readonly at: number; readonly command: Command }
  | { readonly _tag: "Append"; readonly command: Command }
  | { readonly _tag: "InsertWhileOpen"; readonly at: number; readonly command: Command }
  | { readonly _tag: "Redate"; readonly days: number }

const mutation = (pools: Pools, date: CalendarDate): fc.Arbitrary<Mutation> =>
  fc.oneof(
    fc.record({ _tag: fc.constant("Drop" as const), at: fc.nat() }),
    fc.record({ _tag: fc.constant("Repeat" as const), from: fc.nat(), to: fc.nat() }),
    fc.record({ _tag: fc.constant("Swap" as const), at: fc.nat(), with: fc.nat() }),
    {
      weight: 2,
      arbitrary: fc.record({ _tag: fc.constant("Insert" as const), at: fc.nat(), command: hostile(pools, date) })
    },
    // While the forum is open, a hostile command meets registrations, bookings and consultations.
    {
      weight: 3,
      arbitrary: fc.record({
        _tag: fc.constant("InsertWhileOpen" as const),
        at: fc.nat(),
        command: hostile(pools, date)
      })
    },
    // Results announced on another day, perhaps before the forum.
    fc.record({ _tag: fc.constant("Redate" as const), days: fc.integer({ min: -3, max: 3 }) }),
    // At the end, a hostile command meets the whole history: contracts, deliveries, a closed forum.
    { weight: 3, arbitrary: fc.record({ _tag: fc.constant("Append" as const), command: hostile(pools, date) }) }
  )

const mutate = (commands: Array<Command>, change: Mutation): Array<Command> => {
  const size = Math.max(commands.length, 1)
  const out = [...commands]
  switch (change._tag) {
    case "Drop":
      out.splice(change.at % size, 1)
      return out
    case "Repeat": {
      const repeated = commands[change.from % size]
      if (repeated !== undefined) out.splice(change.to % (out.length + 1), 0, repeated)
      return out
    }
    case "Swap": {
      const i = change.at % size
      const j = change.with % size
      const [a, b] = [out[i], out[j]]
      if (a !== undefined && b !== undefined) [out[i], out[j]] = [b, a]
      return out
    }
    case "Insert":
      out.splice(change.at % (out.length + 1), 0, change.command)
      return out
    case "Append":
      out.push(change.command)
      return out
    case "Redate":
      return out.map((command) =>
        command._tag === "AnnounceResults" ? { ...command, date: addDays(command.date, change.days - 8) } : command
      )
    case "InsertWhileOpen": {
      const opened = out.findIndex((command) => command._tag === "OpenForum")
      const closed = out.findIndex((command) => command._tag === "CloseForum")
      const from = opened + 1
      const span = Math.max(closed - from, 0) + 1
      out.splice(opened < 0 ? change.at % (out.length + 1) : from + (change.at % span), 0, change.command)
      return out
    }
  }
}

/** Options of {@link adversarial}: the forum's size, and how many changes break it. */
export interface AdversarialOptions extends ScenarioOptions {
  /** Default 3 to 16. */
  readonly mutations?: Range | undefined
}

/**
 * Forums broken on purpose: a consistent forum whose commands are dropped, repeated, swapped, and
 * interleaved with hostile commands drawn from the forum's own ids and a few unknown ones. Many of
 * the commands must be rejected; which ones depends on what came before.
 */
export const adversarial = (options?: AdversarialOptions): fc.Arbitrary<Scenario> => {
  const mutations = range(options?.mutations, { min: 3, max: 16 })
  return consistent(options).chain((scenario) =>
    fc
      .array(mutation(poolsOf(scenario), scenario.date), { minLength: mutations.min, maxLength: mutations.max })
      .map((changes) => ({ ...scenario, commands: changes.reduce(mutate, [...scenario.commands]) }))
  )
}
