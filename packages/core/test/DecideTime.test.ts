/**
 * The deciders take the command's instants as an argument (the handler's `CommandTime.Instants`):
 * those that look nothing up answer an `Either`, which the handler takes without running it, and
 * the time rules still hold when commands go through the handler.
 */
import { describe, expect, it } from "@effect/vitest"
import { Assessment, Forum, ForumState, Kemitraan, Participant, StreamTime } from "@kemitraan/core"
import { CommandTime, Decider, EventStore } from "@kemitraan/eventsourcing"
import { Effect, Either, TestClock } from "effect"
import * as F from "./fixtures.js"

const storeHead = Effect.flatMap(EventStore.EventStore, (store) => store.headPosition)
const onForumDay = CommandTime.make(new Date(F.forumDay))

describe("deciders take the command's instants", () => {
  it("a decider that looks nothing up answers an Either; one that looks a participant or a forum up, an effect", () => {
    const scheduled = Decider.fold(Forum.decider, [F.events.forumScheduled])
    const assessment = { forumId: F.forumId, consultationId: F.consultationId }
    const answers = {
      enrol: Participant.decide(F.enrolSme(), Participant.initialState, onForumDay),
      schedule: Forum.decide(F.scheduleForum, ForumState.initialState, onForumDay),
      request: Forum.decide(F.requestConsultation(), scheduled, onForumDay),
      vendor: Assessment.decide(
        { _tag: "RegisterVendor", ...assessment, channel: "PaDi UMKM" },
        Assessment.initialState,
        onForumDay
      ),
      register: Forum.decide(F.registerSme(), scheduled, onForumDay),
      record: Assessment.decide(F.recordAssessment(), Assessment.initialState, onForumDay)
    }
    expect(Object.entries(answers).map(([name, answer]) => [name, Either.isEither(answer)])).toEqual([
      ["enrol", true],
      ["schedule", true],
      ["request", true],
      ["vendor", true],
      ["register", false],
      ["record", false]
    ])
    expect(answers.enrol).toEqual(Either.right([{ ...F.enrolSme(), _tag: "SmeEnrolled", at: new Date(F.forumDay) }]))
  })

  it("StreamTime.now answers at once: the business time, the clock's, or why neither may be used", () => {
    const stream = F.participantStream(F.smeId)
    const before = new Date(F.forumDay - F.minute)
    const after = new Date(F.forumDay + F.minute)
    expect(StreamTime.now(stream, F.forumDay, onForumDay)).toEqual(Either.right(new Date(F.forumDay)))
    expect(StreamTime.now(stream, F.forumDay, CommandTime.make(new Date(F.forumDay), before))).toEqual(
      Either.right(before)
    )
    expect(StreamTime.now(stream, F.forumDay, CommandTime.make(new Date(F.forumDay), after))).toEqual(
      Either.left(new StreamTime.OccurredInTheFuture({ stream, occurredAt: after, now: new Date(F.forumDay) }))
    )
    expect(StreamTime.now(stream, after.getTime(), onForumDay)).toEqual(
      Either.left(new StreamTime.TimeWentBackwards({ stream, lastEventAt: after, now: new Date(F.forumDay) }))
    )
  })
})

describe("the time rules through the handler", () => {
  it.effect("a command's business time is its events' instant; the clock's reading is when they are recorded", () =>
    Effect.gen(function* () {
      yield* TestClock.setTime(F.forumDay)
      const result = yield* Kemitraan.handle(F.enrolSme(), { occurredAt: F.at(-60) })
      const [recorded] = result.events
      expect(recorded?.event).toMatchObject({ _tag: "SmeEnrolled", at: F.at(-60) })
      expect(recorded?.metadata).toMatchObject({ occurredAt: F.at(-60), recordedAt: new Date(F.forumDay) })
    }).pipe(Effect.provide(EventStore.layerMemory))
  )

  it.effect(
    "a command that says it happened later than the clock reads fails with OccurredInTheFuture, and writes nothing",
    () =>
      Effect.gen(function* () {
        yield* TestClock.setTime(F.forumDay)
        const error = yield* Effect.flip(Kemitraan.handle(F.enrolSme(), { occurredAt: F.at(1) }))
        expect(error).toEqual(
          new StreamTime.OccurredInTheFuture({
            stream: F.participantStream(F.smeId),
            occurredAt: F.at(1),
            now: new Date(F.forumDay)
          })
        )
        expect(yield* storeHead).toBe(0)
      }).pipe(Effect.provide(EventStore.layerMemory))
  )

  it.effect("OccurredInTheFuture holds for a decider that looks a participant up (an effect, not an Either)", () =>
    Effect.gen(function* () {
      yield* TestClock.setTime(F.forumDay)
      yield* Kemitraan.handle(F.enrolSme())
      yield* Kemitraan.handle(F.scheduleForum)
      const error = yield* Effect.flip(Kemitraan.handle(F.registerSme(), { occurredAt: F.at(1) }))
      expect(error).toEqual(
        new StreamTime.OccurredInTheFuture({
          stream: F.forumStream(F.forumId),
          occurredAt: F.at(1),
          now: new Date(F.forumDay)
        })
      )
      expect(yield* storeHead).toBe(2)
    }).pipe(Effect.provide(EventStore.layerMemory))
  )

  it.effect("a clock set back before a stream's last event fails with TimeWentBackwards, and writes nothing", () =>
    Effect.gen(function* () {
      yield* TestClock.setTime(F.forumDay)
      yield* Kemitraan.handle(F.enrolSme())
      yield* TestClock.setTime(F.forumDay - F.minute)
      const report: Participant.ReportBusinessFigures = {
        _tag: "ReportBusinessFigures",
        participantId: F.smeId,
        year: 2021,
        annualSales: F.rupiah(1_000_000_000),
        businessCapital: F.rupiah(200_000_000),
        workers: 12
      }
      const error = yield* Effect.flip(Kemitraan.handle(report))
      expect(error).toEqual(
        new StreamTime.TimeWentBackwards({
          stream: F.participantStream(F.smeId),
          lastEventAt: new Date(F.forumDay),
          now: new Date(F.forumDay - F.minute)
        })
      )
      expect(yield* storeHead).toBe(1)
    }).pipe(Effect.provide(EventStore.layerMemory))
  )
})
