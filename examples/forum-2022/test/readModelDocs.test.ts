import { describe, expect, it } from "@effect/vitest"
import { SqlClient } from "@effect/sql"
import { ClassAdvancement, ForumSummary, Provenance, Rupiah, SupplyChain } from "@kemitraan/core"
import { EventStore, type EventStoreError, ReadModelStore } from "@kemitraan/eventsourcing"
import { EventLoop } from "@kemitraan/eventsourcing/testing"
import { SqliteStore } from "@kemitraan/sqlite"
import { Effect, ManagedRuntime, Schema } from "effect"
import { execFile } from "node:child_process"
import * as fs from "node:fs/promises"
import { createRequire } from "node:module"
import * as os from "node:os"
import * as path from "node:path"
import { fileURLToPath, pathToFileURL } from "node:url"
import { promisify } from "node:util"
import { afterAll, beforeAll } from "vitest"
import * as ForumReplay from "../src/ForumReplay.js"
import * as ReadModels from "../src/report/ReadModels.js"
import { blockAfter } from "./support/markdown.js"

const doc = (name: string) => new URL(`../../../docs/${name}`, import.meta.url)
const guide = (name: string) => fileURLToPath(new URL(`../src/guide/${name}`, import.meta.url))
const dataDir = fileURLToPath(new URL("../data/", import.meta.url))
const tsx = pathToFileURL(createRequire(import.meta.url).resolve("tsx")).href
const forumId = "forum-kemitraan-2022-11-24"
const storeTables = ["events", "checkpoints", "projection_leases", "projection_nodes"]

const MasterRow = Schema.Struct({ type: Schema.String, tableName: Schema.String, sql: Schema.String })

/**
 * The schema of the given tables as SQLite keeps it in `sqlite_master`, as the docs show it: each
 * table's statement and then its indexes', each ending with `;`, a blank line between tables.
 */
const schemaOf = (tables: (name: string) => boolean) =>
  Effect.gen(function* () {
    const sql = yield* SqlClient.SqlClient
    const rows = Schema.decodeUnknownSync(Schema.Array(MasterRow))(
      yield* sql.unsafe(
        "SELECT type, tbl_name AS tableName, sql FROM sqlite_master WHERE sql IS NOT NULL ORDER BY rowid"
      )
    )
    const shown = rows.filter((row) => tables(row.tableName))
    return {
      tables: shown.filter((row) => row.type === "table").map((row) => row.tableName),
      text: shown.map((row, i) => `${i > 0 && row.type === "table" ? "\n" : ""}${row.sql};`).join("\n")
    }
  })

/** Runs a program of `src/guide` in its own process, as a reader runs it; it imports the built packages. */
const runGuide = async (name: string, cwd: string) =>
  (await promisify(execFile)(process.execPath, ["--import", tsx, guide(name)], { cwd })).stdout

/** The queries of a doc's SQL block, each with the title its leading comment gives it. */
const queriesAfter = async (name: string, marker: string) =>
  (await blockAfter(doc(name), marker, "sql"))
    .split(/\n\s*\n/)
    .map((query) => ({ title: /^-- (.*)/.exec(query)?.[1] ?? query, query }))

describe("the schemas the docs show", () => {
  it.effect(
    "docs/sqlite-read-models.md: the tables and indexes of the three read models, as the store creates them",
    () =>
      Effect.gen(function* () {
        yield* ReadModelStore.createTables(ReadModels.all)
        const created = yield* schemaOf((table) => !storeTables.includes(table) && table !== "kemitraan_migrations")
        expect(created.tables).toEqual(ReadModels.all.flatMap((model) => model.tables.map((table) => table.name)))
        const shown = yield* Effect.promise(() =>
          blockAfter(doc("sqlite-read-models.md"), "<!-- read-model-schema", "sql")
        )
        expect(shown).toBe(created.text)
      }).pipe(Effect.provide(SqliteStore.layerMemory))
  )

  it.effect("docs/sqlite.md: the store's own tables, as its migrations create them", () =>
    Effect.gen(function* () {
      const created = yield* schemaOf((table) => storeTables.includes(table))
      expect(created.tables).toEqual(storeTables)
      const shown = yield* Effect.promise(() => blockAfter(doc("sqlite.md"), "<!-- store-schema", "sql"))
      expect(shown).toBe(created.text)
    }).pipe(Effect.provide(SqliteStore.layerMemory))
  )
})

