import { describe, it } from "@effect/vitest"
import { Nib, Participant, ParticipantError, Rupiah, StreamTime } from "@kemitraan/core"
import { DeciderSpecification } from "@kemitraan/eventsourcing/testing"
import { Effect, TestClock } from "effect"
import * as F from "./fixtures.js"

const spec = DeciderSpecification.for(Participant.decider)
const now = new Date(F.forumDay)
const onForumDay = <A, E>(effect: Effect.Effect<A, E>) => Effect.zipRight(TestClock.setTime(F.forumDay), effect)

const figures = { annualSales: Rupiah.make(1_800_000_000), businessCapital: Rupiah.make(400_000_000), workers: 12 }
const report = (year: number) => Participant.ReportBusinessFigures.make({ participantId: F.smeId, year, ...figures })
const reported = (year: number) => ({ ...report(year), _tag: "BusinessFiguresReported" as const, at: F.at(-100) })
const outsideBusinessLife = (year: number) =>
  new ParticipantError.FiguresOutsideBusinessLife({
    participantId: F.smeId,
    year,
    foundedYear: 2015,
    currentYear: 2022
  })
const correction = (year: number) =>
  Participant.CorrectBusinessFigures.make({ participantId: F.smeId, year, ...figures, reason: "audited accounts" })

describe("Participant: enrolment", () => {
  it.effect("an SME is enrolled once", () =>
    onForumDay(
      spec
        .given([])
        .when(F.enrolSme())
        .then([{ ...F.enrolSme(), _tag: "SmeEnrolled", at: now }])
    )
  )

  it.effect("an informal SME is enrolled without an NIB", () =>
    onForumDay(
      spec
        .given([])
        .when(F.enrolSme(F.smeId, { informal: true }))
        .then([{ ...F.enrolSme(F.smeId, { informal: true }), _tag: "SmeEnrolled", at: now }])
    )
  )

  it.effect("a participant is not enrolled twice, whatever its role", () =>
    onForumDay(
      spec
        .given([F.events.smeEnrolled()])
        .when(F.enrolCounterpart(F.smeId))
        .thenFails(new ParticipantError.ParticipantAlreadyEnrolled({ participantId: F.smeId }))
    )
  )

  it.effect("a business cannot be founded in a year to come", () =>
    onForumDay(
      spec
        .given([])
        .when({ ...F.enrolSme(), foundedYear: 2023 })
        .thenFails(
          new ParticipantError.FoundedInTheFuture({ participantId: F.smeId, foundedYear: 2023, currentYear: 2022 })
        )
    )
  )
})

describe("Participant: business figures are reported once per year, or corrected explicitly", () => {
  it.effect("an SME reports a year's figures", () =>
    onForumDay(
      spec
        .given([F.events.smeEnrolled()])
        .when(report(2021))
        .then([{ ...report(2021), _tag: "BusinessFiguresReported", at: now }])
    )
  )

  it.effect("a second report for the same year is refused", () =>
    onForumDay(
      spec
        .given([F.events.smeEnrolled(), reported(2021)])
        .when(report(2021))
        .thenFails(new ParticipantError.FiguresAlreadyReported({ participantId: F.smeId, year: 2021 }))
    )
  )

  it.effect("a reported year is corrected by an explicit correction", () =>
    onForumDay(
      spec
        .given([F.events.smeEnrolled(), reported(2021)])
        .when(correction(2021))
        .then([{ ...correction(2021), _tag: "BusinessFiguresCorrected", at: now }])
    )
  )

  it.effect("a year never reported cannot be corrected", () =>
    onForumDay(
      spec
        .given([F.events.smeEnrolled(), reported(2021)])
        .when(correction(2020))
        .thenFails(new ParticipantError.FiguresNotReported({ participantId: F.smeId, year: 2020 }))
    )
  )

  it.effect("figures for a year before the founding are refused", () =>
    onForumDay(spec.given([F.events.smeEnrolled()]).when(report(2014)).thenFails(outsideBusinessLife(2014)))
  )

  it.effect("figures for a year that has not begun are refused", () =>
    onForumDay(spec.given([F.events.smeEnrolled()]).when(report(2023)).thenFails(outsideBusinessLife(2023)))
  )

  it.effect("a counterpart does not report SME figures", () =>
    onForumDay(
      spec
        .given([F.events.counterpartEnrolled()])
        .when({ ...report(2021), participantId: F.counterpartId })
        .thenFails(new ParticipantError.NotAnSme({ participantId: F.counterpartId, action: "report business figures" }))
    )
  )

  it.effect("a participant that was never enrolled reports nothing", () =>
    onForumDay(
      spec
        .given([])
        .when(report(2021))
        .thenFails(new ParticipantError.ParticipantNotEnrolled({ participantId: F.smeId }))
    )
  )
})

describe("Participant: formalisation", () => {
  const nib = Nib.make("9120000000001")
  const formalise = Participant.Formalise.make({ participantId: F.smeId, nib })

  it.effect("an informal SME obtains an NIB", () =>
    onForumDay(
      spec
        .given([F.events.smeEnrolled(F.smeId, { informal: true })])
        .when(formalise)
        .then([{ _tag: "ParticipantFormalised", participantId: F.smeId, nib, at: now }])
    )
  )

  it.effect("an SME with an NIB is formal already", () =>
    onForumDay(
      spec
        .given([F.events.smeEnrolled()])
        .when(formalise)
        .thenFails(new ParticipantError.AlreadyFormal({ participantId: F.smeId, nib: "0220000012345" }))
    )
  )
})

describe("Participant: time never goes backwards within a stream", () => {
  it.effect("a clock earlier than the last event refuses to decide", () =>
    Effect.zipRight(
      TestClock.setTime(F.forumDay - 20_000 * F.minute),
      spec
        .given([F.events.smeEnrolled()])
        .when(report(2021))
        .thenFails(
          new StreamTime.TimeWentBackwards({
            stream: "Participant-sme-1",
            lastEventAt: F.at(-10_000),
            now: F.at(-20_000)
          })
        )
    )
  )
})
