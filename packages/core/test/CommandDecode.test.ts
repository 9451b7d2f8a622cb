import { describe, expect, it } from "@effect/vitest"
import { Kemitraan } from "@kemitraan/core"
import { KemitraanArbitrary } from "@kemitraan/core/testing"
import { Either, Schema, SchemaAST } from "effect"
import * as fc from "fast-check"
import { commands, isCommandTag, tags } from "../src/internal/commandTable.js"
import * as F from "./fixtures.js"

type Json = null | boolean | number | string | ReadonlyArray<Json> | { readonly [key: string]: Json }
type Path = ReadonlyArray<string | number>

const json = (value: unknown): Json => JSON.parse(JSON.stringify(value))
/** A command as a JSON object, to spread bad fields into. */
const fields = (command: Kemitraan.Command): { readonly [key: string]: Json } => JSON.parse(JSON.stringify(command))

/** The decode error, or a test failure naming what came instead. */
const decodeError = (input: unknown): Kemitraan.CommandDecodeError => {
  const result = Kemitraan.decodeCommand(input)
  if (Either.isRight(result) || result.left._tag !== "CommandDecodeError") {
    throw new Error(`expected a CommandDecodeError, got ${JSON.stringify(result)}`)
  }
  return result.left
}

describe("Kemitraan.decodeCommand: errors a form can show", () => {
  it("a single missing field: one issue at its path, a message under 500 characters", () => {
    const { legalName: _, ...input } = F.enrolSme()
    const error = decodeError(json(input))
    expect(error.command).toBe("EnrolSme")
    expect(error.issues).toEqual([{ path: ["legalName"], message: "is missing" }])
    expect(error.message.length).toBeLessThan(500)
    expect(error.message).toContain("legalName")
  })

  it("several failing fields: each listed once, with one message", () => {
    const input = { ...fields(F.enrolSme()), nib: "123", kind: "Koperasi", foundedYear: 2015.5, extra: true }
    const error = decodeError(input)
    const paths = error.issues.map((issue) => issue.path)
    expect(paths).toEqual(expect.arrayContaining([["nib"], ["kind"], ["foundedYear"], ["extra"]]))
    expect(paths).toHaveLength(4)
    // `kind` is a union of literals: Effect reports each member; the form gets one line.
    expect(error.issues.find((issue) => issue.path[0] === "kind")?.message).toBe(
      'Expected "UKM" | "IKM", actual "Koperasi"'
    )
  })

  it("a wrong type deep in a nested field: the path has the array index", () => {
    const input = {
      ...fields(F.joinCounterpart()),
      needs: [{ category: "spare parts" }, { category: "castings", description: 42 }]
    }
    expect(decodeError(input).issues).toEqual([
      { path: ["needs", 1, "description"], message: "Expected string, actual 42" }
    ])
  })

  it.each([
    ["RegisterSMe", "RegisterSme"],
    ["ScheduleForm", "ScheduleForum"],
    ["awardcontract", "AwardContract"],
    ["CloseWithoutDeals", "CloseWithoutDeal"]
  ])("a typo'd tag %s: UnknownCommand names %s", (tag, closest) => {
    const result = Kemitraan.decodeCommand({ ...fields(F.registerSme()), _tag: tag })
    expect(result).toEqual(Either.left(new Kemitraan.UnknownCommand({ tag, closest })))
    expect(Either.isLeft(result) && result.left.message).toBe(`unknown command "${tag}"; did you mean "${closest}"?`)
  })

  it("a tag that is a key of every object (constructor, __proto__) is an unknown command, not a crash", () => {
    for (const tag of ["constructor", "__proto__", "toString", "hasOwnProperty"]) {
      const result = Kemitraan.decodeCommand(JSON.parse(`{"_tag": ${JSON.stringify(tag)}}`))
      expect(Either.isLeft(result) && result.left._tag).toBe("UnknownCommand")
    }
  })

  it.each([
    ["null", null, [], /actual null/],
    ["a number", 42, [], /actual a number/],
    ["a string", "EnrolSme", [], /actual a string/],
    ["an array", [{ _tag: "OpenForum" }], [], /actual an array/],
    ["an object without _tag", { forumId: "f" }, ["_tag"], /is missing/],
    ["a numeric _tag", { _tag: 7 }, ["_tag"], /expected a string, actual a number/],
    ["a null _tag", { _tag: null }, ["_tag"], /expected a string, actual null/]
  ])("not a command's shape (%s): one short issue", (_, input, path, why) => {
    const error = decodeError(input)
    expect(error.command).toBeUndefined()
    expect(error.issues).toHaveLength(1)
    expect(error.issues[0]?.path).toEqual(path)
    expect(error.issues[0]?.message).toMatch(why)
    expect(error.message.length).toBeLessThan(200)
  })

  it("a runaway value is not echoed in full", () => {
    const error = decodeError({ ...fields(F.enrolSme()), foundedYear: "x".repeat(100_000) })
    expect(error.issues.map((issue) => issue.path)).toEqual([["foundedYear"]])
    expect(error.message.length).toBeLessThan(500)
  })

  it("the error encodes as data: issues and command survive encode, JSON and decode", () => {
    const error = decodeError({ ...fields(F.joinCounterpart()), needs: [{}] })
    const encoded = json(Schema.encodeSync(Kemitraan.CommandDecodeError)(error))
    expect(encoded).toEqual({
      _tag: "CommandDecodeError",
      command: "JoinCounterpart",
      issues: [{ path: ["needs", 0, "category"], message: "is missing" }]
    })
    expect(Schema.decodeUnknownSync(Kemitraan.CommandDecodeError)(encoded)).toEqual(error)
  })

  it("handleUnknown does not look at its input before the Effect runs", () => {
    const hostile = Object.defineProperty({}, "_tag", {
      enumerable: true,
      get: () => {
        throw new Error("read too early")
      }
    })
    expect(() => Kemitraan.handleUnknown(hostile)).not.toThrow()
  })

  it("the table of commands has exactly the members of the Command union", () => {
    const members = (ast: SchemaAST.AST): ReadonlyArray<SchemaAST.AST> =>
      SchemaAST.isUnion(ast) ? ast.types.flatMap(members) : [ast]
    expect(members(Kemitraan.Command.ast)).toEqual(tags.map((tag) => commands[tag].ast))
  })
})

