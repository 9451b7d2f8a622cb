import { describe, it } from "@effect/vitest"
import { Assessment, AssessmentError, type AssessmentEvent, StreamTime } from "@kemitraan/core"
import { DeciderSpecification } from "@kemitraan/eventsourcing/testing"
import { Effect, TestClock } from "effect"
import * as F from "./fixtures.js"

const spec = DeciderSpecification.for(Assessment.decider)
const now = new Date(F.forumDay)
const { forumId, consultationId, smeId, counterpartId } = F
const consultation = { forumId, consultationId }

/** Runs a specification on the forum day, against a forum whose history is given. */
const against =
  (forum: Parameters<typeof F.directoryOf>[0]["forum"]) =>
  <A, E>(effect: Effect.Effect<A, E, F.DirectoryService>) =>
    Effect.zipRight(TestClock.setTime(F.forumDay), effect).pipe(Effect.provide(F.directoryOf({ forum })))

const requested = F.events.consultationRequested()
const heldForum = against([...F.openForum, requested, F.events.consultationHeld()])
const onForumDay = heldForum

const ref = { forumId, consultationId, smeId, counterpartId, category: "bogie spare parts" }
const recorded: AssessmentEvent.AssessmentRecorded = {
  _tag: "AssessmentRecorded",
  ...ref,
  need: F.spareParts,
  potentialValue: F.rupiah(1_500_000_000),
  readiness: { certificates: ["ISO9001"], tkdnPercent: 45 },
  province: "35",
  kbli: F.enrolSme().kbli,
  at: F.at(-10)
}
const registerVendor = Assessment.RegisterVendor.make({ ...consultation, channel: "PaDi UMKM" })
const vendorRegistered: AssessmentEvent.VendorRegistered = {
  _tag: "VendorRegistered",
  ...ref,
  channel: "PaDi UMKM",
  at: F.at(-9)
}
const award = (reference: string, value: number) =>
  Assessment.AwardContract.make({ ...consultation, kind: "PurchaseOrder", reference, value: F.rupiah(value) })
const awarded = (reference: string, value: number): AssessmentEvent.ContractAwarded => ({
  _tag: "ContractAwarded",
  ...ref,
  kind: "PurchaseOrder",
  reference,
  value: F.rupiah(value),
  at: F.at(-8)
})
const deliver = (contractReference: string, value: number) =>
  Assessment.AcceptDelivery.make({ ...consultation, contractReference, bastNumber: "BAST-1", value: F.rupiah(value) })
const closeWithoutDeal = Assessment.CloseWithoutDeal.make({ ...consultation, reason: "CertificationMissing" })
const closed: AssessmentEvent.AssessmentClosedWithoutDeal = {
  _tag: "AssessmentClosedWithoutDeal",
  ...ref,
  reason: "CertificationMissing",
  at: F.at(-7)
}

describe("Assessment: needs a held consultation, at most one per consultation", () => {
  it.effect("a held consultation is assessed; the event carries the SME's province and sector", () =>
    onForumDay(
      spec
        .given([])
        .when(F.recordAssessment())
        .then([{ ...recorded, at: now }])
    )
  )

  it.effect("a consultation that was only requested is not assessed", () =>
    against([...F.openForum, requested])(
      spec
        .given([])
        .when(F.recordAssessment())
        .thenFails(new AssessmentError.ConsultationNotHeld({ forumId, consultationId, status: "Requested" }))
    )
  )

  it.effect("a consultation that does not exist is not assessed", () =>
    against(F.openForum)(
      spec
        .given([])
        .when(F.recordAssessment())
        .thenFails(new AssessmentError.ConsultationNotHeld({ forumId, consultationId, status: "Missing" }))
    )
  )

  it.effect("a consultation is assessed once", () =>
    onForumDay(
      spec
        .given([recorded])
        .when(F.recordAssessment())
        .thenFails(new AssessmentError.AssessmentAlreadyRecorded({ forumId, consultationId }))
    )
  )

  it.effect("the need answered must be one the counterpart brought", () =>
    onForumDay(
      spec
        .given([])
        .when({ ...F.recordAssessment(), need: "office furniture" })
        .thenFails(
          new AssessmentError.NeedNotDeclared({
            forumId,
            consultationId,
            counterpartId,
            need: "office furniture",
            declared: [F.spareParts]
          })
        )
    )
  )
})

