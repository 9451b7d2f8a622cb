import { describe, expect, it } from "@effect/vitest"
import { Kemitraan } from "@kemitraan/core"
import { EventStore } from "@kemitraan/eventsourcing"
import { Effect, Either, TestClock } from "effect"
import { fileURLToPath } from "node:url"
import { beforeAll } from "vitest"
import { Dataset } from "../src/dataset/index.js"
import * as Replay from "../src/replay/Replay.js"
import * as Timeline from "../src/replay/Timeline.js"

const dataDir = fileURLToPath(new URL("../data/", import.meta.url))

let dataset: Dataset.Dataset

beforeAll(async () => {
  dataset = await Effect.runPromise(Dataset.load(dataDir))
})

const stepsOf = (data: Dataset.Dataset) => Either.getOrThrow(Timeline.fromDataset(data))

describe("the timeline of commands", () => {
  it("holds one command per record, in time order, each with its own id", () => {
    const steps = stepsOf(dataset)
    const records =
      1 + // the forum is scheduled
      2 * dataset.counterparts.length + // enrolled, joined
      2 * dataset.smes.length + // enrolled, registered
      dataset.businessFigures.length +
      1 + // opened
      dataset.forum.observers.length +
      2 * dataset.consultations.length + // booked, then held, a no-show or cancelled
      dataset.assessments.length +
      2 + // closed, results announced
      dataset.followUps.length +
      dataset.formalisations.length
    expect(steps).toHaveLength(records)
    expect(new Set(steps.map((step) => step.commandId)).size).toBe(steps.length)
    for (let i = 1; i < steps.length; i++) expect(steps[i]!.at).toBeGreaterThanOrEqual(steps[i - 1]!.at)
  })

  it("a date-only record happens at 09:00 WIB, a timestamped one at its instant", () => {
    expect(new Date(Timeline.dayTime("2022-12-02")).toISOString()).toBe("2022-12-02T02:00:00.000Z")
    const opened = stepsOf(dataset).find((step) => step.command._tag === "OpenForum")
    expect(opened === undefined ? undefined : new Date(opened.at).toISOString()).toBe("2022-11-24T01:30:00.000Z")
  })

  it("a counterpart's needs are listed once per category, as the domain requires", () => {
    const join = stepsOf(dataset).find(
      (step) => step.command._tag === "JoinCounterpart" && step.command.counterpartId === "inka"
    )
    const needs = join?.command._tag === "JoinCounterpart" ? join.command.needs : []
    expect(needs.map((need) => need.category)).toEqual([
      "Machine components and spare parts",
      "Construction and metal works",
      "Textiles and uniforms"
    ])
  })

  it("a record that makes no valid command fails before anything is written, naming the command", () => {
    const [first, ...rest] = dataset.smes
    if (first === undefined) throw new Error("no SME in the dataset")
    const broken = { ...dataset, smes: [{ ...first, name: `${first.name} ` }, ...rest] }
    const failure = Either.flip(Timeline.fromDataset(broken)).pipe(Either.getOrThrow)
    expect(failure._tag).toBe("InvalidCommand")
    expect(failure.commandId).toBe(`forum-2022/EnrolSme/${first.id}`)
  })
})

describe("the replay's clock", () => {
  const forumId = "forum-test"
  const schedule = Either.getOrThrow(
    Kemitraan.decodeCommand({
      _tag: "ScheduleForum",
      forumId,
      title: "A forum",
      date: "2022-11-24",
      venue: "Gedung Smesco, Jakarta",
      organiser: "KemenKopUKM",
      coOrganisers: []
    })
  )
  const open = Either.getOrThrow(Kemitraan.decodeCommand({ _tag: "OpenForum", forumId }))

  it.effect(
    "events carry their step's instant as business time, its provenance, and the clock's as recorded time",
    () =>
      Effect.gen(function* () {
        const at = Date.parse("2022-10-10T09:00:00+07:00")
        const now = Date.parse("2026-11-30T10:00:00Z")
        yield* TestClock.setTime(now)
        yield* Replay.run([{ at, commandId: "schedule", command: schedule, provenance: "published" }])
        const [recorded] = yield* Effect.flatMap(EventStore.EventStore, (store) => store.readAllPage(0, 10))
        expect(recorded?.metadata.occurredAt.getTime()).toBe(at)
        expect(recorded?.metadata.recordedAt?.getTime()).toBe(now)
        expect(recorded?.metadata.provenance).toBe("published")
        expect(recorded?.data).toMatchObject({ at: "2022-10-10T02:00:00.000Z" })
      }).pipe(Effect.provide(EventStore.layerMemory))
  )

  it.effect("a step entered late, earlier than the last event of its stream, is recorded with its own date", () =>
    Effect.gen(function* () {
      yield* TestClock.setTime(Date.parse("2026-11-30T10:00:00Z"))
      const stats = yield* Replay.run([
        {
          at: Date.parse("2022-11-24T08:30:00+07:00"),
          commandId: "schedule",
          command: schedule,
          provenance: "published"
        },
        { at: Date.parse("2022-11-23T08:30:00+07:00"), commandId: "open", command: open, provenance: "synthetic" }
      ])
      expect(stats.events).toBe(2)
    }).pipe(Effect.provide(EventStore.layerMemory))
  )

  it.effect("a step later than the clock fails with OccurredInTheFuture, naming the command, and writes nothing", () =>
    Effect.gen(function* () {
      yield* TestClock.setTime(Date.parse("2022-11-24T00:00:00Z"))
      const failure = yield* Effect.flip(
        Replay.run([
          {
            at: Date.parse("2022-11-24T08:30:00+07:00"),
            commandId: "schedule",
            command: schedule,
            provenance: "published"
          }
        ])
      )
      expect(failure.commandId).toBe("schedule")
      expect(failure.error).toBe("OccurredInTheFuture")
      expect(yield* Effect.flatMap(EventStore.EventStore, (store) => store.headPosition)).toBe(0)
    }).pipe(Effect.provide(EventStore.layerMemory))
  )
})
