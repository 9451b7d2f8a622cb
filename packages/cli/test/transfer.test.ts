/**
 * Export and import: the replayed forum exported as JSON Lines and imported into a new store gives
 * the same events (the same export, byte for byte) and the same read-model tables; a file with a
 * bad line writes nothing; commands come in as JSON Lines and as CSV.
 */
import { describe, expect, it } from "@effect/vitest"
import { EventStore, ReadModelRunner, ReadModelStore } from "@kemitraan/eventsourcing"
import { EventLoop } from "@kemitraan/eventsourcing/testing"
import { ReadModels } from "@kemitraan/example-forum-2022"
import { SqliteStore } from "@kemitraan/sqlite"
import { Effect, Either } from "effect"
import { afterAll, beforeAll } from "vitest"
import type { Output } from "../src/Output.js"
import * as Transfer from "../src/Transfer.js"
import * as Forum from "./support/forum.js"

const source = Forum.memoryStore()
let exported: string | undefined

/** An output that keeps what is written. */
const memoryOutput = () => {
  const parts: Array<string> = []
  const output: Output = { write: (text) => Effect.sync(() => void parts.push(text)) }
  return { output, text: () => parts.join("") }
}

const exportAll = Effect.gen(function* () {
  const { output, text } = memoryOutput()
  yield* Transfer.exportEvents(output)
  return text()
})

/** Every read model caught up, then every table's rows in key order. */
const tables = Effect.gen(function* () {
  yield* ReadModelStore.createTables(ReadModels.all)
  yield* Effect.forEach(ReadModels.all, (model) => ReadModelRunner.catchUp(model), { discard: true })
  return yield* Effect.forEach(ReadModels.all, (model) => ReadModelRunner.snapshot(model))
})

beforeAll(async () => {
  await Forum.replay(source)
  exported = await source.runPromise(exportAll)
}, 600_000)

afterAll(() => source.dispose())

const theExport = (): string => {
  if (exported === undefined) throw new Error("the replay did not run")
  return exported
}

const decoded = (file: string, text: string, format: "jsonl" | "csv" = "jsonl", command?: string) =>
  Either.getOrThrowWith(Transfer.decode(file, text, { format, command }), (error) => error)

describe("export then import into a new store", () => {
  it.effect(
    "gives identical events and identical read-model tables",
    () =>
      Effect.gen(function* () {
        const text = theExport()
        const lines = text.trimEnd().split("\n")
        expect(lines.length).toBe(8084)
        const content = decoded("forum.jsonl", text)
        expect(content._tag).toBe("Events")
        const imported = yield* Transfer.write("forum.jsonl", content)
        expect(imported.events).toBe(8084)
        expect(yield* exportAll).toBe(text)
        const copied = yield* tables
        const original = yield* Effect.promise(() => source.runPromise(EventLoop.breathing(tables)))
        expect(copied.map((model) => Object.values(model).reduce((n, rows) => n + rows.length, 0))).toEqual(
          original.map((model) => Object.values(model).reduce((n, rows) => n + rows.length, 0))
        )
        expect(copied).toEqual(original)
      }).pipe(EventLoop.breathing, Effect.provide(SqliteStore.layerMemory)),
    { timeout: 300_000 }
  )

  it.effect("a file with one bad line writes nothing and names the line", () =>
    Effect.gen(function* () {
      const lines = theExport().trimEnd().split("\n").slice(0, 50)
      lines[29] = lines[29]!.replace('"streamVersion":', '"streamVersion":"x","was":')
      const result = Transfer.decode("bad.jsonl", lines.join("\n"), { format: "jsonl" })
      expect(Either.isLeft(result)).toBe(true)
      if (Either.isLeft(result)) {
        expect(result.left.issues.map((issue) => issue.line)).toEqual([30])
        expect(result.left.message).toContain("line 30")
      }
      const store = yield* EventStore.EventStore
      expect(yield* store.headPosition).toBe(0)
    }).pipe(Effect.provide(SqliteStore.layerMemory))
  )
})

describe("importing commands", () => {
  const enrol = {
    _tag: "EnrolSme",
    participantId: "sme-test-1",
    legalName: "CV Maju Bersama",
    province: "32",
    kbli: "10792",
    kind: "UKM",
    foundedYear: 2015
  }

  it.live("JSON Lines of commands, bare or with an id and an instant, go through the handlers", () =>
    Effect.gen(function* () {
      const text = [
        JSON.stringify(enrol),
        JSON.stringify({
          command: { ...enrol, participantId: "sme-test-2" },
          commandId: "import/2",
          at: "2023-03-01T02:00:00Z"
        })
      ].join("\n")
      const content = decoded("commands.jsonl", text)
      expect(content._tag).toBe("Commands")
      const first = yield* Transfer.write("commands.jsonl", content)
      expect(first).toEqual({ kind: "commands", lines: 2, events: 2, alreadyHandled: 0 })
      const store = yield* EventStore.EventStore
      const [second] = yield* store.readStream("Participant-sme-test-2")
      expect(second?.metadata.occurredAt.toISOString()).toBe("2023-03-01T02:00:00.000Z")
      expect(second?.metadata.commandId).toBe("import/2")
    }).pipe(Effect.provide(SqliteStore.layerMemory))
  )

  it("a command with a missing field or an unknown tag is a bad line, with its path", () => {
    const { participantId: _participantId, ...missing } = enrol
    const result = Transfer.decode("commands.jsonl", [JSON.stringify(missing), '{"_tag":"EnrolSmee"}'].join("\n"), {
      format: "jsonl"
    })
    expect(Either.isLeft(result)).toBe(true)
    if (Either.isLeft(result)) {
      expect(result.left.issues.map((issue) => issue.line)).toEqual([1, 2])
      expect(result.left.issues[0]?.message).toContain("participantId")
      expect(result.left.issues[1]?.message).toContain("EnrolSme")
    }
  })

  it.live("CSV rows become commands, numbers as numbers", () =>
    Effect.gen(function* () {
      const csv = [
        "participantId,legalName,province,kbli,kind,foundedYear",
        'sme-csv-1,"PT Sumber ""Rejeki"", Tbk",33,10792,UKM,2010',
        "sme-csv-2,CV Dua,31,10792,IKM,2019"
      ].join("\r\n")
      const content = decoded("smes.csv", csv, "csv", "EnrolSme")
      expect(content._tag === "Commands" ? content.commands.map((c) => c.command) : []).toMatchObject([
        { _tag: "EnrolSme", legalName: 'PT Sumber "Rejeki", Tbk', foundedYear: 2010 },
        { _tag: "EnrolSme", participantId: "sme-csv-2", foundedYear: 2019 }
      ])
      expect((yield* Transfer.write("smes.csv", content)).events).toBe(2)
      const bad = Transfer.decode("smes.csv", csv.replace("2019", "soon"), { format: "csv", command: "EnrolSme" })
      expect(Either.isLeft(bad) ? bad.left.issues.map((issue) => issue.line) : []).toEqual([3])
    }).pipe(Effect.provide(SqliteStore.layerMemory))
  )
})
