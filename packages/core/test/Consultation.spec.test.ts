import { describe, it } from "@effect/vitest"
import { Consultation, ConsultationError, Forum, ForumError } from "@kemitraan/core"
import { DeciderSpecification } from "@kemitraan/eventsourcing/testing"
import { Effect, TestClock } from "effect"
import * as F from "./fixtures.js"

const spec = DeciderSpecification.for(Forum.decider)
const now = new Date(F.forumDay)
const { forumId, consultationId, smeId, counterpartId } = F

const onForumDay = <A, E>(effect: Effect.Effect<A, E, F.DirectoryService>) =>
  Effect.zipRight(TestClock.setTime(F.forumDay), effect).pipe(Effect.provide(F.directoryOf({})))

const ref = { forumId, consultationId, smeId, counterpartId }
const requested = F.events.consultationRequested()
const slot = new Date(F.forumDay + 30 * F.minute)
const schedule = Consultation.ScheduleConsultation.make({ ...ref, slot })
const cancel = Consultation.CancelConsultation.make({
  forumId,
  consultationId,
  reason: "counterpart's team left early"
})
const noShow = Consultation.RecordNoShow.make({ forumId, consultationId, absent: "Sme" })
const alreadyBooked = new ConsultationError.ConsultationAlreadyBooked({
  forumId,
  smeId,
  counterpartId,
  existingConsultationId: consultationId
})
const second = Consultation.RequestConsultation.fields.consultationId.make("c-2")
const announced = {
  _tag: "ForumResultsAnnounced",
  forumId,
  date: F.scheduleForum.date,
  reported: {},
  at: new Date(F.forumDay - 10 * F.minute)
} as const

describe("Consultation: booked until the forum closes, its outcome recorded once it has opened", () => {
  it.effect("an SME requests a consultation with a joined counterpart at an open forum", () =>
    onForumDay(
      spec
        .given(F.openForum)
        .when(F.requestConsultation())
        .then([{ _tag: "ConsultationRequested", ...ref, at: now }])
    )
  )

  it.effect("a consultation is booked before the forum opens: SMEs book their slots ahead of the day", () =>
    onForumDay(
      spec
        .given([F.events.forumScheduled, F.events.counterpartJoined(), F.events.smeRegistered()])
        .when(F.requestConsultation())
        .then([{ _tag: "ConsultationRequested", ...ref, at: now }])
    )
  )

  it.effect("no consultation is recorded as held before the forum opens", () =>
    onForumDay(
      spec
        .given([F.events.forumScheduled, F.events.counterpartJoined(), F.events.smeRegistered(), requested])
        .when(F.held())
        .thenFails(new ForumError.ForumNotOpen({ forumId, action: "record a consultation as held" }))
    )
  )

  it.effect("a booking made before the opening is cancelled before the opening", () =>
    onForumDay(
      spec
        .given([F.events.forumScheduled, F.events.counterpartJoined(), F.events.smeRegistered(), requested])
        .when(cancel)
        .then([{ _tag: "ConsultationCancelled", ...ref, reason: cancel.reason, at: now }])
    )
  )

  it.effect("no consultation is booked at a closed forum", () =>
    onForumDay(
      spec
        .given([...F.openForum, F.events.forumClosed])
        .when(F.requestConsultation())
        .thenFails(new ForumError.ForumAlreadyClosed({ forumId, action: "request a consultation" }))
    )
  )

  it.effect("a consultation's outcome is recorded after the forum closed: held, or a no-show", () =>
    Effect.all([
      onForumDay(
        spec
          .given([...F.openForum, requested, F.events.forumClosed])
          .when(F.held())
          .then([{ _tag: "ConsultationHeld", ...ref, at: now }])
      ),
      onForumDay(
        spec
          .given([...F.openForum, requested, F.events.forumClosed, announced])
          .when(noShow)
          .then([{ _tag: "ConsultationNoShow", ...ref, absent: "Sme", at: now }])
      )
    ])
  )

  it.effect("no consultation at a forum that was never scheduled", () =>
    onForumDay(
      spec
        .given([])
        .when(F.requestConsultation())
        .thenFails(new ForumError.ForumNotScheduled({ forumId, action: "request a consultation" }))
    )
  )
})

describe("Consultation: between an SME registered at the forum and a counterpart joined to it", () => {
  it.effect("an SME that did not register at the forum cannot consult", () =>
    onForumDay(
      spec
        .given(F.openForum)
        .when(F.requestConsultation(consultationId, F.otherSmeId))
        .thenFails(new ConsultationError.SmeNotRegistered({ forumId, smeId: F.otherSmeId }))
    )
  )

  it.effect("a counterpart that did not join the forum cannot be consulted", () =>
    onForumDay(
      spec
        .given(F.openForum)
        .when(F.requestConsultation(consultationId, smeId, F.otherCounterpartId))
        .thenFails(new ConsultationError.CounterpartNotJoined({ forumId, counterpartId: F.otherCounterpartId }))
    )
  )
})

