import { SqlClient } from "@effect/sql"
import { describe, expect, it } from "@effect/vitest"
import { ClassAdvancement, ForumSummary, Kemitraan, Rupiah, SupplyChain } from "@kemitraan/core"
import { ForumScenario, ManualClock } from "@kemitraan/core/testing"
import { CheckpointStore, EventStoreError, ProjectionRunner } from "@kemitraan/eventsourcing"
import { SqliteReadModels, SqliteStore } from "@kemitraan/sqlite"
import Database from "better-sqlite3"
import { Effect, FastCheck as fc, Option, Schema, SchemaAST } from "effect"
import { readFileSync } from "node:fs"
import { join } from "node:path"
import type * as Table from "../src/internal/readModelTable.js"
import * as Tables from "../src/internal/readModelTables.js"
import { tempDirectory } from "./support/tempDatabase.js"

const has = (scenario: ForumScenario.Scenario, tag: Kemitraan.Command["_tag"]) =>
  scenario.commands.some((command) => command._tag === tag)

/** Two forums a few months apart, every command accepted; the first has assessments and a delivery. */
const world = fc
  .tuple(
    ForumScenario.consistent({ forumId: "forum-a", date: "2022-11-24", smes: { min: 2, max: 6 } }),
    ForumScenario.consistent({ forumId: "forum-b", date: "2023-06-14", smes: { min: 1, max: 4 } })
  )
  .filter(([first]) => has(first, "RecordAssessment") && has(first, "AcceptDelivery"))

/** One value of an arbitrary, the same at every run. */
const sampleOf = <A>(arbitrary: fc.Arbitrary<A>, seed: number): A => {
  const [value] = fc.sample(arbitrary, { numRuns: 1, seed })
  if (value === undefined) throw new Error("fast-check gave no sample")
  return value
}

/** Runs the forums' commands through the handlers, a minute apart, on a clock at or after each forum's day. */
const record = (scenarios: ReadonlyArray<ForumScenario.Scenario>) =>
  Effect.gen(function* () {
    const clock = ManualClock.make(0)
    for (const scenario of scenarios) {
      const day = Date.parse(`${scenario.date}T01:00:00.000Z`)
      clock.set(Math.max(clock.unsafeCurrentTimeMillis(), day))
      for (const command of scenario.commands) {
        clock.advance(60_000)
        yield* Kemitraan.handle(command).pipe(Effect.withClock(clock))
      }
    }
  })

/** Rows in a canonical order (objects by key, lists by content), to compare tables with any row order. */
const canonical = (value: unknown): unknown => {
  if (Array.isArray(value)) {
    return value.map(canonical).sort((a, b) => {
      const [x, y] = [JSON.stringify(a), JSON.stringify(b)]
      return x < y ? -1 : x > y ? 1 : 0
    })
  }
  if (typeof value !== "object" || value === null) return value
  return Object.fromEntries(
    Object.entries(value)
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([key, field]) => [key, canonical(field)])
  )
}

/** What each read model's tables hold, and what its projection says over the whole log. */
const tablesAndRows = Effect.gen(function* () {
  const [summary, classes, supply] = yield* Effect.all([
    ProjectionRunner.run(ForumSummary.projection),
    ProjectionRunner.run(ClassAdvancement.projection),
    ProjectionRunner.run(SupplyChain.projection)
  ])
  return {
    tables: canonical(
      yield* Effect.all([
        SqliteReadModels.readForumSummary,
        SqliteReadModels.readClassAdvancement,
        SqliteReadModels.readSupplyChain
      ])
    ),
    rows: canonical([
      ForumSummary.rows(summary.state),
      ClassAdvancement.rows(classes.state),
      SupplyChain.rows(supply.state)
    ])
  }
})

const shown = (name: string) =>
  Effect.flatMap(
    SqlClient.SqlClient,
    (sql) => sql<{ readonly position: number }>`SELECT position FROM read_models WHERE name = ${name}`
  )

const rowCount = (table: string) =>
  Effect.flatMap(SqlClient.SqlClient, (sql) =>
    Effect.map(sql.unsafe<{ readonly n: number }>(`SELECT count(*) AS n FROM ${table}`), (rows) => rows[0]?.n)
  )

