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
      yield* Effect.forEach(F.commandsToOpenForum, run)
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
      expect(error._tag === "CommandDecodeError" && error.issues).toEqual([
        { path: ["nib"], message: "an NIB has exactly 13 digits" }
      ])
      expect(yield* storeHead).toBe(0)
    }).pipe(Effect.provide(EventStore.layerMemory))
  )

  const json = (value: unknown): unknown => JSON.parse(JSON.stringify(value))
  const { legalName: _legalName, ...withoutName } = F.enrolSme()
  const award = {
    _tag: "AwardContract",
    forumId: F.forumId,
    consultationId: F.consultationId,
    kind: "Contract",
    reference: "K-1"
  }
  it.effect.each([
    ["an NIB of 12 digits", { ...F.enrolSme(), nib: "022000001234" }, "nib", /exactly 13 digits/],
    [
      "a negative potential value",
      { ...F.recordAssessment(), potentialValue: -1 },
      "potentialValue",
      /must not be negative/
    ],
    ["a fractional amount of rupiah", { ...award, value: 1.5 }, "value", /integer/],
    ["an amount of rupiah past the safe integers", { ...award, value: 2 ** 53 }, "value", /integer/],
    ["an amount of rupiah as a string", { ...award, value: "1000" }, "value", /Expected number/],
    ["an unknown province", { ...F.enrolSme(), province: "97" }, "province", /38 provinces/],
    ["a malformed KBLI code", { ...F.enrolSme(), kbli: "1O79" }, "kbli", /KBLI 2020/],
    ["a missing field", withoutName, "legalName", /is missing/],
    ["a blank name", { ...F.enrolSme(), legalName: "   " }, "legalName", /leading or trailing whitespace|empty/],
    ["a date that does not exist", { ...F.scheduleForum, date: "2022-11-31" }, "date", /does not exist/],
    ["an extra field", { _tag: "OpenForum", forumId: F.forumId, openedBy: "x" }, "openedBy", /is unexpected/]
  ] as const)("bad input: %s fails with a decode error naming the field, and writes nothing", ([, input, field, why]) =>
    Effect.gen(function* () {
      yield* TestClock.setTime(F.forumDay)
      yield* Kemitraan.handle(F.enrolSme(F.otherSmeId))
      const error = yield* Effect.flip(Kemitraan.handleUnknown(json(input)))
      expect(error._tag).toBe("CommandDecodeError")
      const issues = error._tag === "CommandDecodeError" ? error.issues : []
      expect(issues.map((issue) => issue.path)).toEqual([[field]])
      expect(issues[0]?.message).toMatch(why)
      expect(yield* storeHead).toBe(1)
    }).pipe(Effect.provide(EventStore.layerMemory))
  )

  it.effect("bad input: an unknown command fails with UnknownCommand naming the closest, and writes nothing", () =>
    Effect.gen(function* () {
      const error = yield* Effect.flip(Kemitraan.handleUnknown({ _tag: "CloseForun", forumId: "x" }))
      expect(error).toEqual(new Kemitraan.UnknownCommand({ tag: "CloseForun", closest: "CloseForum" }))
      expect(yield* storeHead).toBe(0)
    }).pipe(Effect.provide(EventStore.layerMemory))
  )

  it("decodes a command from JSON", () => {
    const decoded = Kemitraan.decodeCommand(JSON.parse(JSON.stringify(F.recordAssessment())))
    expect(Either.getOrThrow(decoded)).toEqual(F.recordAssessment())
  })
})
