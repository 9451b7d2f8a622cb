/**
 * A small reference model of the domain's rules, written apart from the deciders: plain mutable
 * maps and one function per command. It predicts, for each command, either the tags of the events
 * it appends or the tag of the error it fails with, and applies accepted commands to itself.
 */
import type { Kemitraan } from "@kemitraan/core"

/** What a command should do: append events of these types, or fail with this error. */
export type Outcome = { readonly ok: ReadonlyArray<string> } | { readonly error: string }

interface ParticipantModel {
  readonly role: "Sme" | "Counterpart"
  readonly foundedYear: number
  readonly province: string | undefined
  formal: boolean
  readonly years: Set<number>
}

interface ConsultationModel {
  readonly sme: string
  readonly counterpart: string
  status: "Requested" | "Scheduled" | "Held" | "NoShow" | "Cancelled"
  slot: number | undefined
}

interface ForumModel {
  status: "Scheduled" | "Open" | "Closed" | "Announced"
  readonly date: string
  readonly smes: Set<string>
  readonly needs: Map<string, ReadonlyArray<string>>
  readonly consultations: Map<string, ConsultationModel>
}

interface ContractModel {
  value: number
  voided: boolean
  readonly deliveries: Map<string, number>
}

interface AssessmentModel {
  vendor: boolean
  closed: boolean
  voided: boolean
  readonly contracts: Map<string, ContractModel>
}

const delivered = (contract: ContractModel): number => [...contract.deliveries.values()].reduce((a, b) => a + b, 0)

/** The days the provinces formed since 2022 came into being. */
const formedOn: Readonly<Record<string, string>> = {
  "93": "2022-07-25",
  "94": "2022-07-25",
  "95": "2022-07-25",
  "96": "2022-12-08"
}
const notYetFormed = (province: string | undefined, day: string): boolean =>
  province !== undefined && (formedOn[province] ?? "") > day

const ok = (...tags: ReadonlyArray<string>): Outcome => ({ ok: tags })
const error = (tag: string): Outcome => ({ error: tag })

type Cmd<T extends Kemitraan.Command["_tag"]> = Extract<Kemitraan.Command, { readonly _tag: T }>

/** The reference model. `today` (`YYYY-MM-DD`) is the day the clock reads throughout. */
export class ReferenceModel {
  private readonly participants = new Map<string, ParticipantModel>()
  private readonly forums = new Map<string, ForumModel>()
  private readonly assessments = new Map<string, AssessmentModel>()
  private readonly currentYear: number

  constructor(private readonly today: string) {
    this.currentYear = Number(today.slice(0, 4))
  }

  /** Predicts the outcome of a command and, when it is accepted, applies it. */
  step(command: Kemitraan.Command): Outcome {
    switch (command._tag) {
      case "EnrolSme":
      case "EnrolCounterpart":
        return this.enrol(command)
      case "ReportBusinessFigures":
      case "CorrectBusinessFigures":
      case "Formalise":
        return this.sme(command)
      case "ScheduleForum":
      case "OpenForum":
      case "CloseForum":
      case "AnnounceResults":
      case "RecordObserver":
        return this.lifecycle(command)
      case "JoinCounterpart":
      case "RegisterSme":
        return this.enter(command)
      case "RequestConsultation":
      case "ScheduleConsultation":
      case "RecordConsultationHeld":
      case "RecordNoShow":
      case "CancelConsultation":
        return this.consult(command)
      default:
        return this.assess(command)
    }
  }

  private enrol(command: Cmd<"EnrolSme" | "EnrolCounterpart">): Outcome {
    if (this.participants.has(command.participantId)) return error("ParticipantAlreadyEnrolled")
    if (command._tag === "EnrolSme") {
      if (command.foundedYear > this.currentYear) return error("FoundedInTheFuture")
      if (notYetFormed(command.province, this.today)) return error("ProvinceNotYetFormed")
      const formal = command.nib !== undefined
      this.participants.set(command.participantId, {
        role: "Sme",
        foundedYear: command.foundedYear,
        province: command.province,
        formal,
        years: new Set()
      })
      return ok("SmeEnrolled")
    }
    this.participants.set(command.participantId, {
      role: "Counterpart",
      foundedYear: 0,
      province: undefined,
      formal: true,
      years: new Set()
    })
    return ok("CounterpartEnrolled")
  }

