import { describe, expect, it } from "@effect/vitest"
import { Kemitraan, KemitraanEvent } from "@kemitraan/core"
import { EventStore, ExpectedVersion, StreamFold } from "@kemitraan/eventsourcing"
import { Context, Effect, Layer, TestClock } from "effect"
import * as F from "./fixtures.js"

/** The streams read so far, one entry per read, from a store that counts them. */
class Reads extends Context.Tag("test/Reads")<Reads, { readonly streams: Array<string> }>() {}

/** The in-memory store, its reads counted, with a fold cache over the counting store. */
const counted = Layer.effectContext(
  Effect.gen(function* () {
    const inner = yield* EventStore.EventStore
    const streams: Array<string> = []
    const store = EventStore.EventStore.of({
      ...inner,
      readStream: (streamId, options) => {
        streams.push(streamId)
        return inner.readStream(streamId, options)
      }
    })
    return Context.make(EventStore.EventStore, store).pipe(
      Context.add(StreamFold.Cache, StreamFold.makeCache(store)),
      Context.add(Reads, { streams })
    )
  })
).pipe(Layer.provide(EventStore.layerMemory))

/** The reads of `streamId` that `effect` makes. */
const readsOf = <A, E, R>(streamId: string, effect: Effect.Effect<A, E, R>) =>
  Effect.gen(function* () {
    const { streams } = yield* Reads
    const before = streams.length
    const result = yield* effect
    return { result, reads: streams.slice(before).filter((id) => id === streamId).length }
  })

/** What another process writes: straight to the store, past this process's handlers and directory. */
const elsewhere = <E extends KemitraanEvent.KemitraanEvent>(streamId: string, version: number, event: E) =>
  EventStore.appendEvents(KemitraanEvent.KemitraanEvents, streamId, ExpectedVersion.exact(version), [event])

const run = (command: Kemitraan.Command) => Kemitraan.handle(command)

describe("the store-backed Directory", () => {
  it.effect(
    "a look-up that the state this process wrote settles reads nothing: a formal SME, a held consultation",
    () =>
      Effect.gen(function* () {
        yield* TestClock.setTime(F.forumDay)
        yield* run(F.enrolSme())
        yield* run(F.enrolCounterpart())
        yield* run(F.scheduleForum)
        const joined = yield* readsOf(F.participantStream(F.counterpartId), run(F.joinCounterpart()))
        const registered = yield* readsOf(F.participantStream(F.smeId), run(F.registerSme()))
        yield* run({ _tag: "OpenForum", forumId: F.forumId })
        yield* run(F.requestConsultation())
        yield* run(F.held())
        const assessed = yield* readsOf(F.forumStream(F.forumId), run(F.recordAssessment()))
        expect([joined.reads, registered.reads, assessed.reads]).toEqual([0, 0, 0])
        expect(registered.result.events.map((event) => event.event)).toMatchObject([{ smeId: F.smeId, nib: F.smeNib }])
        expect(assessed.result.events.map((event) => event.type)).toEqual(["AssessmentRecorded"])
      }).pipe(Effect.provide(counted))
  )

  it.effect(
    "an informal SME is read again at registration: formalised by another process, it registers with its NIB",
    () =>
      Effect.gen(function* () {
        yield* TestClock.setTime(F.forumDay)
        yield* run(F.enrolSme(F.smeId, { informal: true }))
        yield* run(F.scheduleForum)
        const stream = F.participantStream(F.smeId)
        yield* elsewhere(stream, 1, {
          _tag: "ParticipantFormalised",
          participantId: F.smeId,
          nib: F.smeNib,
          at: F.at(-1)
        })
        const registered = yield* readsOf(stream, run(F.registerSme()))
        expect(registered.reads).toBe(1)
        expect(registered.result.events.map((event) => event.event)).toMatchObject([{ smeId: F.smeId, nib: F.smeNib }])
      }).pipe(Effect.provide(counted))
  )

  it.effect("a consultation not yet held is read again: held by another process, its assessment is recorded", () =>
    Effect.gen(function* () {
      yield* TestClock.setTime(F.forumDay)
      yield* Effect.forEach(F.commandsToOpenForum, run)
      const requested = yield* run(F.requestConsultation())
      const stream = F.forumStream(F.forumId)
      const { consultationId, smeId, counterpartId } = F.events.consultationHeld()
      yield* elsewhere(stream, requested.streamVersion, {
        _tag: "ConsultationHeld",
        forumId: F.forumId,
        consultationId,
        smeId,
        counterpartId,
        at: F.at(-1)
      })
      const assessed = yield* readsOf(stream, run(F.recordAssessment()))
      expect(assessed.reads).toBe(1)
      expect(assessed.result.events.map((event) => event.type)).toEqual(["AssessmentRecorded"])
    }).pipe(Effect.provide(counted))
  )
})
