import { describe, it } from "@effect/vitest"
import { CalendarDate, Forum, ForumError, ParticipantError, StreamTime } from "@kemitraan/core"
import { DeciderSpecification } from "@kemitraan/eventsourcing/testing"
import { Effect, TestClock } from "effect"
import * as F from "./fixtures.js"

const spec = DeciderSpecification.for(Forum.decider)
const now = new Date(F.forumDay)
const forumId = F.forumId

/** Runs a specification on the forum day, with the participants of the fixtures enrolled. */
const onForumDay = <A, E>(effect: Effect.Effect<A, E, F.DirectoryService>) =>
  Effect.zipRight(TestClock.setTime(F.forumDay), effect).pipe(
    Effect.provide(
      F.directoryOf({ participants: [...F.participants, F.events.counterpartEnrolled(F.otherCounterpartId)] })
    )
  )

const { forumScheduled, forumOpened, forumClosed } = F.events
const open = Forum.OpenForum.make({ forumId })
const close = Forum.CloseForum.make({ forumId })
const announce = (date: string) =>
  Forum.AnnounceResults.make({
    forumId,
    date: CalendarDate.make(date),
    announcedBy: "Menteri Koperasi dan UKM",
    reported: { potentialValue: F.rupiah(224_800_000_000), smesAssessed: 630, counterparts: 17 }
  })
const observer = Forum.RecordObserver.make({
  forumId,
  name: "Dinas Koperasi dan UKM DKI Jakarta",
  kind: "RegionalService"
})

describe("Forum: scheduling", () => {
  it.effect("a forum is scheduled with its title, date, venue, organiser and co-organisers", () =>
    onForumDay(
      spec
        .given([])
        .when(F.scheduleForum)
        .then([{ ...F.scheduleForum, _tag: "ForumScheduled", at: now }])
    )
  )

  it.effect("a forum is scheduled once", () =>
    onForumDay(
      spec.given([forumScheduled]).when(F.scheduleForum).thenFails(new ForumError.ForumAlreadyScheduled({ forumId }))
    )
  )
})

describe("Forum: counterparts join with their needs", () => {
  it.effect("an enrolled counterpart joins, with its name and kind from its enrolment", () =>
    onForumDay(
      spec
        .given([forumScheduled])
        .when(F.joinCounterpart())
        .then([{ ...F.events.counterpartJoined(), at: now }])
    )
  )

  it.effect("nobody joins a forum that was never scheduled", () =>
    onForumDay(
      spec
        .given([])
        .when(F.joinCounterpart())
        .thenFails(new ForumError.ForumNotScheduled({ forumId, action: "join a counterpart" }))
    )
  )

  it.effect("a counterpart joins once", () =>
    onForumDay(
      spec
        .given([forumScheduled, F.events.counterpartJoined()])
        .when(F.joinCounterpart())
        .thenFails(new ForumError.CounterpartAlreadyJoined({ forumId, counterpartId: F.counterpartId }))
    )
  )

  it.effect("an SME cannot join as a counterpart", () =>
    onForumDay(
      spec
        .given([forumScheduled])
        .when(F.joinCounterpart(F.smeId))
        .thenFails(new ForumError.NotACounterpart({ forumId, participantId: F.smeId }))
    )
  )

  it.effect("a counterpart that was never enrolled cannot join", () =>
    onForumDay(
      spec
        .given([forumScheduled])
        .when(F.joinCounterpart(F.unknownId))
        .thenFails(new ParticipantError.ParticipantNotEnrolled({ participantId: F.unknownId }))
    )
  )

  it.effect("nobody joins a closed forum", () =>
    onForumDay(
      spec
        .given([forumScheduled, forumOpened, forumClosed])
        .when(F.joinCounterpart())
        .thenFails(new ForumError.ForumAlreadyClosed({ forumId, action: "join a counterpart" }))
    )
  )
})

describe("Forum: SMEs register at a forum that is not closed", () => {
  it.effect("an enrolled SME registers, carrying its profile", () =>
    onForumDay(
      spec
        .given([forumScheduled])
        .when(F.registerSme())
        .then([{ ...F.events.smeRegistered(), at: now }])
    )
  )

  it.effect("an SME registers while the forum is open", () =>
    onForumDay(
      spec
        .given([forumScheduled, forumOpened])
        .when(F.registerSme())
        .then([{ ...F.events.smeRegistered(), at: now }])
    )
  )

  it.effect("a counterpart cannot register as an SME", () =>
    onForumDay(
      spec
        .given([forumScheduled])
        .when(F.registerSme(F.counterpartId))
        .thenFails(
          new ForumError.CounterpartCannotRegisterAsSme({ forumId, participantId: F.counterpartId, kind: "BUMN" })
        )
    )
  )

  it.effect("an SME registers once", () =>
    onForumDay(
      spec
        .given([forumScheduled, F.events.smeRegistered()])
        .when(F.registerSme())
        .thenFails(new ForumError.SmeAlreadyRegistered({ forumId, smeId: F.smeId }))
    )
  )

  it.effect("an SME that was never enrolled cannot register", () =>
    onForumDay(
      spec
        .given([forumScheduled])
        .when(F.registerSme(F.unknownId))
        .thenFails(new ParticipantError.ParticipantNotEnrolled({ participantId: F.unknownId }))
    )
  )

  it.effect("no SME registers at a closed forum", () =>
    onForumDay(
      spec
        .given([forumScheduled, forumOpened, forumClosed])
        .when(F.registerSme())
        .thenFails(new ForumError.ForumAlreadyClosed({ forumId, action: "register an SME" }))
    )
  )
})