describe("the TypeScript the docs show is a compiled program of src/guide", () => {
  for (const [name, file, marker] of [
    ["projections.md", "projections.ts", "<!-- projections-program"],
    ["sqlite.md", "sqlite-store.ts", "<!-- sqlite-store-program"]
  ] as const) {
    it(`docs/${name} shows src/guide/${file}, exactly`, async () => {
      expect(`${await blockAfter(doc(name), marker, "ts")}\n`).toBe(await fs.readFile(guide(file), "utf8"))
    })
  }

  it("docs/sqlite.md: its program opens a new file and prints what the doc shows", async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), "sqlite-store-"))
    try {
      const expected = `${await blockAfter(doc("sqlite.md"), "<!-- sqlite-store-output", "text")}\n`
      expect(await runGuide("sqlite-store.ts", dir)).toBe(expected)
      expect(await fs.readdir(dir)).toContain("kemitraan.sqlite")
    } finally {
      await fs.rm(dir, { recursive: true, force: true })
    }
  }, 60_000)
})

/** The store layer's runtime on a file. */
const storeRuntime = (filename: string) => ManagedRuntime.make(SqliteStore.layer({ filename }))
type StoreRuntime = ReturnType<typeof storeRuntime>

describe("on the forum of 2022, replayed into a file", () => {
  let dir = ""
  let runtime: StoreRuntime | undefined

  beforeAll(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), "read-model-docs-"))
    const filename = path.join(dir, "forum-2022.sqlite")
    runtime = storeRuntime(filename)
    // The replay takes seconds: it yields by the clock, so that vitest's messages to the worker get answered.
    await runtime.runPromise(EventLoop.breathing(ForumReplay.run({ dataDir, database: filename })))
  }, 180_000)

  afterAll(async () => {
    await runtime?.dispose()
    await fs.rm(dir, { recursive: true, force: true })
  })

  const run = <A, E>(effect: Effect.Effect<A, E, ManagedRuntime.ManagedRuntime.Context<StoreRuntime>>) => {
    if (runtime === undefined) throw new Error("the replay did not run")
    return runtime.runPromise(effect)
  }

  it("docs/projections.md: its program reads the file the replay wrote and prints what the doc shows", async () => {
    const expected = `${await blockAfter(doc("projections.md"), "<!-- projections-output", "text")}\n`
    expect(await runGuide("projections.ts", dir)).toBe(expected)
  }, 60_000)

  it("docs/sqlite.md: every query of the sqlite3 shell runs on the file", async () => {
    const queries = await queriesAfter("sqlite.md", "<!-- store-queries")
    expect(queries.length).toBeGreaterThanOrEqual(8)
    for (const { query } of queries) {
      await run(Effect.flatMap(SqlClient.SqlClient, (sql) => sql.unsafe(query)))
    }
  })

  it("docs/sqlite-read-models.md: every query answers what the core's query functions say", async () => {
    const queries = await queriesAfter("sqlite-read-models.md", "<!-- read-model-queries")
    const expected = await run(answers)
    expect(queries.map(({ title }) => title).sort()).toEqual(Object.keys(expected).sort())
    for (const { title, query } of queries) {
      const rows = await run(Effect.flatMap(SqlClient.SqlClient, (sql) => sql.unsafe(query)))
      expect(rows.length, title).toBeGreaterThan(0)
      expect(rows, title).toEqual(asSqlite(expected[title]))
    }
  }, 60_000)
})

/** The queries' totals (bigints) as SQLite answers them: an integer column, a number up to 2^53. */
const asSqlite = (value: unknown): unknown =>
  typeof value === "bigint"
    ? Number(value)
    : Array.isArray(value)
      ? value.map(asSqlite)
      : typeof value === "object" && value !== null && !(value instanceof RegExp) && value.constructor === Object
        ? Object.fromEntries(Object.entries(value).map(([key, field]) => [key, asSqlite(field)]))
        : value

const rate = (value: number | null | undefined) =>
  value === null || value === undefined ? null : expect.closeTo(value, 3)
const classOrder = (businessClass: string) => ["Micro", "Small", "Medium", "Large"].indexOf(businessClass)
const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0)

