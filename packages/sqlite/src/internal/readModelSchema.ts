/**
 * The read models' tables, as a migration. Each table's columns are the fields of a row schema of
 * the core's projections (`ForumSummary.ForumRow`, ...), in order, named in snake case; a test
 * keeps the two equal. Columns are plain: TEXT, or INTEGER for counts, years, 0/1 flags and
 * rupiah (exact, never REAL). Enumerations (a status, a class, a stage) are not CHECKed: a value
 * the core adds later must not make an old file refuse rows; reads decode every row with its schema.
 *
 * `read_models` records the position of the log each read model's tables show, written in the
 * transaction that writes them and the projection's checkpoint.
 */
import { SqlClient } from "@effect/sql"
import type { SqlError } from "@effect/sql/SqlError"
import { Effect } from "effect"

const readModels = `CREATE TABLE read_models (
  name TEXT PRIMARY KEY,
  version INTEGER NOT NULL,
  position INTEGER NOT NULL CHECK (position >= 0),
  updated_at TEXT NOT NULL
) STRICT`

const forumSummary = [
  `CREATE TABLE forum_summary (
  forum_id TEXT PRIMARY KEY,
  title TEXT,
  date TEXT,
  status TEXT NOT NULL,
  smes_registered INTEGER NOT NULL,
  provinces INTEGER NOT NULL,
  smes_engaged INTEGER NOT NULL,
  counterparts_joined INTEGER NOT NULL,
  counterparts_assessed INTEGER NOT NULL,
  consultations_held INTEGER NOT NULL,
  assessments INTEGER NOT NULL,
  potential_value INTEGER NOT NULL,
  top_category TEXT,
  top_category_potential_value INTEGER,
  top_category_counterpart_id TEXT,
  observers INTEGER NOT NULL,
  results_date TEXT,
  reported_potential_value INTEGER,
  reported_smes_registered INTEGER,
  reported_smes_assessed INTEGER,
  reported_counterparts INTEGER,
  reported_provinces INTEGER
) STRICT`,
  `CREATE TABLE forum_potential (
  forum_id TEXT NOT NULL,
  category TEXT NOT NULL,
  counterpart_id TEXT NOT NULL,
  potential_value INTEGER NOT NULL,
  PRIMARY KEY (forum_id, category, counterpart_id)
) STRICT`,
  `CREATE INDEX forum_potential_by_counterpart_id ON forum_potential (counterpart_id)`,
  `CREATE TABLE forum_province (
  forum_id TEXT NOT NULL,
  province TEXT NOT NULL,
  smes INTEGER NOT NULL,
  PRIMARY KEY (forum_id, province)
) STRICT`,
  `CREATE VIEW forum_potential_by_category AS
  SELECT forum_id, category, sum(potential_value) AS potential_value, count(*) AS counterparts
  FROM forum_potential GROUP BY forum_id, category`,
  `CREATE VIEW forum_potential_by_counterpart AS
  SELECT forum_id, counterpart_id, sum(potential_value) AS potential_value, count(*) AS categories
  FROM forum_potential GROUP BY forum_id, counterpart_id`
]

