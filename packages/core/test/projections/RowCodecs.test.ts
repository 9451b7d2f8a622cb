/**
 * The read models' tables decode the rows a store loads and encode the rows it writes with
 * compiled code (`Table.make`); these properties hold them to Effect's own decoder and encoder on
 * the domain's row schemas, for valid rows and damaged ones alike.
 */
import { describe, expect, it } from "@effect/vitest"
import { Either, ParseResult, Schema } from "effect"
import * as fc from "fast-check"
import type { Table } from "@kemitraan/eventsourcing"
import { EncodedInput } from "@kemitraan/eventsourcing/testing"
import { ClassAdvancement, ForumSummary, SupplyChain } from "../../src/index.js"

/** A table with Effect's decoder and encoder of its row schema, and rows to try them on. */
interface Codec {
  readonly table: Table.AnyTable
  readonly decode: (input: unknown) => Either.Either<unknown, ParseResult.ParseError>
  readonly encode: (input: unknown) => Either.Either<unknown, ParseResult.ParseError>
  readonly rows: fc.Arbitrary<unknown>
}

const codec = <A, I>(table: Table.AnyTable, row: Schema.Schema<A, I, never>): Codec => {
  const decode = Schema.decodeUnknownEither(row)
  const encode = Schema.encodeUnknownEither(row)
  return { table, decode: (input) => decode(input), encode: (input) => encode(input), rows: EncodedInput.any(row) }
}

const isRecord = (input: unknown): input is Table.AnyRow =>
  typeof input === "object" && input !== null && !Array.isArray(input)

const tables = [
  codec(ForumSummary.Forums, ForumSummary.ForumRow),
  codec(ForumSummary.Potential, ForumSummary.PotentialRow),
  codec(ForumSummary.Provinces, ForumSummary.ProvinceRow),
  codec(ForumSummary.Smes, ForumSummary.SmeRow),
  codec(ForumSummary.Counterparts, ForumSummary.CounterpartRow),
  codec(ForumSummary.Assessments, ForumSummary.AssessmentRow),
  codec(ClassAdvancement.ClassYears, ClassAdvancement.ClassYearRow),
  codec(ClassAdvancement.Participants, ClassAdvancement.ParticipantRow),
  codec(ClassAdvancement.Cohorts, ClassAdvancement.CohortRow),
  codec(ClassAdvancement.Transitions, ClassAdvancement.TransitionRow),
  codec(ClassAdvancement.Forums, ClassAdvancement.ForumYearRow),
  codec(ClassAdvancement.Contracts, ClassAdvancement.ContractRow),
  codec(SupplyChain.Engagements, SupplyChain.EngagementRow),
  codec(SupplyChain.Pairs, SupplyChain.PairRow),
  codec(SupplyChain.Funnels, SupplyChain.FunnelRow),
  codec(SupplyChain.Smes, SupplyChain.SmeRow),
  codec(SupplyChain.Counterparts, SupplyChain.CounterpartRow)
]

const message = (result: Either.Either<unknown, ParseResult.ParseError>) =>
  Either.isLeft(result) ? ParseResult.TreeFormatter.formatErrorSync(result.left) : undefined

describe("the read models' row codecs", () => {
  it("cover every table of the three read models", () => {
    const all = [...ForumSummary.tables, ...ClassAdvancement.tables, ...SupplyChain.tables]
    expect(tables.map(({ table }) => table.name).sort()).toStrictEqual(all.map((table) => table.name).sort())
  })

  for (const { decode, encode, rows, table } of tables) {
    it(`invariant: ${table.name} decodes and encodes any row as Effect does, errors included`, () => {
      let valid = 0
      fc.assert(
        fc.property(rows, (input) => {
          const decoded = decode(input)
          if (Either.isRight(decoded) && isRecord(decoded.right)) {
            valid++
            // A decoded row is what `evolve` puts: it encodes back, decimal columns to their digits.
            expect(table.encodeRow(decoded.right)).toStrictEqual(encode(decoded.right))
          }
          expect(table.decodeRow(input)).toStrictEqual(decoded)
          expect(message(table.decodeRow(input))).toBe(message(decoded))
          // Stores encode only the rows `evolve` put, which are records.
          if (!isRecord(input)) return
          const encoded = encode(input)
          expect(table.encodeRow(input)).toStrictEqual(encoded)
          expect(message(table.encodeRow(input))).toBe(message(encoded))
        }),
        { numRuns: 300 }
      )
      // A property that never met a valid row would have checked only the errors.
      expect(valid).toBeGreaterThan(0)
    })
  }
})
