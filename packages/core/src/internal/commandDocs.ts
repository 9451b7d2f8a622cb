/**
 * The command reference as Markdown, rendered from the command schemas: each command's summary (its
 * schema's description), the aggregate that handles it (the command table), and each field with its
 * type, presence and the rules its schema enforces. `scripts/generate-command-docs.ts` writes it to
 * `docs/commands.md`, and with `--check` fails when that file is stale.
 */
import * as Option from "effect/Option"
import * as SchemaAST from "effect/SchemaAST"
import type { Command } from "../Kemitraan.js"
import { type Aggregate, commands, tags } from "./commandTable.js"
import { identifierOf, type Named, structural, typeOf, valueTypes } from "./schemaDocs.js"

const streams: { readonly [A in Aggregate]: string } = {
  Participant: "Participant-<participantId>",
  Forum: "Forum-<forumId>",
  Assessment: "Assessment-<forumId>/<consultationId>"
}

const aggregates: ReadonlyArray<Aggregate> = ["Participant", "Forum", "Assessment"]

const descriptionOf = (ast: SchemaAST.Annotated): string | undefined =>
  Option.getOrUndefined(SchemaAST.getDescriptionAnnotation(ast))

const isNamed = (ast: SchemaAST.AST): boolean => {
  const identifier = identifierOf(ast)
  return identifier !== undefined && !structural.has(identifier)
}

/** The brands a schema carries on its refinements: a `Nib` cannot be passed where a `ForumId` is due. */
const brandsOf = (ast: SchemaAST.AST): ReadonlyArray<string> =>
  SchemaAST.isRefinement(ast)
    ? [...Option.getOrElse(SchemaAST.getBrandAnnotation(ast), () => []).map(String), ...brandsOf(ast.from)]
    : []

/**
 * The rules a field's schema adds to its type: the brand of a named type (whose own rules are in the
 * table of value types), and the descriptions of refinements that no named type explains.
 */
const rulesOf = (ast: SchemaAST.AST): ReadonlyArray<string> => {
  if (isNamed(ast)) return brandsOf(ast).map((brand) => `branded \`${brand}\``)
  switch (ast._tag) {
    case "Refinement": {
      const description = descriptionOf(ast)
      return [...(description === undefined ? [] : [description]), ...rulesOf(ast.from)]
    }
    case "Transformation":
      return rulesOf(ast.to)
    case "Union":
      return ast.types.flatMap(rulesOf)
    case "TupleType":
      return [...ast.elements.map((element) => element.type), ...ast.rest.map((rest) => rest.type)].flatMap(rulesOf)
    default:
      return []
  }
}

const renderField = (signature: SchemaAST.PropertySignature, named: Named): string => {
  const rules = [
    ...new Set([
      ...(descriptionOf(signature) === undefined ? [] : [descriptionOf(signature)]),
      ...rulesOf(signature.type)
    ])
  ]
  return `| \`${String(signature.name)}\` | ${typeOf(signature.type, named)} | ${signature.isOptional ? "optional" : "required"} | ${rules.join("; ")} |`
}

const renderCommand = (tag: Command["_tag"], named: Named): ReadonlyArray<string> => {
  const { aggregate, ast } = commands[tag]
  const fields = SchemaAST.getPropertySignatures(ast).filter((signature) => signature.name !== "_tag")
  return [
    `### ${tag}`,
    "",
    descriptionOf(ast) ?? "",
    "",
    `Handled by: the \`${aggregate}\` aggregate (stream \`${streams[aggregate]}\`).`,
    "",
    "| field | type | presence | rules |",
    "| --- | --- | --- | --- |",
    `| \`_tag\` | "${tag}" | required | |`,
    ...fields.map((signature) => renderField(signature, named)),
    ""
  ]
}

/** The command reference as Markdown (before formatting). */
export const render = (): string => {
  const named: Named = new Map()
  const body = aggregates.flatMap((aggregate) => [
    `## ${aggregate} commands`,
    "",
    ...tags.filter((tag) => commands[tag].aggregate === aggregate).flatMap((tag) => renderCommand(tag, named))
  ])
  return [
    "# Command reference",
    "",
    "<!-- Generated from the command schemas by packages/core/scripts/generate-command-docs.ts; do not edit by hand. -->",
    "",
    "Every command of `@kemitraan/core`, by the aggregate that handles it, with its fields. A command is a",
    "JSON object whose `_tag` names it; `Kemitraan.handleUnknown(json)` decodes it against that command's",
    "schema and runs it. Dates are `YYYY-MM-DD` strings, instants ISO-8601 strings, money integer rupiah;",
    "a field a command does not have is refused.",
    "",
    "When the input is not a valid command, nothing is read or written and the error is data a form can",
    "show: `CommandDecodeError` has `issues`, each a `path` into the input (property names and array",
    "indexes) with one short `message`; `UnknownCommand` has the `tag` it was given and the `closest`",
    "command. The events each command records are in [the event catalogue](events.md); the rules it must",
    "keep, and their errors, in [the domain](domain.md#rules-and-their-errors).",
    "",
    ...body,
    ...valueTypes(named)
  ].join("\n")
}

/** The command tags the reference documents, in order. */
export const documentedTags = (): ReadonlyArray<string> =>
  aggregates.flatMap((aggregate) => tags.filter((tag) => commands[tag].aggregate === aggregate))