  private sme(command: Cmd<"ReportBusinessFigures" | "CorrectBusinessFigures" | "Formalise">): Outcome {
    const participant = this.participants.get(command.participantId)
    if (participant === undefined) return error("ParticipantNotEnrolled")
    if (participant.role !== "Sme") return error("NotAnSme")
    switch (command._tag) {
      case "Formalise":
        if (participant.formal) return error("AlreadyFormal")
        participant.formal = true
        return ok("ParticipantFormalised")
      case "ReportBusinessFigures":
        if (command.year < participant.foundedYear || command.year > this.currentYear) {
          return error("FiguresOutsideBusinessLife")
        }
        if (participant.years.has(command.year)) return error("FiguresAlreadyReported")
        participant.years.add(command.year)
        return ok("BusinessFiguresReported")
      case "CorrectBusinessFigures":
        return participant.years.has(command.year) ? ok("BusinessFiguresCorrected") : error("FiguresNotReported")
    }
  }

  /** The forum's status check shared by joining and registering: scheduled and not closed. */
  private notClosed(forum: ForumModel | undefined): Outcome | undefined {
    if (forum === undefined) return error("ForumNotScheduled")
    return forum.status === "Closed" || forum.status === "Announced" ? error("ForumAlreadyClosed") : undefined
  }

  private open(forum: ForumModel | undefined): Outcome | undefined {
    if (forum?.status === "Scheduled") return error("ForumNotOpen")
    return this.notClosed(forum)
  }

  private lifecycle(command: Cmd<"ScheduleForum" | "OpenForum" | "CloseForum" | "AnnounceResults" | "RecordObserver">) {
    const forum = this.forums.get(command.forumId)
    switch (command._tag) {
      case "ScheduleForum": {
        if (forum !== undefined) return error("ForumAlreadyScheduled")
        const fresh: ForumModel = {
          status: "Scheduled",
          date: command.date,
          smes: new Set(),
          needs: new Map(),
          consultations: new Map()
        }
        this.forums.set(command.forumId, fresh)
        return ok("ForumScheduled")
      }
      case "OpenForum": {
        if (forum?.status === "Open") return error("ForumAlreadyOpen")
        const refused = this.notClosed(forum)
        if (refused !== undefined || forum === undefined) return refused ?? error("ForumNotScheduled")
        forum.status = "Open"
        return ok("ForumOpened")
      }
      case "CloseForum": {
        const refused = this.open(forum)
        if (refused !== undefined || forum === undefined) return refused ?? error("ForumNotScheduled")
        forum.status = "Closed"
        return ok("ForumClosed")
      }
      case "RecordObserver":
        return this.open(forum) ?? ok("ObserverAttended")
      case "AnnounceResults": {
        if (forum === undefined) return error("ForumNotScheduled")
        if (forum.status === "Announced") return error("ResultsAlreadyAnnounced")
        if (forum.status !== "Closed") return error("ForumNotClosed")
        if (command.date < forum.date) return error("ResultsBeforeForum")
        forum.status = "Announced"
        return ok("ForumResultsAnnounced")
      }
    }
  }

