import { describe, expect, it } from "@effect/vitest"
import { Arbitrary, Either, ParseResult, Schema } from "effect"
import * as fc from "fast-check"
import { compile, compileEncoder, decoderFor, encoderFor, undecided } from "../src/internal/compiledDecoder.js"
import { EncodedInput } from "@kemitraan/eventsourcing/testing"

const Id = Schema.Trimmed.pipe(Schema.minLength(1), Schema.maxLength(20), Schema.brand("Id"))

/** One event with every kind of node the compiled decoder takes. */
const Happened = Schema.TaggedStruct("Happened", {
  id: Id,
  kind: Schema.Literal("a", "b", "c"),
  count: Schema.NonNegativeInt,
  amount: Schema.optionalWith(Schema.Int, { exact: true }),
  note: Schema.optional(Schema.String),
  parent: Schema.NullOr(Id),
  at: Schema.Date,
  tags: Schema.Array(Schema.NonEmptyTrimmedString),
  place: Schema.Struct({ latitude: Schema.Number, verified: Schema.Boolean }),
  seenAt: Schema.DateFromSelf,
  size: Schema.NumberFromString,
  detail: Schema.parseJson(Schema.Struct({ level: Schema.Int.pipe(Schema.between(1, 5)) })),
  extra: Schema.Unknown
})

const compiledSchemas: ReadonlyArray<readonly [string, Schema.Schema.AnyNoContext]> = [
  ["Happened", Happened],
  ["Id", Id],
  ["Date", Schema.Date],
  ["Kind", Schema.Literal("UKM", "IKM")],
  ["NullableKind", Schema.NullOr(Schema.Literal("UKM", "IKM"))],
  ["Tags", Schema.Array(Schema.Trimmed)]
]

describe("compiled decoders", () => {
  for (const [name, schema] of compiledSchemas) {
    describe(name, () => {
      const compiled = compile(schema.ast)
      const decodeFully = Schema.decodeUnknownEither(schema)

      it("compiles", () => {
        expect(compiled).toBeTypeOf("function")
      })

      it("invariant: on every valid encoding it answers what Effect's decoder answers", () => {
        fc.assert(
          fc.property(EncodedInput.valid(schema), (input) => {
            const value = compiled?.(input)
            expect(value).not.toBe(undecided)
            expect(value).toStrictEqual(Either.getOrThrow(decodeFully(input)))
          }),
          { numRuns: 300 }
        )
      })

      it("invariant: on any input, valid or damaged, it answers Effect's value, or leaves the input to Effect", () => {
        let vouched = 0
        let left = 0
        fc.assert(
          fc.property(EncodedInput.any(schema), (input) => {
            const value = compiled?.(input)
            const full = decodeFully(input)
            if (value === undecided) {
              left++
              return
            }
            vouched++
            expect(Either.isRight(full)).toBe(true)
            expect(value).toStrictEqual(Either.getOrThrow(full))
          }),
          { numRuns: 1000 }
        )
        // Neither side may be empty, or the property checked nothing of it.
        expect(vouched).toBeGreaterThan(0)
        expect(left).toBeGreaterThan(0)
      })
    })
  }

  it("leaves schemas with nodes it does not compile to Effect", () => {
    expect(compile(Schema.Record({ key: Schema.String, value: Schema.Number }).ast)).toBeUndefined()
    expect(compile(Schema.Struct({ n: Schema.optionalWith(Schema.Number, { default: () => 0 }) }).ast)).toBeUndefined()
    expect(compile(Schema.Union(Schema.Struct({ a: Schema.String }), Schema.Number).ast)).toBeUndefined()
    expect(
      compile(Schema.Struct({ a: Schema.String }).annotations({ parseOptions: { onExcessProperty: "error" } }).ast)
    ).toBeUndefined()
  })
})

describe("decoderFor", () => {
  const decode = decoderFor(Happened)
  const valid = {
    _tag: "Happened",
    id: "E-1",
    kind: "a",
    count: 3,
    parent: null,
    at: "2022-11-24T02:00:00.000Z",
    tags: ["x"],
    place: { latitude: -6.2, verified: true },
    seenAt: new Date("2022-11-24T02:00:00.000Z"),
    size: "12",
    detail: '{"level":2}',
    extra: { anything: [1] }
  }

  it("decodes a valid input", () => {
    const decoded = Either.getOrThrow(decode(valid))
    expect(decoded.at).toStrictEqual(new Date("2022-11-24T02:00:00.000Z"))
    expect(decoded.detail).toStrictEqual({ level: 2 })
    expect(decoded.size).toBe(12)
    expect("amount" in decoded).toBe(false)
  })

  it.each([
    ["a count below zero", { ...valid, count: -1 }],
    ["an id with spaces around it", { ...valid, id: " E-1 " }],
    ["a date that is no date", { ...valid, at: "the day after" }],
    ["a missing field", { ...valid, kind: undefined }],
    ["a level out of range", { ...valid, detail: '{"level":9}' }]
  ])("fails on %s with Effect's own error", (_, input) => {
    const error = Either.flip(decode(input)).pipe(Either.getOrThrow)
    const expected = Either.flip(Schema.decodeUnknownEither(Happened)(input)).pipe(Either.getOrThrow)
    expect(ParseResult.TreeFormatter.formatErrorSync(error)).toBe(ParseResult.TreeFormatter.formatErrorSync(expected))
  })
})

/** A read model's row: only keywords, literals, refinements, brands and nullable fields. */
const Row = Schema.Struct({
  id: Id,
  kind: Schema.Literal("a", "b", "c"),
  count: Schema.NonNegativeInt,
  parent: Schema.NullOr(Id),
  share: Schema.NullOr(Schema.Number),
  stage: Schema.NullOr(Schema.Literal("open", "closed")),
  flag: Schema.Boolean
})

