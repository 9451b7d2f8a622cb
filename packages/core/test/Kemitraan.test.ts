import { describe, expect, it } from "@effect/vitest"
import { Kemitraan } from "@kemitraan/core"
import { EventStore } from "@kemitraan/eventsourcing"
import { Effect, Either, TestClock } from "effect"
import * as F from "./fixtures.js"

const storeHead = Effect.flatMap(EventStore.EventStore, (store) => store.headPosition)

describe("Kemitraan.handle", () => {
  it.effect("drives a forum from scheduling to a delivered contract", () =>
    Effect.gen(function* () {
      yield* TestClock.setTime(F.forumDay)
      const run = (command: Kemitraan.Command) => Kemitraan.handle(command)
      yield* run(F.enrolSme())
      yield* run(F.enrolCounterpart())
      yield* run(F.scheduleForum)
      yield* run(F.joinCounterpart())
      yield* run(F.registerSme())
      yield* run({ _tag: "OpenForum", forumId: F.forumId })
      yield* run(F.requestConsultation())
      yield* run(F.held())
      yield* run(F.recordAssessment())
      const ref = { forumId: F.forumId, consultationId: F.consultationId }
      yield* run({ _tag: "RegisterVendor", ...ref, channel: "PaDi UMKM" })
      yield* run({
        _tag: "AwardContract",
        ...ref,
        kind: "PurchaseOrder",
        reference: "PO-1",
        value: F.rupiah(900_000_000)
      })
      const result = yield* run({
        _tag: "AcceptDelivery",
        ...ref,
        contractReference: "PO-1",
        bastNumber: "BAST-1",
        value: F.rupiah(900_000_000)
      })
      expect(result.events.map((event) => event.type)).toEqual(["DeliveryAccepted"])
      expect(yield* storeHead).toBe(12)
    }).pipe(Effect.provide(EventStore.layerMemory))
  )

  it.effect("a malformed command from JSON fails with a decode error naming the field, and writes nothing", () =>
    Effect.gen(function* () {
      yield* TestClock.setTime(F.forumDay)
      const json = JSON.parse(JSON.stringify({ ...F.enrolSme(), nib: "12345" }))
      const error = yield* Effect.flip(Kemitraan.handleUnknown(json))
      expect(error._tag).toBe("CommandDecodeError")
      expect(error.message).toMatch(/\["nib"\][\s\S]*exactly 13 digits/)
      expect(yield* storeHead).toBe(0)
    }).pipe(Effect.provide(EventStore.layerMemory))
  )

  it("decodes a command from JSON", () => {
    const decoded = Kemitraan.decodeCommand(JSON.parse(JSON.stringify(F.recordAssessment())))
    expect(Either.getOrThrow(decoded)).toEqual(F.recordAssessment())
  })
})