  private enter(command: Cmd<"JoinCounterpart" | "RegisterSme">): Outcome {
    const forum = this.forums.get(command.forumId)
    const refused = this.notClosed(forum)
    if (refused !== undefined || forum === undefined) return refused ?? error("ForumNotScheduled")
    const id = command._tag === "JoinCounterpart" ? command.counterpartId : command.smeId
    const participant = this.participants.get(id)
    if (command._tag === "JoinCounterpart") {
      if (forum.needs.has(id)) return error("CounterpartAlreadyJoined")
      if (participant === undefined) return error("ParticipantNotEnrolled")
      if (participant.role !== "Counterpart") return error("NotACounterpart")
      forum.needs.set(
        id,
        command.needs.map((need) => need.category)
      )
      return ok("CounterpartJoined")
    }
    if (forum.smes.has(id)) return error("SmeAlreadyRegistered")
    if (participant === undefined) return error("ParticipantNotEnrolled")
    if (participant.role !== "Sme") return error("CounterpartCannotRegisterAsSme")
    if (notYetFormed(participant.province, forum.date)) return error("ProvinceNotYetFormed")
    forum.smes.add(id)
    return ok("SmeRegistered")
  }

  private consult(
    command: Cmd<
      "RequestConsultation" | "ScheduleConsultation" | "RecordConsultationHeld" | "RecordNoShow" | "CancelConsultation"
    >
  ): Outcome {
    const forum = this.forums.get(command.forumId)
    // Bookings until the forum closes; outcomes once it has opened, also after; cancellations any time.
    const booking = command._tag === "RequestConsultation" || command._tag === "ScheduleConsultation"
    const refused = booking
      ? this.notClosed(forum)
      : forum !== undefined && forum.status === "Scheduled" && command._tag !== "CancelConsultation"
        ? error("ForumNotOpen")
        : undefined
    if (refused !== undefined || forum === undefined) return refused ?? error("ForumNotScheduled")
    const existing = forum.consultations.get(command.consultationId)
    switch (command._tag) {
      case "RequestConsultation":
      case "ScheduleConsultation": {
        const slot = command._tag === "ScheduleConsultation" ? command.slot.getTime() : undefined
        const tag = command._tag === "ScheduleConsultation" ? "ConsultationScheduled" : "ConsultationRequested"
        if (existing !== undefined) {
          if (existing.sme !== command.smeId || existing.counterpart !== command.counterpartId) {
            return error("ConsultationIdTaken")
          }
          const pending = existing.status === "Requested" || existing.status === "Scheduled"
          if (command._tag === "RequestConsultation") {
            return pending || existing.status === "Held" ? ok() : error("ConsultationAlreadyEnded")
          }
          if (!pending) return error("ConsultationAlreadyEnded")
          if (existing.status === "Scheduled" && existing.slot === slot) return ok()
          existing.status = "Scheduled"
          existing.slot = slot
          return ok(tag)
        }
        if (!forum.smes.has(command.smeId)) return error("SmeNotRegistered")
        if (!forum.needs.has(command.counterpartId)) return error("CounterpartNotJoined")
        for (const other of forum.consultations.values()) {
          const books = other.status !== "NoShow" && other.status !== "Cancelled"
          if (books && other.sme === command.smeId && other.counterpart === command.counterpartId) {
            return error("ConsultationAlreadyBooked")
          }
        }
        const status = command._tag === "ScheduleConsultation" ? "Scheduled" : "Requested"
        forum.consultations.set(command.consultationId, {
          sme: command.smeId,
          counterpart: command.counterpartId,
          status,
          slot
        })
        return ok(tag)
      }
      default: {
        if (existing === undefined) return error("ConsultationNotFound")
        if (existing.status !== "Requested" && existing.status !== "Scheduled") return error("ConsultationAlreadyEnded")
        const next = {
          RecordConsultationHeld: "Held",
          RecordNoShow: "NoShow",
          CancelConsultation: "Cancelled"
        } as const
        const tags = {
          RecordConsultationHeld: "ConsultationHeld",
          RecordNoShow: "ConsultationNoShow",
          CancelConsultation: "ConsultationCancelled"
        } as const
        existing.status = next[command._tag]
        return ok(tags[command._tag])
      }
    }
  }