describe("Assessment: vendor registration, then contracts, then deliveries", () => {
  it.effect("the SME of an assessment registers as the counterpart's vendor", () =>
    onForumDay(
      spec
        .given([recorded])
        .when(registerVendor)
        .then([{ ...vendorRegistered, at: now }])
    )
  )

  it.effect("no follow-up before an assessment", () =>
    onForumDay(
      spec
        .given([])
        .when(registerVendor)
        .thenFails(
          new AssessmentError.AssessmentNotRecorded({ forumId, consultationId, action: "register the SME as a vendor" })
        )
    )
  )

  it.effect("a vendor registers once", () =>
    onForumDay(
      spec
        .given([recorded, vendorRegistered])
        .when(registerVendor)
        .thenFails(new AssessmentError.VendorAlreadyRegistered({ forumId, consultationId }))
    )
  )

  it.effect("a contract or purchase order follows vendor registration", () =>
    onForumDay(
      spec
        .given([recorded])
        .when(award("PO-1", 900_000_000))
        .thenFails(new AssessmentError.VendorNotRegistered({ forumId, consultationId }))
    )
  )

  it.effect("a registered vendor is awarded a purchase order", () =>
    onForumDay(
      spec
        .given([recorded, vendorRegistered])
        .when(award("PO-1", 900_000_000))
        .then([{ ...awarded("PO-1", 900_000_000), at: now }])
    )
  )

  it.effect("a contract reference names one contract", () =>
    onForumDay(
      spec
        .given([recorded, vendorRegistered, awarded("PO-1", 900_000_000)])
        .when(award("PO-1", 100))
        .thenFails(new AssessmentError.ContractReferenceTaken({ forumId, consultationId, reference: "PO-1" }))
    )
  )

  it.effect("a delivery follows a contract", () =>
    onForumDay(
      spec
        .given([recorded, vendorRegistered])
        .when(deliver("PO-1", 100))
        .thenFails(new AssessmentError.ContractNotFound({ forumId, consultationId, contractReference: "PO-1" }))
    )
  )

  it.effect("a delivery under a contract is accepted with its BAST", () =>
    onForumDay(
      spec
        .given([recorded, vendorRegistered, awarded("PO-1", 900_000_000)])
        .when(deliver("PO-1", 900_000_000))
        .then([
          {
            _tag: "DeliveryAccepted",
            ...ref,
            contractReference: "PO-1",
            bastNumber: "BAST-1",
            value: F.rupiah(900_000_000),
            at: now
          }
        ])
    )
  )

  it.effect("deliveries do not add up to more than the contract", () =>
    onForumDay(
      spec
        .given([recorded, vendorRegistered, awarded("PO-1", 900_000_000)])
        .when(deliver("PO-1", 900_000_001))
        .thenFails(
          new AssessmentError.DeliveryExceedsContract({
            forumId,
            consultationId,
            contractReference: "PO-1",
            contractValue: 900_000_000,
            deliveredBefore: 0,
            value: 900_000_001
          })
        )
    )
  )
})

describe("Assessment: closed without a deal, after which nothing follows", () => {
  it.effect("an assessment without a contract closes without a deal", () =>
    onForumDay(
      spec
        .given([recorded])
        .when(closeWithoutDeal)
        .then([{ ...closed, at: now }])
    )
  )

  it.effect("nothing follows closed-without-deal: no vendor registration", () =>
    onForumDay(
      spec
        .given([recorded, closed])
        .when(registerVendor)
        .thenFails(
          new AssessmentError.AssessmentClosed({ forumId, consultationId, action: "register the SME as a vendor" })
        )
    )
  )

  it.effect("nothing follows closed-without-deal: no contract", () =>
    onForumDay(
      spec
        .given([recorded, vendorRegistered, closed])
        .when(award("PO-1", 1))
        .thenFails(new AssessmentError.AssessmentClosed({ forumId, consultationId, action: "award a contract" }))
    )
  )

  it.effect("nothing follows closed-without-deal: not even closing again", () =>
    onForumDay(
      spec
        .given([recorded, closed])
        .when(closeWithoutDeal)
        .thenFails(
          new AssessmentError.AssessmentClosed({
            forumId,
            consultationId,
            action: "close the assessment without a deal"
          })
        )
    )
  )

  it.effect("an assessment with a contract has a deal and is not closed without one", () =>
    onForumDay(
      spec
        .given([recorded, vendorRegistered, awarded("PO-1", 5)])
        .when(closeWithoutDeal)
        .thenFails(new AssessmentError.DealAlreadyMade({ forumId, consultationId, contracts: 1 }))
    )
  )
})

describe("Assessment: time never goes backwards within a stream", () => {
  it.effect("a clock earlier than the assessment's last event refuses to decide", () =>
    Effect.zipRight(
      TestClock.setTime(F.forumDay - 20 * F.minute),
      spec
        .given([recorded])
        .when(registerVendor)
        .thenFails(
          new StreamTime.TimeWentBackwards({
            stream: "Assessment-forum-2022/c-1",
            lastEventAt: F.at(-10),
            now: F.at(-20)
          })
        )
    ).pipe(Effect.provide(F.directoryOf({})))
  )
})