/** Whether the input has a value at `path`: own properties and array indexes. */
const inputHas = (value: Json, path: Path): boolean => {
  const [key, ...rest] = path
  if (key === undefined) return true
  if (Array.isArray(value)) return typeof key === "number" && key < value.length && inputHas(value[key], rest)
  if (typeof value !== "object" || value === null || !Object.hasOwn(value, key)) return false
  return inputHas((value as { readonly [key: string]: Json })[key] ?? null, rest)
}

/** Whether a schema has a field at `path`: property names of structs, indexes of arrays. */
const schemaHas = (ast: SchemaAST.AST, path: Path): boolean => {
  const [key, ...rest] = path
  if (key === undefined) return true
  switch (ast._tag) {
    case "Refinement":
      return schemaHas(ast.from, path)
    case "Transformation":
      return schemaHas(ast.from, path) || schemaHas(ast.to, path)
    case "Union":
      return ast.types.some((member) => schemaHas(member, path))
    case "Suspend":
      return schemaHas(ast.f(), path)
    case "TypeLiteral":
      return ast.propertySignatures.some((signature) => signature.name === key && schemaHas(signature.type, rest))
    case "TupleType": {
      const element = typeof key === "number" ? (ast.elements[key]?.type ?? ast.rest[0]?.type) : undefined
      return element !== undefined && schemaHas(element, rest)
    }
    default:
      return false
  }
}

/** Every path to a value inside a JSON value, the root included. */
const pathsOf = (value: Json, prefix: Path = []): ReadonlyArray<Path> => [
  prefix,
  ...(Array.isArray(value)
    ? value.flatMap((item: Json, index) => pathsOf(item, [...prefix, index]))
    : typeof value === "object" && value !== null
      ? Object.entries(value).flatMap(([key, item]) => pathsOf(item, [...prefix, key]))
      : [])
]

/** The value with the one at `path` replaced. */
const replaceAt = (value: Json, path: Path, replacement: Json): Json => {
  const [key, ...rest] = path
  if (key === undefined) return replacement
  if (Array.isArray(value))
    return value.map((item: Json, index) => (index === key ? replaceAt(item, rest, replacement) : item))
  if (typeof value !== "object" || value === null) return value
  return { ...value, [key]: replaceAt((value as { readonly [key: string]: Json })[key] ?? null, rest, replacement) }
}

const encodedCommand: fc.Arbitrary<Json> = KemitraanArbitrary.command.map((command) =>
  json(Schema.encodeSync(Kemitraan.Command)(command))
)

/** Valid commands, commands broken at one path (deep ones included), near-commands, and any JSON. */
const input: fc.Arbitrary<Json> = fc.oneof(
  encodedCommand,
  encodedCommand.chain((command) =>
    fc
      .tuple(fc.constantFrom(...pathsOf(command).slice(1)), fc.jsonValue())
      .map(([path, value]) => replaceAt(command, path, json(value)))
  ),
  fc
    .record({ _tag: fc.constantFrom(...tags) })
    .chain((base) =>
      fc
        .dictionary(fc.string({ maxLength: 12 }), fc.jsonValue({ maxDepth: 3 }))
        .map((rest) => json({ ...rest, ...base }))
    ),
  fc.tuple(encodedCommand, fc.string({ maxLength: 30 })).map(([command, tag]) => replaceAt(command, ["_tag"], tag)),
  fc.jsonValue().map(json)
)

describe("Kemitraan.decodeCommand on any JSON", () => {
  it("never throws, and decodes or fails with issues, one per path, each in the input or the command's schema", () => {
    const outcomes = { decoded: 0, issues: 0, unknown: 0 }
    fc.assert(
      fc.property(input, (value) => {
        const result = Kemitraan.decodeCommand(value)
        if (Either.isRight(result)) {
          outcomes.decoded++
          return
        }
        const error = result.left
        if (error._tag === "UnknownCommand") {
          outcomes.unknown++
          expect(tags).toContain(error.closest)
          return
        }
        outcomes.issues++
        // Issues of a known command are about its schema; before a command is known (no `_tag`), any command's.
        const schemas = error.command !== undefined && isCommandTag(error.command) ? [error.command] : tags
        for (const issue of error.issues) {
          expect(issue.message.length).toBeGreaterThan(0)
          expect(issue.message.length).toBeLessThanOrEqual(200)
          const exists = inputHas(value, issue.path) || schemas.some((tag) => schemaHas(commands[tag].ast, issue.path))
          expect(exists, `${JSON.stringify(issue.path)} in ${JSON.stringify(value)}`).toBe(true)
        }
        expect(new Set(error.issues.map((issue) => JSON.stringify(issue.path))).size).toBe(error.issues.length)
      }),
      { numRuns: 500 }
    )
    // The generator reaches every outcome, so the invariant was checked on each kind of answer.
    expect(outcomes.decoded).toBeGreaterThan(0)
    expect(outcomes.issues).toBeGreaterThan(0)
    expect(outcomes.unknown).toBeGreaterThan(0)
  })
})