  private assess(
    command: Cmd<
      | "RecordAssessment"
      | "RegisterVendor"
      | "AwardContract"
      | "AcceptDelivery"
      | "CloseWithoutDeal"
      | "CorrectAssessment"
      | "VoidAssessment"
      | "CorrectContract"
      | "VoidContract"
      | "CorrectDelivery"
      | "VoidDelivery"
    >
  ): Outcome {
    const key = JSON.stringify([command.forumId, command.consultationId])
    const assessment = this.assessments.get(key)
    if (command._tag === "RecordAssessment") {
      if (assessment !== undefined) return error("AssessmentAlreadyRecorded")
      const forum = this.forums.get(command.forumId)
      const consultation = forum?.consultations.get(command.consultationId)
      if (consultation?.status !== "Held") return error("ConsultationNotHeld")
      if (!(forum?.needs.get(consultation.counterpart) ?? []).includes(command.need)) return error("NeedNotDeclared")
      this.assessments.set(key, { vendor: false, closed: false, voided: false, contracts: new Map() })
      return ok("AssessmentRecorded")
    }
    if (assessment === undefined) return error("AssessmentNotRecorded")
    if (assessment.voided) return error("AssessmentWasVoided")
    const standing = [...assessment.contracts.values()].filter((contract) => !contract.voided)
    switch (command._tag) {
      case "CorrectAssessment":
        return ok("AssessmentCorrected")
      case "VoidAssessment":
        if (standing.length > 0) return error("AssessmentHasContracts")
        assessment.voided = true
        return ok("AssessmentVoided")
      case "CorrectContract":
      case "VoidContract":
      case "CorrectDelivery":
      case "VoidDelivery":
        return this.amend(command, assessment)
    }
    if (assessment.closed) return error("AssessmentClosed")
    switch (command._tag) {
      case "RegisterVendor":
        if (assessment.vendor) return error("VendorAlreadyRegistered")
        assessment.vendor = true
        return ok("VendorRegistered")
      case "AwardContract":
        if (!assessment.vendor) return error("VendorNotRegistered")
        if (assessment.contracts.has(command.reference)) return error("ContractReferenceTaken")
        assessment.contracts.set(command.reference, { value: command.value, voided: false, deliveries: new Map() })
        return ok("ContractAwarded")
      case "AcceptDelivery": {
        const contract = assessment.contracts.get(command.contractReference)
        if (contract === undefined || contract.voided) return error("ContractNotFound")
        if (delivered(contract) + command.value > contract.value) return error("DeliveryExceedsContract")
        const bast = command.bastNumber
        contract.deliveries.set(bast, (contract.deliveries.get(bast) ?? 0) + command.value)
        return ok("DeliveryAccepted")
      }
      case "CloseWithoutDeal":
        if (standing.length > 0) return error("DealAlreadyMade")
        assessment.closed = true
        return ok("AssessmentClosedWithoutDeal")
    }
  }

  private amend(
    command: Cmd<"CorrectContract" | "VoidContract" | "CorrectDelivery" | "VoidDelivery">,
    assessment: AssessmentModel
  ): Outcome {
    const reference =
      command._tag === "CorrectContract" || command._tag === "VoidContract"
        ? command.reference
        : command.contractReference
    const contract = assessment.contracts.get(reference)
    if (contract === undefined || contract.voided) return error("ContractNotFound")
    switch (command._tag) {
      case "CorrectContract":
        if (command.value < delivered(contract)) return error("ContractBelowDeliveries")
        contract.value = command.value
        return ok("ContractCorrected")
      case "VoidContract":
        if (contract.deliveries.size > 0) return error("ContractHasDeliveries")
        contract.voided = true
        return ok("ContractVoided")
      case "CorrectDelivery": {
        const before = contract.deliveries.get(command.bastNumber)
        if (before === undefined) return error("DeliveryNotFound")
        if (delivered(contract) - before + command.value > contract.value) return error("DeliveryExceedsContract")
        contract.deliveries.set(command.bastNumber, command.value)
        return ok("DeliveryCorrected")
      }
      case "VoidDelivery":
        if (!contract.deliveries.delete(command.bastNumber)) return error("DeliveryNotFound")
        return ok("DeliveryVoided")
    }
  }
}