/**
 * Checks that `encode` answers what Effect's `encodeFully` answers on every input, errors included,
 * and that the inputs held both valid and invalid ones (a side never met was never checked).
 */
const encodesAsEffect = (
  encode: (input: unknown) => Either.Either<unknown, ParseResult.ParseError>,
  encodeFully: (input: unknown) => Either.Either<unknown, ParseResult.ParseError>,
  inputs: fc.Arbitrary<unknown>,
  numRuns: number
): void => {
  let valid = 0
  let invalid = 0
  fc.assert(
    fc.property(inputs, (input) => {
      const ours = encode(input)
      const theirs = encodeFully(input)
      if (Either.isRight(theirs)) {
        valid++
        expect(ours).toStrictEqual(theirs)
        return
      }
      invalid++
      const error = Either.flip(ours).pipe(Either.getOrThrow)
      expect(ParseResult.TreeFormatter.formatErrorSync(error)).toBe(
        ParseResult.TreeFormatter.formatErrorSync(theirs.left)
      )
    }),
    { numRuns }
  )
  expect(valid).toBeGreaterThan(0)
  expect(invalid).toBeGreaterThan(0)
}

describe("encoderFor", () => {
  const encode = encoderFor(Row)
  const encodeFully = Schema.encodeUnknownEither(Row)

  it("invariant: on any row, valid or damaged, it answers what Effect's encoder answers, errors included", () => {
    encodesAsEffect(encode, encodeFully, EncodedInput.any(Row), 1000)
  })

  it("drops fields the row does not declare, as Effect's encoder does", () => {
    const row = { id: "E-1", kind: "a", count: 1, parent: null, share: 0.5, stage: "open", flag: true }
    expect(Either.getOrThrow(encode({ ...row, stray: 1 }))).toStrictEqual(row)
  })

  it("encodes a schema with a transformation as Effect does", () => {
    const Dated = Schema.Struct({ at: Schema.Date })
    const at = new Date("2022-11-24T02:00:00.000Z")
    expect(Either.getOrThrow(encoderFor(Dated)({ at }))).toStrictEqual({ at: "2022-11-24T02:00:00.000Z" })
  })
})

/** A sum kept exact as the text of its digits, as the domain's totals are: a decimal column. */
const Total = Schema.BigInt.pipe(Schema.nonNegativeBigInt(), Schema.brand("Total"))

/** Schemas whose encoding transforms values, each with a node the compiled encoder takes. */
const transformingSchemas: ReadonlyArray<readonly [string, Schema.Schema.AnyNoContext]> = [
  [
    "a row with decimal columns",
    Schema.Struct({
      key: Id,
      total: Total,
      best: Schema.NullOr(Total),
      stage: Schema.NullOr(Schema.Literal("open", "closed")),
      count: Schema.NonNegativeInt
    })
  ],
  ["a nullable total", Schema.NullOr(Total)],
  ["a total or a count", Schema.Union(Schema.NonNegativeInt, Total)],
  ["a list of totals", Schema.Array(Total)],
  ["an event with every node", Happened],
  ["a composition", Schema.compose(Schema.NumberFromString, Schema.Int)],
  [
    "dates as text",
    Schema.Struct({
      at: Schema.Date,
      raw: Schema.DateFromString,
      annotated: Schema.DateFromString.annotations({ description: "an instant" }),
      dates: Schema.Array(Schema.Date)
    })
  ]
]

/** What an encoder meets: valid values, values with one field damaged, and anything at all. */
const typeSideInputs = (schema: Schema.Schema.AnyNoContext): fc.Arbitrary<unknown> => {
  const valid = Arbitrary.make(schema)
  const damaged = fc
    .tuple(valid, fc.anything())
    .map(([value, junk]) =>
      typeof value === "object" && value !== null && !Array.isArray(value) && !(value instanceof Date)
        ? { ...value, [Object.keys(value)[0] ?? "stray"]: junk }
        : junk
    )
  return fc.oneof(valid, damaged, fc.anything())
}

describe("compiled encoders", () => {
  for (const [name, schema] of transformingSchemas) {
    describe(name, () => {
      const encode = encoderFor(schema)
      const encodeFully = Schema.encodeUnknownEither(schema)

      it("compiles", () => {
        expect(compileEncoder(schema.ast)).toBeDefined()
      })

      it("invariant: on any value, valid or damaged, it answers what Effect's encoder answers, errors included", () => {
        encodesAsEffect(encode, encodeFully, typeSideInputs(schema), 500)
      })
    })
  }

  it("writes a date as Effect's DateFromString does: toISOString's text, an invalid date's, a subclass's own", () => {
    const compiled = compileEncoder(Schema.DateFromString.ast)
    const encodeFully = Schema.encodeUnknownEither(Schema.DateFromString)
    class Shifted extends Date {
      override toISOString(): string {
        return "shifted"
      }
    }
    const dates = [
      new Date(0),
      new Date(Date.UTC(2022, 10, 24, 2)),
      new Date(Number.NaN),
      new Date(-8.64e15),
      new Shifted(0)
    ]
    for (const date of dates) expect(compiled?.(date)).toBe(Either.getOrThrow(encodeFully(date)))
    expect(compiled?.(new Shifted(0))).toBe("shifted")
    expect(compiled?.("2022-11-24")).toBe(undecided)
  })

  it("answers a total's digits and leaves a negative one to Effect", () => {
    const compiled = compileEncoder(Total.ast)
    expect(compiled?.(12_345_678_901_234_567_890n)).toBe("12345678901234567890")
    expect(compiled?.(-1n)).toBe(undecided)
  })
})
