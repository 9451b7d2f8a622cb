import { describe, expect, it } from "@effect/vitest"
import { ClassAdvancement, ForumSummary, Kemitraan, type KemitraanEvent, SupplyChain } from "@kemitraan/core"
import { EventStore, type ReadModel, ReadModelRunner, ReadModelStore } from "@kemitraan/eventsourcing"
import { Effect, Either, TestClock } from "effect"
import * as F from "../fixtures.js"

/**
 * Corrections and voids, honoured by the read models: a log with records made in error and then
 * corrected or voided folds to the same tables as a log where they were right from the start.
 */

const forumId = F.forumId
const readiness = { certificates: ["Halal"] }

/** Decodes a command as a caller would send it. */
const command = (input: Record<string, unknown>): Kemitraan.Command => Either.getOrThrow(Kemitraan.decodeCommand(input))

const setUp = [
  command({ ...F.enrolSme(F.smeId), nib: F.smeNib }),
  command(F.enrolSme(F.otherSmeId)),
  command(F.enrolCounterpart()),
  command(F.scheduleForum),
  command(F.joinCounterpart()),
  command(F.registerSme(F.smeId)),
  command(F.registerSme(F.otherSmeId)),
  command({ _tag: "OpenForum", forumId }),
  ...[F.smeId, F.otherSmeId].flatMap((smeId, i) => [
    command({
      _tag: "RequestConsultation",
      forumId,
      consultationId: `c-${i + 1}`,
      smeId,
      counterpartId: F.counterpartId
    }),
    command({ _tag: "RecordConsultationHeld", forumId, consultationId: `c-${i + 1}` })
  ])
]

const assess = (consultationId: string, potentialValue: number) =>
  command({
    _tag: "RecordAssessment",
    forumId,
    consultationId,
    category: F.spareParts,
    need: F.spareParts,
    potentialValue,
    readiness
  })

const c1 = { forumId, consultationId: "c-1" }

/** Records made in error, then corrected and voided. */
const amended = [
  ...setUp,
  assess("c-1", 500_000_000),
  assess("c-2", 300_000_000),
  command({ _tag: "RegisterVendor", ...c1, channel: "PaDi UMKM" }),
  command({ _tag: "AwardContract", ...c1, kind: "Contract", reference: "K-1", value: 100_000_000 }),
  command({ _tag: "AwardContract", ...c1, kind: "PurchaseOrder", reference: "PO-9", value: 50_000_000 }),
  command({ _tag: "AcceptDelivery", ...c1, contractReference: "K-1", bastNumber: "B-1", value: 40_000_000 }),
  command({ _tag: "CorrectAssessment", ...c1, potentialValue: 450_000_000, readiness, reason: "typo" }),
  command({ _tag: "CorrectContract", ...c1, reference: "K-1", value: 80_000_000, reason: "amended contract" }),
  command({
    _tag: "CorrectDelivery",
    ...c1,
    contractReference: "K-1",
    bastNumber: "B-1",
    value: 30_000_000,
    reason: "x"
  }),
  command({ _tag: "VoidDelivery", ...c1, contractReference: "K-1", bastNumber: "B-1", reason: "entered twice" }),
  command({ _tag: "VoidContract", ...c1, reference: "PO-9", reason: "never signed" }),
  command({ _tag: "VoidAssessment", forumId, consultationId: "c-2", reason: "recorded for the wrong SME" })
]

/** The same forum, recorded right the first time. */
const right = [
  ...setUp,
  assess("c-1", 450_000_000),
  command({ _tag: "RegisterVendor", ...c1, channel: "PaDi UMKM" }),
  command({ _tag: "AwardContract", ...c1, kind: "Contract", reference: "K-1", value: 80_000_000 })
]

const tablesOf = (commands: ReadonlyArray<Kemitraan.Command>) =>
  Effect.gen(function* () {
    yield* TestClock.setTime(F.forumDay)
    for (const each of commands) {
      yield* TestClock.adjust(F.minute)
      yield* Kemitraan.handle(each)
    }
    const snapshot = (model: ReadModel.ReadModel<KemitraanEvent.KemitraanEvent>) =>
      Effect.flatMap(ReadModelRunner.run(model), (store) =>
        Effect.provideService(ReadModelRunner.snapshot(model), ReadModelStore.ReadModelStore, store)
      )
    return {
      summary: yield* snapshot(ForumSummary.readModel),
      supply: yield* snapshot(SupplyChain.readModel),
      advancement: yield* snapshot(ClassAdvancement.readModel)
    }
  }).pipe(Effect.provide(EventStore.layerMemory))

describe("corrections and voids in the read models", () => {
  it.effect("a log with records corrected and voided folds to the tables of a log recorded right the first time", () =>
    Effect.gen(function* () {
      const after = yield* tablesOf(amended)
      const expected = yield* tablesOf(right)
      expect(after.summary).toEqual(expected.summary)
      expect(after.supply).toEqual(expected.supply)
      expect(after.advancement).toEqual(expected.advancement)
      const [forum] = after.summary["forum_summary"] ?? []
      expect(forum).toMatchObject({ assessments: 1, smesAssessed: 1, potentialValue: 450_000_000n })
    })
  )

  it.effect("voiding every assessment leaves no potential, no top category and nobody assessed", () =>
    Effect.gen(function* () {
      const voids = ["c-1", "c-2"].map((consultationId) =>
        command({ _tag: "VoidAssessment", forumId, consultationId, reason: "test" })
      )
      const after = yield* tablesOf([...setUp, assess("c-1", 5), assess("c-2", 7), ...voids])
      const expected = yield* tablesOf(setUp)
      expect(after.summary).toEqual(expected.summary)
      expect(after.supply).toEqual(expected.supply)
    })
  )
})
