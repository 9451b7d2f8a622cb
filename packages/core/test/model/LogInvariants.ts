/**
 * The domain's invariants, checked over the stored log event by event: whatever the commands were,
 * the log must never hold a history that breaks a rule. Independent of the deciders and of the
 * reference model: it looks only at events.
 */
import type { KemitraanEvent as Events } from "@kemitraan/core"
import type { RecordedEvent as Recorded } from "@kemitraan/eventsourcing"

type KemitraanEvent = Events.KemitraanEvent
type RecordedEvent<E> = Recorded.RecordedEvent<E>

interface ForumFacts {
  phase: "Scheduled" | "Open" | "Closed" | "Announced"
  readonly smes: Set<string>
  readonly counterparts: Set<string>
  readonly held: Set<string>
  /** Consultations that book their pair (pending or held), by pair. */
  readonly booked: Map<string, string>
  readonly pairOf: Map<string, string>
}

interface AssessmentFacts {
  vendor: boolean
  closed: boolean
  voided: boolean
  readonly contracts: Map<string, { value: number; voided: boolean; readonly deliveries: Map<string, number> }>
}

const sum = (values: Iterable<number>): number => [...values].reduce((a, b) => a + b, 0)

/** Folds the log and throws at the first event that breaks an invariant. */
export class LogInvariants {
  private readonly lastAt = new Map<string, number>()
  private readonly roles = new Map<string, "Sme" | "Counterpart">()
  private readonly years = new Set<string>()
  private readonly forums = new Map<string, ForumFacts>()
  private readonly assessments = new Map<string, AssessmentFacts>()
  /** Events checked so far. */
  checked = 0

  private fail(recorded: RecordedEvent<KemitraanEvent>, rule: string): never {
    throw new Error(`invariant broken at position ${recorded.position} (${recorded.type}): ${rule}`)
  }

  private check(recorded: RecordedEvent<KemitraanEvent>, holds: boolean, rule: string): void {
    if (!holds) this.fail(recorded, rule)
  }

  /** Checks one recorded event against everything before it. */
  add(recorded: RecordedEvent<KemitraanEvent>): void {
    const event = recorded.event
    const at = event.at.getTime()
    this.check(recorded, at >= (this.lastAt.get(recorded.streamId) ?? -Infinity), "time never goes backwards")
    this.lastAt.set(recorded.streamId, at)
    this.checked++
    if ("participantId" in event) return this.participant(recorded, event)
    if (event._tag.startsWith("Consultation")) return this.consultation(recorded, event)
    if ("consultationId" in event) return this.assessment(recorded, event)
    return this.forum(recorded, event)
  }

  private participant(recorded: RecordedEvent<KemitraanEvent>, event: KemitraanEvent & { participantId: string }) {
    const id = event.participantId
    switch (event._tag) {
      case "SmeEnrolled":
      case "CounterpartEnrolled":
        this.check(recorded, !this.roles.has(id), "a participant is enrolled once")
        this.roles.set(id, event._tag === "SmeEnrolled" ? "Sme" : "Counterpart")
        return
      case "BusinessFiguresReported": {
        const key = JSON.stringify([id, event.year])
        this.check(recorded, this.roles.get(id) === "Sme", "only enrolled SMEs report figures")
        this.check(recorded, !this.years.has(key), "figures are reported once per participant and year")
        this.years.add(key)
        return
      }
      case "BusinessFiguresCorrected":
        this.check(recorded, this.years.has(JSON.stringify([id, event.year])), "a correction follows a report")
        return
      default:
        this.check(recorded, this.roles.get(id) === "Sme", "only SMEs are formalised")
    }
  }

  private forumOf(recorded: RecordedEvent<KemitraanEvent>, forumId: string): ForumFacts {
    const forum = this.forums.get(forumId)
    return forum ?? this.fail(recorded, "the forum was scheduled")
  }

  private forum(recorded: RecordedEvent<KemitraanEvent>, event: KemitraanEvent) {
    if (!("forumId" in event)) return
    if (event._tag === "ForumScheduled") {
      this.check(recorded, !this.forums.has(event.forumId), "a forum is scheduled once")
      const facts: ForumFacts = {
        phase: "Scheduled",
        smes: new Set(),
        counterparts: new Set(),
        held: new Set(),
        booked: new Map(),
        pairOf: new Map()
      }
      this.forums.set(event.forumId, facts)
      return
    }
    const forum = this.forumOf(recorded, event.forumId)
    const notClosed = forum.phase === "Scheduled" || forum.phase === "Open"
    switch (event._tag) {
      case "CounterpartJoined":
        this.check(recorded, notClosed, "counterparts join a forum that has not closed")
        this.check(recorded, this.roles.get(event.counterpartId) === "Counterpart", "only counterparts join")
        this.check(recorded, !forum.counterparts.has(event.counterpartId), "a counterpart joins once")
        forum.counterparts.add(event.counterpartId)
        return
      case "SmeRegistered":
        this.check(recorded, notClosed, "SMEs register at a forum that has not closed")
        this.check(recorded, this.roles.get(event.smeId) === "Sme", "a counterpart cannot register as an SME")
        this.check(recorded, !forum.smes.has(event.smeId), "an SME registers once")
        forum.smes.add(event.smeId)
        return
      case "ObserverAttended":
        this.check(recorded, forum.phase === "Open", "observers attend an open forum")
        return
      case "ForumOpened":
        this.check(recorded, forum.phase === "Scheduled", "a forum opens once, before it closes")
        forum.phase = "Open"
        return
      case "ForumClosed":
        this.check(recorded, forum.phase === "Open", "a forum closes once, after it opened")
        forum.phase = "Closed"
        return
      case "ForumResultsAnnounced":
        this.check(recorded, forum.phase === "Closed", "results are announced once, after the forum closed")
        forum.phase = "Announced"
        return
    }
  }

