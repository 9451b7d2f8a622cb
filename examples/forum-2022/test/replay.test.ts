import { describe, expect, it } from "@effect/vitest"
import { SqlClient } from "@effect/sql"
import { EventStore, ReadModelStore } from "@kemitraan/eventsourcing"
import { EventLoop } from "@kemitraan/eventsourcing/testing"
import { SqliteStore } from "@kemitraan/sqlite"
import { Provenance } from "@kemitraan/core"
import { Effect, ManagedRuntime } from "effect"
import { fileURLToPath } from "node:url"
import { afterAll, beforeAll } from "vitest"
import * as ForumReplay from "../src/ForumReplay.js"
import * as ReadModels from "../src/report/ReadModels.js"
import * as Reconciliation from "../src/report/Reconciliation.js"
import * as Report from "../src/report/Report.js"
import * as Synthetic from "../src/report/Synthetic.js"
import * as Replay from "../src/replay/Replay.js"
import * as TimeTravel from "../src/time-travel/TimeTravel.js"
import { blockAfter } from "./support/markdown.js"

const dataDir = fileURLToPath(new URL("../data/", import.meta.url))
const forumId = "forum-kemitraan-2022-11-24"
const headPosition = Effect.flatMap(EventStore.EventStore, (store) => store.headPosition)

/**
 * One SQLite store in memory for the whole file, and the one full replay into it. Replays run
 * `EventLoop.breathing`: they take seconds, and vitest's messages to the worker must get answered.
 */
const runtime = ManagedRuntime.make(SqliteStore.layerMemory)
let replayed: ForumReplay.Result | undefined

beforeAll(async () => {
  replayed = await runtime.runPromise(
    EventLoop.breathing(ForumReplay.run({ dataDir, database: "./forum-2022.sqlite" }))
  )
}, 60_000)

afterAll(() => runtime.dispose())

const result = (): ForumReplay.Result => {
  if (replayed === undefined) throw new Error("the full replay did not run")
  return replayed
}

describe("the replay into SQLite", () => {
  it("replays every record through the command handlers and reproduces every published figure", async () => {
    const { checks, stats, reconciled, report } = result()
    expect(checks.filter((entry) => !entry.reproduced)).toEqual([])
    expect(checks.length).toBe(16)
    expect(reconciled).toBe(true)
    // Every command records exactly one event: nothing was refused or skipped.
    expect(stats.events).toBe(stats.commands)
    expect(stats.alreadyHandled).toBe(0)
    expect(await runtime.runPromise(headPosition)).toBe(stats.events)
    expect(report.trimEnd().split("\n").at(-1)).toBe("Reconciled: all 16 published facts and figures reproduced.")
  })

  it("sending every command again writes nothing: each answers with its first result", async () => {
    const head = await runtime.runPromise(headPosition)
    const again = await runtime.runPromise(
      EventLoop.breathing(Effect.flatMap(ForumReplay.timeline(dataDir), ({ steps }) => Replay.run(steps)))
    )
    expect(again.events).toBe(0)
    expect(again.alreadyHandled).toBe(again.commands)
    expect(await runtime.runPromise(headPosition)).toBe(head)
  }, 60_000)
})

describe("what the store says", () => {
  it("19 counterparts joined; the two without an assessment held consultations", () => {
    const { replayed: store } = result()
    expect(store.joined).toHaveLength(19)
    expect(store.consultedWithoutAssessment.map((counterpart) => counterpart.id)).toEqual(["garam", "sang-hyang-seri"])
    expect(store.engagedSmes).toBeGreaterThan(store.assessedSmes)
  })
})

describe("the README", () => {
  const readme = new URL("../README.md", import.meta.url)

  it("shows exactly what the replay prints", async () => {
    expect(`${await blockAfter(readme, "<!-- forum-2022-report", "text")}\n`).toBe(result().report)
  })

  it("gives queries that answer with the published figures", async () => {
    const lines = (await blockAfter(readme, "<!-- forum-2022-queries", "sql")).split("\n")
    const queries = lines.flatMap((line, i) => {
      const expected = /^-- .*: (.*)$/.exec(line)?.[1]
      const query = lines[i + 1]
      return expected === undefined || query === undefined ? [] : [{ query, expected }]
    })
    expect(queries.length).toBeGreaterThanOrEqual(4)
    for (const { query, expected } of queries) {
      const rows = await runtime.runPromise(Effect.flatMap(SqlClient.SqlClient, (sql) => sql.unsafe<object>(query)))
      // As the sqlite3 shell prints a row: its values joined by "|".
      expect({
        query,
        answer: rows.map((row) =>
          Object.values(row)
            .map((value) => String(value ?? ""))
            .join("|")
        )
      }).toEqual({
        query,
        answer: [expected]
      })
    }
  })
})

describe("time travel", () => {
  it("the read models when the forum closed, when results were announced and after the follow-up are those the README shows", async () => {
    const snapshots = await runtime.runPromise(TimeTravel.snapshots(forumId))
    expect(snapshots.map((snapshot) => snapshot.moment.label)).toEqual([
      "the forum closed",
      "results announced",
      "after the follow-up"
    ])
    const [closed] = snapshots
    expect(closed?.models.funnel.vendorRegistered).toBe(0)
    const readme = new URL("../README.md", import.meta.url)
    expect(TimeTravel.text(snapshots)).toBe(`${await blockAfter(readme, "<!-- time-travel", "text")}\n`)
  })
})