describe("Consultation: one per SME and counterpart at a forum", () => {
  it.effect("resending the same request is idempotent: no new event", () =>
    onForumDay(
      spec
        .given([...F.openForum, requested])
        .when(F.requestConsultation())
        .then([])
    )
  )

  it.effect("a second consultation of the same pair under another id is refused", () =>
    onForumDay(
      spec
        .given([...F.openForum, requested])
        .when(F.requestConsultation(second))
        .thenFails(alreadyBooked)
    )
  )

  it.effect("a second consultation after a held one is refused too", () =>
    onForumDay(
      spec
        .given([...F.openForum, requested, F.events.consultationHeld()])
        .when(F.requestConsultation(second))
        .thenFails(alreadyBooked)
    )
  )

  it.effect("after a cancellation the pair may book again", () =>
    onForumDay(
      spec
        .given([
          ...F.openForum,
          requested,
          { ...cancel, _tag: "ConsultationCancelled", smeId, counterpartId, at: F.at(-1) }
        ])
        .when(F.requestConsultation(second))
        .then([{ _tag: "ConsultationRequested", ...ref, consultationId: second, at: now }])
    )
  )

  it.effect("a consultation id names one pair", () =>
    onForumDay(
      spec
        .given([...F.openForum, F.events.counterpartJoined(F.otherCounterpartId), requested])
        .when(F.requestConsultation(consultationId, smeId, F.otherCounterpartId))
        .thenFails(new ConsultationError.ConsultationIdTaken({ forumId, consultationId, smeId, counterpartId }))
    )
  )
})

describe("Consultation: requested or scheduled, then held, a no-show or cancelled", () => {
  it.effect("a consultation is scheduled directly", () =>
    onForumDay(
      spec
        .given(F.openForum)
        .when(schedule)
        .then([{ _tag: "ConsultationScheduled", ...ref, slot, at: now }])
    )
  )

  it.effect("a requested consultation is given a slot", () =>
    onForumDay(
      spec
        .given([...F.openForum, requested])
        .when(schedule)
        .then([{ _tag: "ConsultationScheduled", ...ref, slot, at: now }])
    )
  )

  it.effect("scheduling the same slot again changes nothing", () =>
    onForumDay(
      spec
        .given([...F.openForum, { ...schedule, _tag: "ConsultationScheduled", at: F.at(-1) }])
        .when(schedule)
        .then([])
    )
  )

  it.effect("a requested consultation is held", () =>
    onForumDay(
      spec
        .given([...F.openForum, requested])
        .when(F.held())
        .then([{ _tag: "ConsultationHeld", ...ref, at: now }])
    )
  )

  it.effect("a side that does not come makes a no-show", () =>
    onForumDay(
      spec
        .given([...F.openForum, requested])
        .when(noShow)
        .then([{ _tag: "ConsultationNoShow", ...ref, absent: "Sme", at: now }])
    )
  )

  it.effect("a pending consultation is cancelled", () =>
    onForumDay(
      spec
        .given([...F.openForum, requested])
        .when(cancel)
        .then([{ _tag: "ConsultationCancelled", ...ref, reason: cancel.reason, at: now }])
    )
  )

  it.effect("an unknown consultation is not held", () =>
    onForumDay(
      spec
        .given(F.openForum)
        .when(F.held())
        .thenFails(new ConsultationError.ConsultationNotFound({ forumId, consultationId }))
    )
  )

  it.effect("a held consultation cannot be cancelled", () =>
    onForumDay(
      spec
        .given([...F.openForum, requested, F.events.consultationHeld()])
        .when(cancel)
        .thenFails(
          new ConsultationError.ConsultationAlreadyEnded({
            forumId,
            consultationId,
            status: "Held",
            action: "cancel a consultation"
          })
        )
    )
  )

  it.effect("a held consultation is not held twice", () =>
    onForumDay(
      spec
        .given([...F.openForum, requested, F.events.consultationHeld()])
        .when(F.held())
        .thenFails(
          new ConsultationError.ConsultationAlreadyEnded({
            forumId,
            consultationId,
            status: "Held",
            action: "record a consultation as held"
          })
        )
    )
  )

  it.effect("a cancelled consultation is not rescheduled", () =>
    onForumDay(
      spec
        .given([
          ...F.openForum,
          requested,
          { ...cancel, _tag: "ConsultationCancelled", smeId, counterpartId, at: F.at(-1) }
        ])
        .when(schedule)
        .thenFails(
          new ConsultationError.ConsultationAlreadyEnded({
            forumId,
            consultationId,
            status: "Cancelled",
            action: "schedule a consultation"
          })
        )
    )
  )
})
