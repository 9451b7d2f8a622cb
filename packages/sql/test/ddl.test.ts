import { describe, expect, it } from "@effect/vitest"
import { Schema } from "effect"
import { Table } from "@kemitraan/eventsourcing"
import { statements } from "../src/internal/ddl.js"

const Engagement = Table.make({
  name: "engagement",
  row: Schema.Struct({
    forumId: Schema.String,
    consultationId: Schema.String,
    smeId: Schema.String,
    stage: Schema.Literal("Consulted", "Assessed"),
    value: Schema.NonNegativeInt,
    rate: Schema.NullOr(Schema.Number),
    integrated: Schema.Boolean,
    since: Schema.NullOr(Schema.Date),
    tags: Schema.Array(Schema.String)
  }),
  key: ["forumId", "consultationId"],
  indexes: [["smeId"], ["forumId"]],
  columns: { since: "since_date" }
})

describe("table DDL", () => {
  it("columns follow the row schema's encoded fields; the key is the primary key; indexes not covered by it are created", () => {
    expect(statements(Engagement, "sqlite")).toEqual([
      `CREATE TABLE IF NOT EXISTS "engagement" (
  "forum_id" TEXT NOT NULL,
  "consultation_id" TEXT NOT NULL,
  "sme_id" TEXT NOT NULL,
  "stage" TEXT NOT NULL,
  "value" INTEGER NOT NULL,
  "rate" REAL,
  "integrated" INTEGER NOT NULL CHECK ("integrated" IN (0, 1)),
  "since_date" TEXT,
  "tags" TEXT NOT NULL,
  PRIMARY KEY ("forum_id", "consultation_id")
) STRICT`,
      `CREATE INDEX IF NOT EXISTS "engagement__sme_id" ON "engagement" ("sme_id")`
    ])
    expect(statements(Engagement, "pg")[0]).toContain(`"value" bigint NOT NULL`)
    expect(statements(Engagement, "pg")[0]).toContain(`"integrated" boolean NOT NULL`)
  })

  it("a bigint encoded as its digits is a decimal column: ANY in SQLite, numeric in PostgreSQL", () => {
    const Totals = Table.make({
      name: "totals",
      row: Schema.Struct({
        id: Schema.String,
        total: Schema.BigInt.pipe(Schema.nonNegativeBigInt(), Schema.brand("Total")),
        maybe: Schema.NullOr(Schema.BigInt)
      }),
      key: ["id"]
    })
    expect(Totals.columns.map((column) => [column.name, column.kind, column.nullable])).toEqual([
      ["id", "text", false],
      ["total", "decimal", false],
      ["maybe", "decimal", true]
    ])
    expect(statements(Totals, "sqlite")[0]).toContain(`"total" ANY NOT NULL`)
    expect(statements(Totals, "pg")[0]).toContain(`"total" numeric NOT NULL`)
    expect(statements(Totals, "pg")[0]).toContain(`"maybe" numeric,`)
  })

  it("a key field that may be null is refused when the table is declared", () => {
    expect(() =>
      Table.make({
        name: "funnel",
        row: Schema.Struct({ forumId: Schema.String, key: Schema.NullOr(Schema.String) }),
        key: ["forumId", "key"]
      })
    ).toThrow(/key field "key" may be null/)
  })
})