const pageSize = fc.integer({ min: 1, max: 50 })
const commitEvery = fc.integer({ min: 1, max: 200 })
const runs = { fastCheck: { numRuns: 8 } }

describe("SqliteReadModels", () => {
  it.effect(
    "the tables' columns are the row schemas' fields in order, NOT NULL exactly where null is not allowed",
    () =>
      Effect.gen(function* () {
        const sql = yield* SqlClient.SqlClient
        const nullable = (ast: SchemaAST.AST) =>
          SchemaAST.isUnion(ast) && ast.types.some((type) => SchemaAST.isLiteral(type) && type.literal === null)
        const rowSchemas: ReadonlyArray<readonly [Table.Layout, Schema.Struct.Fields]> = [
          [Tables.forumSummary, ForumSummary.ForumRow.fields],
          [Tables.forumPotential, ForumSummary.PotentialRow.fields],
          [Tables.forumProvince, ForumSummary.ProvinceRow.fields],
          [Tables.classYear, ClassAdvancement.ClassYearRow.fields],
          [Tables.classParticipant, ClassAdvancement.ParticipantRow.fields],
          [Tables.classCohort, ClassAdvancement.CohortRow.fields],
          [Tables.classTransition, ClassAdvancement.TransitionRow.fields],
          [Tables.supplyEngagement, SupplyChain.EngagementRow.fields],
          [Tables.supplyPair, SupplyChain.PairRow.fields],
          [Tables.supplyFunnel, SupplyChain.FunnelRow.fields]
        ]
        expect(rowSchemas.map(([table]) => table.name)).toEqual(SqliteReadModels.tables)
        for (const [table, fields] of rowSchemas) {
          const info = yield* sql.unsafe<{ readonly name: string; readonly notnull: number }>(
            `PRAGMA table_info(${table.name})`
          )
          const expected = Object.values(fields).map((field, index) => ({
            name: table.columns[index],
            notnull: Schema.isSchema(field) && nullable(field.ast) ? 0 : 1
          }))
          expect(
            info.map(({ name, notnull }) => ({ name, notnull })),
            table.name
          ).toEqual(expected)
        }
      }).pipe(Effect.provide(SqliteStore.layerMemory))
  )

  it.effect.prop(
    "after a catch-up in any pages and commits, every table holds exactly its projection's rows",
    [world, pageSize, commitEvery],
    ([scenarios, pageSize, commitEvery]) =>
      Effect.gen(function* () {
        yield* record(scenarios)
        const caught = yield* SqliteReadModels.catchUpAll({ pageSize, commitEvery })
        const { tables, rows } = yield* tablesAndRows
        expect(tables).toEqual(rows)
        expect(tables).toEqual(
          canonical([
            ForumSummary.rows(caught.summary.state),
            ClassAdvancement.rows(caught.classAdvancement.state),
            SupplyChain.rows(caught.supplyChain.state)
          ])
        )
        expect(yield* rowCount("supply_funnel")).toBeGreaterThan(0)
        expect(yield* shown("SupplyChain")).toEqual([{ position: caught.supplyChain.position }])
      }).pipe(Effect.provide(SqliteStore.layerMemory)),
    runs
  )

  it.effect.prop(
    "resuming from any checkpoint gives the same tables as one catch-up from the start",
    [world, fc.array(fc.nat(), { minLength: 1, maxLength: 4 }), commitEvery],
    ([scenarios, cuts, commitEvery]) =>
      Effect.gen(function* () {
        yield* record(scenarios)
        const sinks = yield* SqliteReadModels.sinks
        const head = yield* Effect.map(ProjectionRunner.run(SupplyChain.projection), (p) => p.position)
        for (const until of cuts.map((cut) => cut % (head + 1)).sort((a, b) => a - b)) {
          yield* ProjectionRunner.catchUp(ForumSummary.projection, { ...sinks.summary, commitEvery, until })
          yield* ProjectionRunner.catchUp(ClassAdvancement.projection, {
            ...sinks.classAdvancement,
            commitEvery,
            until
          })
          yield* ProjectionRunner.catchUp(SupplyChain.projection, { ...sinks.supplyChain, commitEvery, until })
        }
        yield* SqliteReadModels.catchUpAll({ commitEvery })
        const { tables, rows } = yield* tablesAndRows
        expect(tables).toEqual(rows)
      }).pipe(Effect.provide(SqliteStore.layerMemory)),
    runs
  )

  it.effect.prop(
    "a rebuild, or a new projection version, gives the same tables as the first catch-up",
    [world],
    ([scenarios]) =>
      Effect.gen(function* () {
        yield* record(scenarios)
        yield* SqliteReadModels.catchUpAll()
        const first = yield* tablesAndRows
        yield* SqliteReadModels.rebuildAll({ commitEvery: 7 })
        expect((yield* tablesAndRows).tables).toEqual(first.tables)
        const bumped = { ...SqliteReadModels.supplyChain, projection: { ...SupplyChain.projection, version: 2 } }
        yield* SqliteReadModels.catchUp(bumped)
        expect((yield* tablesAndRows).tables).toEqual(first.tables)
        expect(first.tables).toEqual(first.rows)
      }).pipe(Effect.provide(SqliteStore.layerMemory)),
    runs
  )

  it.effect("a new projection version empties the tables in the transaction that forgets the checkpoint", () =>
    Effect.gen(function* () {
      yield* record(sampleOf(world, 7))
      yield* SqliteReadModels.catchUp(SqliteReadModels.supplyChain)
      expect(yield* rowCount("supply_engagement")).toBeGreaterThan(0)
      const bumped = { ...SupplyChain.projection, version: 2 }
      // `until: 0` folds nothing: what is left is the reset alone.
      yield* ProjectionRunner.catchUp(bumped, { ...SqliteReadModels.sink(SqliteReadModels.supplyChain), until: 0 })
      for (const table of ["supply_engagement", "supply_pair", "supply_funnel"]) expect(yield* rowCount(table)).toBe(0)
      expect(yield* shown("SupplyChain")).toEqual([])
      expect(yield* (yield* CheckpointStore.CheckpointStore).load("SupplyChain")).toEqual(Option.none())
    }).pipe(Effect.provide(SqliteStore.layerMemory))
  )

  it.effect(
    "a catch-up without the sink leaves the tables behind; the next catch-up writes them from the checkpoint",
    () =>
      Effect.gen(function* () {
        yield* record(sampleOf(world, 11))
        yield* ProjectionRunner.catchUp(ForumSummary.projection)
        expect(yield* rowCount("forum_summary")).toBe(0)
        const caught = yield* SqliteReadModels.catchUp(SqliteReadModels.forumSummary)
        expect(canonical(yield* SqliteReadModels.readForumSummary)).toEqual(canonical(ForumSummary.rows(caught.state)))
        expect(yield* rowCount("forum_summary")).toBe(2)
      }).pipe(Effect.provide(SqliteStore.layerMemory))
  )

  it.effect("a commit leaves alone the tables whose rows did not change, and rewrites the others", () =>
    Effect.gen(function* () {
      const sql = yield* SqlClient.SqlClient
      yield* record(sampleOf(world, 13))
      yield* SqliteReadModels.catchUpAll()
      yield* sql`CREATE TEMP TABLE rewritten (name TEXT NOT NULL)`
      for (const table of SqliteReadModels.tables) {
        yield* sql.unsafe(`CREATE TEMP TRIGGER rewrite_${table} AFTER DELETE ON ${table}
                           BEGIN INSERT INTO rewritten VALUES ('${table}'); END`)
      }
      // New figures of one SME: its class years change; no forum figure and no meeting does.
      const clock = ManualClock.make(Date.parse("2025-02-01T01:00:00.000Z"))
      const figures = {
        annualSales: Rupiah.make(60_000_000_000),
        businessCapital: Rupiah.make(12_000_000_000),
        workers: 120
      }
      yield* Kemitraan.handle({
        _tag: "ReportBusinessFigures",
        participantId: ForumScenario.ids("forum-a").sme(0),
        year: 2024,
        ...figures
      }).pipe(Effect.withClock(clock))
      yield* SqliteReadModels.catchUpAll()
      const names = yield* sql<{ readonly name: string }>`SELECT DISTINCT name FROM rewritten ORDER BY name`
      expect(names.map(({ name }) => name).filter((name) => !name.startsWith("class_"))).toEqual([])
      expect(names.map(({ name }) => name)).toEqual(expect.arrayContaining(["class_participant", "class_year"]))
      const { tables, rows } = yield* tablesAndRows
      expect(tables).toEqual(rows)
      expect(yield* shown("ForumSummary")).toEqual(yield* shown("ClassAdvancement"))
    }).pipe(Effect.provide(SqliteStore.layerMemory))
  )

  it.effect("a stored row that no longer fits its schema fails the read with a StoreFailure naming the table", () =>
    Effect.gen(function* () {
      const sql = yield* SqlClient.SqlClient
      yield* sql`INSERT INTO supply_pair VALUES ('sme', 'cp', 'Shipped', 1, 0, 0, 0)`
      const error = yield* Effect.flip(SqliteReadModels.readSupplyChain)
      expect(error).toBeInstanceOf(EventStoreError.StoreFailure)
      expect(error.operation).toBe("read the table supply_pair")
      expect(error.reason).toMatch(/^row 1 does not decode: .*Shipped/s)
    }).pipe(Effect.provide(SqliteStore.layerMemory))
  )

  describe("transactions", () => {
    /** The supply-chain tables, the checkpoint and the position the tables show: all that a commit writes. */
    const snapshot = Effect.gen(function* () {
      const checkpoint = yield* (yield* CheckpointStore.CheckpointStore).load("SupplyChain")
      return { rows: yield* SqliteReadModels.readSupplyChain, checkpoint, shown: yield* shown("SupplyChain") }
    })

    const secondHasMeetings = world.filter(([, second]) => has(second, "RecordConsultationHeld"))

    it.effect("a failure in the middle of the tables, or at the checkpoint, leaves the old rows and checkpoint", () =>
      Effect.gen(function* () {
        const sql = yield* SqlClient.SqlClient
        const [first, second] = sampleOf(secondHasMeetings, 3)
        yield* record([first])
        yield* SqliteReadModels.catchUp(SqliteReadModels.supplyChain)
        const before = yield* snapshot
        yield* record([second])
        const after = SupplyChain.rows((yield* ProjectionRunner.run(SupplyChain.projection)).state)
        expect(canonical(after)).not.toEqual(canonical(before.rows))

        // supply_engagement and supply_pair are rewritten by then; supply_funnel refuses its first row.
        yield* sql`CREATE TEMP TRIGGER refuse_funnel BEFORE INSERT ON supply_funnel
                   BEGIN SELECT RAISE(ABORT, 'funnel refused'); END`
        const inTables = yield* Effect.flip(SqliteReadModels.catchUp(SqliteReadModels.supplyChain))
        expect(inTables).toBeInstanceOf(EventStoreError.StoreFailure)
        expect(inTables.message).toMatch(/write the tables of read model "SupplyChain".*funnel refused/s)
        expect(yield* snapshot).toEqual(before)

        yield* sql`DROP TRIGGER refuse_funnel`
        yield* sql`CREATE TEMP TRIGGER refuse_checkpoint BEFORE UPDATE ON checkpoints
                   BEGIN SELECT RAISE(ABORT, 'checkpoint refused'); END`
        const atCheckpoint = yield* Effect.flip(SqliteReadModels.catchUp(SqliteReadModels.supplyChain))
        expect(atCheckpoint.message).toMatch(/checkpoint refused/)
        expect(yield* snapshot).toEqual(before)

        yield* sql`DROP TRIGGER refuse_checkpoint`
        yield* SqliteReadModels.catchUp(SqliteReadModels.supplyChain)
        expect(canonical(yield* SqliteReadModels.readSupplyChain)).toEqual(canonical(after))
      }).pipe(Effect.provide(SqliteStore.layerMemory))
    )

    it.scoped("the tables are written on the checkpoint's connection, under a write lock taken before them", () =>
      Effect.gen(function* () {
        const filename = join(yield* tempDirectory, "store.sqlite")
        const other = yield* Effect.acquireRelease(
          Effect.sync(() => new Database(filename, { timeout: 0 })),
          (db) => Effect.sync(() => db.close())
        )
        const lockState = () => {
          try {
            other.exec("BEGIN IMMEDIATE")
            other.exec("ROLLBACK")
            return "free"
          } catch (error) {
            return error instanceof Database.SqliteError ? error.code : "unknown"
          }
        }
        const countOther = () => other.prepare("SELECT count(*) AS n FROM supply_engagement").pluck().get()
        const seen = yield* Effect.gen(function* () {
          yield* record(sampleOf(world, 5))
          const sink = SqliteReadModels.sink(SqliteReadModels.supplyChain)
          const seen: Array<unknown> = [lockState()]
          yield* ProjectionRunner.catchUp(SupplyChain.projection, {
            ...sink,
            onCommit: (progress) =>
              Effect.gen(function* () {
                seen.push(lockState())
                yield* sink.onCommit(progress)
                seen.push(countOther(), yield* Effect.orDie(rowCount("supply_engagement")))
              })
          })
          seen.push(lockState(), countOther())
          return seen
        }).pipe(Effect.provide(SqliteStore.layer({ filename })))
        const engagements = seen[3]
        expect(engagements).toBeGreaterThan(0)
        // Free before; locked before the first write of the commit; the other connection sees no row
        // until the commit, then all of them.
        expect(seen).toEqual(["free", "SQLITE_BUSY", 0, engagements, "free", engagements])
      })
    )
  })

  describe("the documentation", () => {
    /** The SQL block after a marker, from the docs/sqlite.md section (or its draft, until they are merged). */
    const documented = (marker: string): string => {
      const docs = ["sqlite.md", "sqlite-read-models.md"].map((file) =>
        readFileSync(new URL(`../../../docs/${file}`, import.meta.url), "utf8")
      )
      const text = docs.find((doc) => doc.includes(`<!-- ${marker}:`)) ?? ""
      const block = /```sql\n([\s\S]*?)```/.exec(text.slice(text.indexOf(`<!-- ${marker}:`)))
      if (!text.includes(`<!-- ${marker}:`) || block?.[1] === undefined) throw new Error(`no SQL block after ${marker}`)
      return block[1]
    }

    /** The schema as SQLite keeps it, comments and layout aside. */
    const schemaOf = (db: Database.Database) =>
      db
        .prepare("SELECT type, name, tbl_name AS tableName, sql FROM sqlite_master WHERE sql IS NOT NULL ORDER BY name")
        .all()
        .map((row) => {
          const { sql, ...names } = Schema.decodeUnknownSync(
            Schema.Struct({ type: Schema.String, name: Schema.String, tableName: Schema.String, sql: Schema.String })
          )(row)
          const text = sql
            .replace(/--[^\n]*/g, "")
            .replace(/\s+/g, " ")
            .replace(/\( /g, "(")
            .replace(/ \)/g, ")")
          return { ...names, sql: text.trim() }
        })

    const open = (filename: string) =>
      Effect.acquireRelease(
        Effect.sync(() => new Database(filename)),
        (db) => Effect.sync(() => db.close())
      )

    it.scoped("the schema shown is the schema the migration creates", () =>
      Effect.gen(function* () {
        const filename = join(yield* tempDirectory, "store.sqlite")
        yield* Effect.provide(Effect.void, SqliteStore.layer({ filename }))
        const [migrated, shownSchema] = [yield* open(filename), yield* open(":memory:")]
        shownSchema.exec(documented("read-model-schema"))
        const own = new Set(["events", "checkpoints", "kemitraan_migrations"])
        const readModelObjects = schemaOf(migrated).filter(({ tableName }) => !own.has(tableName))
        expect(schemaOf(shownSchema)).toEqual(readModelObjects)
        expect(readModelObjects.filter(({ type }) => type === "table").length).toBe(SqliteReadModels.tables.length + 1)
      })
    )

    const forumId = "forum-kemitraan-2022-11-24"
    const documentedWorld = fc
      .tuple(
        ForumScenario.consistent({ forumId, date: "2022-11-24", smes: { min: 3, max: 8 } }),
        ForumScenario.consistent({ forumId: "forum-b", date: "2023-06-14", smes: { min: 1, max: 3 } })
      )
      .filter(([first]) => has(first, "RecordAssessment") && has(first, "AcceptDelivery"))

    const rate = (value: number | null) => (value === null ? null : expect.closeTo(value, 3))

    /** What the documented queries must answer, by their comment, from the projections' states. */
    const answers = (caught: SqliteReadModels.Caught): Record<string, unknown> => {
      const summary = ForumSummary.summary(caught.summary.state, forumId)
      const cohort = ClassAdvancement.cohort(caught.classAdvancement.state, forumId)
      const funnel = SupplyChain.funnel(caught.supplyChain.state, { forumId })
      const pairs = SupplyChain.rows(caught.supplyChain.state).pairs
      const byDelivered = (a: SupplyChain.FunnelGroup, b: SupplyChain.FunnelGroup) =>
        b.funnel.deliveredValue - a.funnel.deliveredValue || ((a.key ?? "") < (b.key ?? "") ? -1 : 1)
      const delivered = pairs.filter((pair) => pair.stage === "Delivered")
      return {
        "Every forum at a glance.": ForumSummary.summaries(caught.summary.state).map((s) => ({
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
        "Potential value by need category, largest first.": summary?.potentialByCategory.map((c) => ({
          category: c.category,
          potential_value: c.potentialValue,
          counterparts: caught.summary.state.forums.get(forumId)?.potential.get(c.category)?.size
        })),
        "Potential value by counterpart, largest first.": summary?.potentialByCounterpart.map((c) => ({
          counterpart_id: c.counterpartId,
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
        "Naik kelas: a forum cohort's outcomes, and the advancement rate (advanced / measured).": [
          {
            smes: cohort?.smes,
            measured: cohort?.measured,
            advanced: cohort?.advanced,
            stayed: cohort?.stayed,
            declined: cohort?.declined,
            advancement_rate: rate(cohort?.advancementRate ?? null)
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
        "The funnel by counterpart, most delivered first ('category' and 'province' work the same way).": [
          ...SupplyChain.funnelBy(caught.supplyChain.state, "counterpart", { forumId })
        ]
          .sort(byDelivered)
          .map(({ key, funnel }) => ({
            counterpart_id: key,
            consulted: funnel.consulted,
            assessed: funnel.assessed,
            contracted: funnel.contracted,
            delivered: funnel.delivered,
            contracted_value: funnel.contractedValue,
            delivered_value: funnel.deliveredValue
          })),
        "SME-counterpart pairs that reached an accepted delivery (BAST), over every forum.": delivered
          .map(({ smeId, counterpartId, engagements, contractedValue, deliveredValue }) => ({
            sme_id: smeId,
            counterpart_id: counterpartId,
            engagements,
            contracted_value: contractedValue,
            delivered_value: deliveredValue
          }))
          .sort((a, b) => b.delivered_value - a.delivered_value || (a.sme_id < b.sme_id ? -1 : 1)),
        "Integrated SMEs (at least one accepted delivery) among all SMEs that met a counterpart.": [
          {
            integrated: new Set(delivered.map((pair) => pair.smeId)).size,
            smes: new Set(pairs.map((pair) => pair.smeId)).size
          }
        ],
        "Are the tables up to date? Each read model's position, its checkpoint's, and how far behind the log.": [
          ["ClassAdvancement", caught.classAdvancement.position],
          ["ForumSummary", caught.summary.position],
          ["SupplyChain", caught.supplyChain.position]
        ].map(([name, position]) => ({
          name,
          version: 1,
          position,
          checkpoint: position,
          behind: 0,
          updated_at: expect.any(String)
        }))
      }
    }

    it.effect.prop(
      "every documented query runs on the tables, and its answer is what the core's query functions say",
      [documentedWorld],
      ([scenarios]) =>
        Effect.gen(function* () {
          const sql = yield* SqlClient.SqlClient
          yield* record(scenarios)
          const expected = answers(yield* SqliteReadModels.catchUpAll())
          const queries = documented("read-model-queries")
            .split(/\n\s*\n/)
            .map((query) => ({ title: /^-- (.*)/.exec(query)?.[1] ?? query, query }))
          const checked = new Set<string>()
          for (const { title, query } of queries) {
            const rows = yield* sql.unsafe(query)
            if (!(title in expected)) continue
            checked.add(title)
            expect(rows, title).toEqual(expected[title])
          }
          expect([...checked].sort()).toEqual(Object.keys(expected).sort())
          expect(queries.length).toBeGreaterThan(checked.size)
        }).pipe(Effect.provide(SqliteStore.layerMemory)),
      { fastCheck: { numRuns: 4 } }
    )
  })
})