/** What each documented query must answer, by its title, from the core's query functions. */
const answers: Effect.Effect<
  Record<string, unknown>,
  EventStoreError.StoreError,
  EventStore.EventStore | ReadModelStore.ReadModelStore
> = Effect.gen(function* () {
  const summaries = yield* ForumSummary.summaries
  const summary = yield* ForumSummary.summary(forumId)
  const cohort = yield* ClassAdvancement.cohort(forumId)
  const outcomes = yield* ClassAdvancement.cohortOutcomes(forumId)
  const histories = yield* Effect.forEach(outcomes, (outcome) => ClassAdvancement.history(outcome.smeId))
  const funnel = yield* SupplyChain.funnel({ forumId })
  const byCounterpart = yield* SupplyChain.funnelBy("counterpart", { forumId })
  const byCategory = yield* SupplyChain.funnelBy("category", { forumId })
  const engagements = yield* SupplyChain.engagements()
  const pairs = (yield* Effect.forEach([...new Set(engagements.map((e) => e.smeId))], SupplyChain.pairsOf)).flat()
  const everyForum = yield* SupplyChain.funnel()
  const head = yield* Effect.flatMap(EventStore.EventStore, (store) => store.headPosition)

  const yearCounts = new Map<string, { year: number; business_class: string; smes: number }>()
  for (const year of histories.flatMap((history) => history?.years ?? [])) {
    const id = `${year.year} ${year.businessClass}`
    const smes = (yearCounts.get(id)?.smes ?? 0) + 1
    yearCounts.set(id, { year: year.year, business_class: year.businessClass, smes })
  }
  const noDeal = new Map<string, { closed_without_deal: string; engagements: number; potential_value: bigint }>()
  for (const { closedWithoutDeal: reason, potentialValue } of engagements) {
    if (reason === null) continue
    const group = noDeal.get(reason) ?? { closed_without_deal: reason, engagements: 0, potential_value: 0n }
    noDeal.set(reason, {
      ...group,
      engagements: group.engagements + 1,
      potential_value: group.potential_value + potentialValue
    })
  }
  const delivered = pairs.filter((pair) => pair.stage === "Delivered")

  return {
    "Every forum at a glance.": summaries.map((s) => ({
      forum_id: s.forumId,
      date: s.date,
      status: s.status,
      smes_registered: s.smesRegistered,
      provinces: s.provinces,
      smes_engaged: s.smesEngaged,
      counterparts_assessed: s.counterpartsAssessed,
      assessments: s.assessments,
      potential_value: s.potentialValue
    })),
    "Recorded against reported figures, once the results are announced.": summaries
      .filter((s) => s.status === "ResultsAnnounced")
      .map((s) => ({
        forum_id: s.forumId,
        smes_registered: s.smesRegistered,
        reported_smes_registered: s.reported?.smesRegistered ?? null,
        provinces: s.provinces,
        reported_provinces: s.reported?.provinces ?? null,
        potential_value: s.potentialValue,
        reported_potential_value: s.reported?.potentialValue ?? null
      })),
    "Potential value by need category, largest first.": summary?.potentialByCategory.map((c) => ({
      category: c.category,
      potential_value: c.potentialValue
    })),
    "Potential value by counterpart, with its legal name, largest first.": summary?.potentialByCounterpart.map((c) => ({
      counterpart_id: c.counterpartId,
      legal_name: c.legalName,
      potential_value: c.potentialValue
    })),
    "The top category, and the counterpart that asked for most of it.": [
      {
        top_category: summary?.topCategory?.category,
        top_category_potential_value: summary?.topCategory?.potentialValue,
        top_category_counterpart_id: summary?.topCategory?.counterpart.counterpartId
      }
    ],
    "SMEs registered by province.": summary?.smesByProvince,
    "SMEs registered and engaged, counterparts joined and assessed, from the rows behind the counts.": [
      {
        smes_registered: summary?.smesRegistered,
        smes_engaged: summary?.smesEngaged,
        counterparts_joined: summary?.counterpartsJoined,
        counterparts_assessed: summary?.counterpartsAssessed
      }
    ],
    "Naik kelas: a forum cohort's outcomes, and the advancement rate (advanced / measured).": [
      {
        smes: cohort?.smes,
        measured: cohort?.measured,
        advanced: cohort?.advanced,
        stayed: cohort?.stayed,
        declined: cohort?.declined,
        advancement_rate: rate(cohort?.advancementRate)
      }
    ],
    "The same by province (group by sector for KBLI sections).": cohort?.byProvince.map((group) => ({
      province: group.province,
      smes: group.smes,
      measured: group.measured,
      advanced: group.advanced
    })),
    "Class transitions of the measured SMEs, smallest classes first.": cohort?.transitions.map((t) => ({
      from_class: t.from,
      to_class: t.to,
      smes: t.smes
    })),
    "Formalisation: SMEs that registered without an NIB, and those that obtained one since.": [
      {
        informal_at_registration: cohort?.formalisation.informalAtRegistration,
        formalised: cohort?.formalisation.formalised
      }
    ],
    "One SME's classes, year by year.": histories
      .find((history) => history?.participantId === "sme-0001")
      ?.years.map((year) => ({
        year: year.year,
        annual_sales: year.annualSales,
        business_capital: year.businessCapital,
        workers: year.workers,
        basis: year.basis,
        business_class: year.businessClass
      })),
    "All SMEs by class, year by year.": [...yearCounts.values()].sort(
      (a, b) => a.year - b.year || classOrder(a.business_class) - classOrder(b.business_class)
    ),
    "The supply-chain funnel of a forum, with the conversion from each stage to the next.": [
      {
        consulted: funnel.consulted,
        assessed: funnel.assessed,
        vendor_registered: funnel.vendorRegistered,
        contracted: funnel.contracted,
        delivered: funnel.delivered,
        consulted_to_assessed: rate(funnel.conversion.consultedToAssessed),
        assessed_to_vendor_registered: rate(funnel.conversion.assessedToVendorRegistered),
        vendor_registered_to_contracted: rate(funnel.conversion.vendorRegisteredToContracted),
        contracted_to_delivered: rate(funnel.conversion.contractedToDelivered),
        potential_value: funnel.potentialValue,
        contracted_value: funnel.contractedValue,
        delivered_value: funnel.deliveredValue,
        smes: funnel.smes,
        integrated_smes: funnel.integratedSmes
      }
    ],
    "The funnel by counterpart, most delivered first ('category' and 'province' work the same way).": [...byCounterpart]
      .sort(
        (a, b) => Rupiah.compare(b.funnel.deliveredValue, a.funnel.deliveredValue) || compare(a.key ?? "", b.key ?? "")
      )
      .map(({ key, funnel }) => ({
        counterpart_id: key,
        consulted: funnel.consulted,
        assessed: funnel.assessed,
        contracted: funnel.contracted,
        delivered: funnel.delivered,
        contracted_value: funnel.contractedValue,
        delivered_value: funnel.deliveredValue
      })),
    "Meetings never assessed: the category funnel's row with the empty key.": byCategory
      .filter((group) => group.key === null)
      .map((group) => ({ consulted: group.funnel.consulted })),
    "SME-counterpart pairs that reached an accepted delivery (BAST), over every forum.": delivered
      .map(({ smeId, counterpartId, engagements, contractedValue, deliveredValue }) => ({
        sme_id: smeId,
        counterpart_id: counterpartId,
        engagements,
        contracted_value: contractedValue,
        delivered_value: deliveredValue
      }))
      .sort(
        (a, b) =>
          Rupiah.compare(b.delivered_value, a.delivered_value) ||
          compare(a.sme_id, b.sme_id) ||
          compare(a.counterpart_id, b.counterpart_id)
      ),
    "Integrated SMEs (at least one accepted delivery) among all SMEs that met a counterpart.": [
      { integrated_smes: everyForum.integratedSmes, smes: everyForum.smes }
    ],
    "Assessed meetings that ended without a deal, and why.": [...noDeal.values()].sort(
      (a, b) => b.engagements - a.engagements || compare(a.closed_without_deal, b.closed_without_deal)
    ),
    "Are the tables up to date? Each read model's version, position, and how far behind the log.": [
      ClassAdvancement.readModel,
      ForumSummary.readModel,
      Provenance.readModel,
      SupplyChain.readModel
    ].map((model) => ({
      name: model.name,
      version: model.version,
      position: head,
      behind: 0,
      updated_at: expect.any(String)
    }))
  }
})