  private consultation(recorded: RecordedEvent<KemitraanEvent>, event: KemitraanEvent) {
    if (!("smeId" in event) || !("consultationId" in event)) return
    const forum = this.forumOf(recorded, event.forumId)
    const booked = event._tag === "ConsultationRequested" || event._tag === "ConsultationScheduled"
    const outcome = event._tag === "ConsultationHeld" || event._tag === "ConsultationNoShow"
    if (booked) this.check(recorded, forum.phase === "Scheduled" || forum.phase === "Open", "booked until it closes")
    if (outcome) this.check(recorded, forum.phase !== "Scheduled", "an outcome once the forum has opened")
    this.check(recorded, forum.smes.has(event.smeId), "a consultation needs an SME registered at the forum")
    this.check(recorded, forum.counterparts.has(event.counterpartId), "a consultation needs a joined counterpart")
    const pair = JSON.stringify([event.smeId, event.counterpartId])
    const knownPair = forum.pairOf.get(event.consultationId)
    this.check(recorded, knownPair === undefined || knownPair === pair, "a consultation id names one pair")
    forum.pairOf.set(event.consultationId, pair)
    const booking = forum.booked.get(pair)
    this.check(recorded, booking === undefined || booking === event.consultationId, "one consultation per pair")
    this.check(recorded, !forum.held.has(event.consultationId), "nothing changes a held consultation")
    if (event._tag === "ConsultationNoShow" || event._tag === "ConsultationCancelled") forum.booked.delete(pair)
    else forum.booked.set(pair, event.consultationId)
    if (event._tag === "ConsultationHeld") forum.held.add(event.consultationId)
  }

  private assessment(recorded: RecordedEvent<KemitraanEvent>, event: KemitraanEvent) {
    if (!("consultationId" in event)) return
    const key = JSON.stringify([event.forumId, event.consultationId])
    const facts = this.assessments.get(key)
    if (event._tag === "AssessmentRecorded") {
      this.check(recorded, facts === undefined, "at most one assessment per consultation")
      const held = this.forumOf(recorded, event.forumId).held.has(event.consultationId)
      this.check(recorded, held, "an assessment needs a held consultation")
      this.check(recorded, event.potentialValue >= 0 && Number.isSafeInteger(event.potentialValue), "money is exact")
      this.assessments.set(key, { vendor: false, closed: false, voided: false, contracts: new Map() })
      return
    }
    if (facts === undefined) return this.fail(recorded, "a follow-up follows an assessment")
    this.check(recorded, !facts.voided, "nothing follows a void")
    const standing = [...facts.contracts.values()].filter((contract) => !contract.voided)
    switch (event._tag) {
      case "AssessmentCorrected":
        return
      case "AssessmentVoided":
        this.check(recorded, standing.length === 0, "an assessment is voided once its contracts are")
        facts.voided = true
        return
      case "ContractCorrected":
      case "ContractVoided": {
        const contract = facts.contracts.get(event.reference)
        if (contract === undefined || contract.voided)
          return this.fail(recorded, "an amendment names a standing contract")
        if (event._tag === "ContractVoided") {
          this.check(recorded, contract.deliveries.size === 0, "a contract is voided once its deliveries are")
          contract.voided = true
        } else {
          contract.value = event.value
          this.check(
            recorded,
            sum(contract.deliveries.values()) <= contract.value,
            "deliveries stay within the contract"
          )
        }
        return
      }
      case "DeliveryCorrected":
      case "DeliveryVoided": {
        const contract = facts.contracts.get(event.contractReference)
        const delivery = contract?.deliveries.get(event.bastNumber)
        if (contract === undefined || delivery === undefined)
          return this.fail(recorded, "an amendment names a delivery")
        if (event._tag === "DeliveryVoided") contract.deliveries.delete(event.bastNumber)
        else contract.deliveries.set(event.bastNumber, event.value)
        this.check(recorded, sum(contract.deliveries.values()) <= contract.value, "deliveries stay within the contract")
        return
      }
    }
    this.check(recorded, !facts.closed, "nothing follows closed-without-deal but an amendment")
    switch (event._tag) {
      case "VendorRegistered":
        this.check(recorded, !facts.vendor, "a vendor registers once")
        facts.vendor = true
        return
      case "ContractAwarded":
        this.check(recorded, facts.vendor, "a contract follows vendor registration")
        this.check(recorded, !facts.contracts.has(event.reference), "a contract reference names one contract")
        facts.contracts.set(event.reference, { value: event.value, voided: false, deliveries: new Map() })
        return
      case "DeliveryAccepted": {
        const contract = facts.contracts.get(event.contractReference)
        if (contract === undefined || contract.voided) return this.fail(recorded, "a delivery follows a contract")
        const bast = event.bastNumber
        contract.deliveries.set(bast, (contract.deliveries.get(bast) ?? 0) + event.value)
        this.check(recorded, sum(contract.deliveries.values()) <= contract.value, "deliveries stay within the contract")
        return
      }
      case "AssessmentClosedWithoutDeal":
        this.check(recorded, standing.length === 0, "a deal is not closed without a deal")
        facts.closed = true
    }
  }
}