describe("Forum: opened, closed, results announced", () => {
  it.effect("a scheduled forum opens", () =>
    onForumDay(
      spec
        .given([forumScheduled])
        .when(open)
        .then([{ _tag: "ForumOpened", forumId, at: now }])
    )
  )

  it.effect("an open forum does not open again", () =>
    onForumDay(
      spec.given([forumScheduled, forumOpened]).when(open).thenFails(new ForumError.ForumAlreadyOpen({ forumId }))
    )
  )

  it.effect("a closed forum does not open again", () =>
    onForumDay(
      spec
        .given([forumScheduled, forumOpened, forumClosed])
        .when(open)
        .thenFails(new ForumError.ForumAlreadyClosed({ forumId, action: "open the forum" }))
    )
  )

  it.effect("an unscheduled forum does not open", () =>
    onForumDay(
      spec
        .given([])
        .when(open)
        .thenFails(new ForumError.ForumNotScheduled({ forumId, action: "open the forum" }))
    )
  )

  it.effect("an open forum closes", () =>
    onForumDay(
      spec
        .given([forumScheduled, forumOpened])
        .when(close)
        .then([{ _tag: "ForumClosed", forumId, at: now }])
    )
  )

  it.effect("a forum that never opened does not close", () =>
    onForumDay(
      spec
        .given([forumScheduled])
        .when(close)
        .thenFails(new ForumError.ForumNotOpen({ forumId, action: "close the forum" }))
    )
  )

  it.effect("an observer attends an open forum", () =>
    onForumDay(
      spec
        .given([forumScheduled, forumOpened])
        .when(observer)
        .then([{ ...observer, _tag: "ObserverAttended", at: now }])
    )
  )

  it.effect("an observer does not attend a forum that has not opened", () =>
    onForumDay(
      spec
        .given([forumScheduled])
        .when(observer)
        .thenFails(new ForumError.ForumNotOpen({ forumId, action: "record an observer" }))
    )
  )

  it.effect("a closed forum's results are announced with the figures reported", () =>
    onForumDay(
      spec
        .given([forumScheduled, forumOpened, forumClosed])
        .when(announce("2022-12-02"))
        .then([{ ...announce("2022-12-02"), _tag: "ForumResultsAnnounced", at: now }])
    )
  )

  it.effect("results are not announced before the forum closes", () =>
    onForumDay(
      spec
        .given([forumScheduled, forumOpened])
        .when(announce("2022-12-02"))
        .thenFails(new ForumError.ForumNotClosed({ forumId }))
    )
  )

  it.effect("results are announced once", () =>
    onForumDay(
      spec
        .given([
          forumScheduled,
          forumOpened,
          forumClosed,
          { ...announce("2022-12-02"), _tag: "ForumResultsAnnounced", at: F.at(-1) }
        ])
        .when(announce("2022-12-03"))
        .thenFails(new ForumError.ResultsAlreadyAnnounced({ forumId, date: "2022-12-02" }))
    )
  )

  it.effect("results are not announced on a day before the forum", () =>
    onForumDay(
      spec
        .given([forumScheduled, forumOpened, forumClosed])
        .when(announce("2022-11-23"))
        .thenFails(new ForumError.ResultsBeforeForum({ forumId, date: "2022-11-23", forumDate: "2022-11-24" }))
    )
  )
})

describe("Forum: time never goes backwards within a stream", () => {
  it.effect("a clock earlier than the forum's last event refuses to decide", () =>
    Effect.zipRight(
      TestClock.setTime(F.forumDay - 100 * F.minute),
      spec
        .given([forumScheduled, forumOpened])
        .when(close)
        .thenFails(
          new StreamTime.TimeWentBackwards({ stream: "Forum-forum-2022", lastEventAt: F.at(-60), now: F.at(-100) })
        )
    ).pipe(Effect.provide(F.directoryOf({})))
  )
})