describe("reconciliation", () => {
  const tampered = (change: Partial<Reconciliation.Replayed>) => {
    const { expected, replayed: store } = result()
    return Reconciliation.reconcile(expected, { ...store, ...change })
  }
  const missed = (checks: ReadonlyArray<Reconciliation.Check>) =>
    checks.filter((entry) => !entry.reproduced).map((entry) => entry.label.trim())

  it("a potential one million rupiah short is not reconciled, and the report says which figure", () => {
    const checks = tampered({ potentialRupiah: result().replayed.potentialRupiah - 1_000_000n })
    expect(missed(checks)).toEqual(["cooperation potential"])
    expect(Reconciliation.isReconciled(checks)).toBe(false)
    const lines = reportLines(checks, emptyModels())
    expect(lines.at(-1)).toBe(
      "NOT RECONCILED: 1 of 16 published facts and figures not reproduced: cooperation potential."
    )
    expect(lines.some((line) => line.includes("Rp224.799.000.000") && line.endsWith(Report.marks.notReproduced))).toBe(
      true
    )
  })

  it("a wrong date, a missing SME or another counterpart at the top is not reconciled", () => {
    expect(missed(tampered({ heldOn: "2022-11-25" }))).toEqual(["held on"])
    expect(missed(tampered({ participants: 747 }))).toEqual(["SME/IKM participants"])
    expect(missed(tampered({ largestAskedBy: { id: "pertamina", name: "PT Pertamina" } }))).toEqual(["asked for by"])
    expect(missed(tampered({ joined: result().replayed.joined.slice(1) }))).toEqual([
      "BUMN that joined",
      "named counterparts that joined"
    ])
  })
})

describe("the marks of synthetic detail, at each table, from the events' provenance", () => {
  const models = () => runtime.runPromise(ReadModels.gather(forumId, 0))
  const reportWith = async (provenance: ReadonlyArray<Provenance.ProvenanceRow>) =>
    reportLines(result().checks, { ...(await models()), provenance })
  const headings = {
    counterparts: "The counterparts, by potential",
    categories: "The potential by category",
    classAdvancement: "Class advancement (naik kelas)",
    supplyChain: "Supply-chain integration"
  }
  const headingOf = (lines: ReadonlyArray<string>, start: string): string =>
    lines.find((line) => line.startsWith(start)) ?? `no line starts with ${start}`

  it("the replay's store says which events are synthetic, and every table they feed says so at its heading", async () => {
    const { provenance } = await models()
    expect(provenance.filter((row) => row.provenance === Provenance.syntheticProvenance).length).toBeGreaterThan(5)
    expect(provenance.some((row) => row.provenance === "published")).toBe(true)
    const lines = result().report.split("\n")
    for (const [table, start] of Object.entries(headings)) {
      const events = Synthetic.count(provenance, table as Synthetic.Source)
      expect(events).toBeGreaterThan(0)
      expect(headingOf(lines, start)).toMatch(new RegExp(`\\[SYNTHETIC: rests on ${events} synthetic events\\]$`))
    }
    // The published facts carry no mark; the tables inside a marked section carry the short one.
    expect(lines.filter((line) => line.startsWith("  ok ")).some((line) => line.includes("SYNTHETIC"))).toBe(false)
    expect(headingOf(lines, "  By the SME's sector")).toMatch(/\[SYNTHETIC\]$/)
  })

  it("the same figures from events marked published carry no mark anywhere", async () => {
    const { provenance } = await models()
    const published = provenance.map((row) => ({ ...row, provenance: "published" }))
    const lines = await reportWith(published)
    expect(lines.filter((line) => line.includes("SYNTHETIC"))).toEqual([])
    expect(lines.some((line) => line.startsWith(headings.classAdvancement))).toBe(true)
  })

  it("synthetic business figures alone mark class advancement and nothing else", async () => {
    const lines = await reportWith([
      { eventType: "BusinessFiguresReported", provenance: Provenance.syntheticProvenance, events: 3 },
      { eventType: "AssessmentRecorded", provenance: "published", events: 750 }
    ])
    expect(headingOf(lines, headings.classAdvancement)).toMatch(/\[SYNTHETIC: rests on 3 synthetic events\]$/)
    for (const start of [headings.counterparts, headings.categories, headings.supplyChain]) {
      expect(headingOf(lines, start)).not.toContain("SYNTHETIC")
    }
  })
})

/** The report of the replay with other checks and read models. */
const reportLines = (checks: ReadonlyArray<Reconciliation.Check>, models: ReadModels.ReadModels) => {
  const { expected, replayed: store } = result()
  return Report.lines({
    forumId,
    database: ":memory:",
    commands: 0,
    events: 0,
    expected,
    replayed: store,
    checks,
    models
  })
}

/** What the report reads of a store with no event: the read models' tables, empty. */
const emptyModels = () =>
  Effect.runSync(
    Effect.gen(function* () {
      const store = ReadModelStore.makeMemory()
      yield* store.createTables(ReadModels.all.flatMap((model) => model.tables))
      return yield* Effect.provideService(ReadModels.gather(forumId, 0), ReadModelStore.ReadModelStore, store)
    })
  )