const classAdvancement = [
  `CREATE TABLE class_year (
  participant_id TEXT NOT NULL,
  year INTEGER NOT NULL,
  annual_sales INTEGER NOT NULL,
  business_capital INTEGER NOT NULL,
  workers INTEGER NOT NULL,
  basis TEXT NOT NULL,
  business_class TEXT NOT NULL,
  PRIMARY KEY (participant_id, year)
) STRICT`,
  `CREATE INDEX class_year_by_year ON class_year (year, business_class)`,
  `CREATE TABLE class_participant (
  participant_id TEXT PRIMARY KEY,
  founded_year INTEGER,
  province TEXT,
  kbli TEXT,
  baseline_year INTEGER,
  baseline_class TEXT,
  current_year INTEGER,
  current_class TEXT,
  outcome TEXT NOT NULL,
  informal_at_enrolment INTEGER CHECK (informal_at_enrolment IN (0, 1)),
  formalised_in INTEGER
) STRICT`,
  `CREATE INDEX class_participant_by_province ON class_participant (province)`,
  `CREATE TABLE class_cohort (
  forum_id TEXT NOT NULL,
  sme_id TEXT NOT NULL,
  province TEXT NOT NULL,
  sector TEXT NOT NULL,
  baseline_year INTEGER,
  baseline_class TEXT,
  current_year INTEGER,
  current_class TEXT,
  outcome TEXT NOT NULL,
  informal_at_registration INTEGER NOT NULL CHECK (informal_at_registration IN (0, 1)),
  formalised INTEGER NOT NULL CHECK (formalised IN (0, 1)),
  PRIMARY KEY (forum_id, sme_id)
) STRICT`,
  `CREATE INDEX class_cohort_by_sme ON class_cohort (sme_id)`,
  `CREATE TABLE class_transition (
  forum_id TEXT NOT NULL,
  from_class TEXT NOT NULL,
  to_class TEXT NOT NULL,
  smes INTEGER NOT NULL,
  PRIMARY KEY (forum_id, from_class, to_class)
) STRICT`
]

const supplyChain = [
  `CREATE TABLE supply_engagement (
  forum_id TEXT NOT NULL,
  consultation_id TEXT NOT NULL,
  sme_id TEXT NOT NULL,
  counterpart_id TEXT NOT NULL,
  category TEXT,
  need TEXT,
  potential_value INTEGER NOT NULL,
  contracted_value INTEGER NOT NULL,
  delivered_value INTEGER NOT NULL,
  contracts INTEGER NOT NULL,
  deliveries INTEGER NOT NULL,
  closed_without_deal TEXT,
  province TEXT,
  stage TEXT NOT NULL,
  PRIMARY KEY (forum_id, consultation_id)
) STRICT`,
  `CREATE INDEX supply_engagement_by_sme ON supply_engagement (sme_id)`,
  `CREATE INDEX supply_engagement_by_counterpart ON supply_engagement (counterpart_id)`,
  `CREATE TABLE supply_pair (
  sme_id TEXT NOT NULL,
  counterpart_id TEXT NOT NULL,
  stage TEXT NOT NULL,
  engagements INTEGER NOT NULL,
  potential_value INTEGER NOT NULL,
  contracted_value INTEGER NOT NULL,
  delivered_value INTEGER NOT NULL,
  PRIMARY KEY (sme_id, counterpart_id)
) STRICT`,
  `CREATE INDEX supply_pair_by_counterpart ON supply_pair (counterpart_id, stage)`,
  // A STRICT table's primary key cannot hold the null key of a forum's whole funnel: a unique index
  // on the key with null mapped to '' identifies rows instead ('' is no counterpart, category or
  // province).
  `CREATE TABLE supply_funnel (
  forum_id TEXT NOT NULL,
  dimension TEXT NOT NULL,
  key TEXT,
  consulted INTEGER NOT NULL,
  assessed INTEGER NOT NULL,
  vendor_registered INTEGER NOT NULL,
  contracted INTEGER NOT NULL,
  delivered INTEGER NOT NULL,
  closed_without_deal INTEGER NOT NULL,
  potential_value INTEGER NOT NULL,
  contracted_value INTEGER NOT NULL,
  delivered_value INTEGER NOT NULL,
  smes INTEGER NOT NULL,
  integrated_smes INTEGER NOT NULL
) STRICT`,
  `CREATE UNIQUE INDEX supply_funnel_key ON supply_funnel (forum_id, dimension, ifnull(key, ''))`
]

/** Every statement of the migration, in order. */
export const statements: ReadonlyArray<string> = [readModels, ...forumSummary, ...classAdvancement, ...supplyChain]

/** Creates the read models' tables, indexes and views (better-sqlite3 runs one statement at a time). */
export const migration: Effect.Effect<void, SqlError, SqlClient.SqlClient> = Effect.flatMap(
  SqlClient.SqlClient,
  (sql) => Effect.forEach(statements, (statement) => sql.unsafe(statement), { discard: true })
)
