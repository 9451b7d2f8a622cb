/**
 * Schema types as the generated references write them (`docs/events.md`, `docs/commands.md`): a
 * named domain type by its identifier, collected with its description for the table of value types;
 * anything else spelled out (literals, arrays, structs, instants as ISO-8601 strings).
 */
import * as Option from "effect/Option"
import * as SchemaAST from "effect/SchemaAST"

/** Named types met while rendering, with their descriptions, for the table of value types. */
export type Named = Map<string, string>

/** The identifier annotation of a schema, when it has one. */
export const identifierOf = (ast: SchemaAST.AST): string | undefined =>
  Option.getOrUndefined(SchemaAST.getIdentifierAnnotation(ast))

/** Effect's own named types, described the way the catalogue describes the domain's. */
const builtins: ReadonlyMap<string, string> = new Map([
  ["Int", "an integer"],
  ["NonNegativeInt", "an integer, 0 or more"]
])

/** Identifiers that name an encoding rather than a domain type. */
export const structural: ReadonlySet<string> = new Set(["Date", "DateFromSelf", "DateFromString", "Trimmed"])

/** A schema's type as the references write it; named types met on the way are added to `named`. */
export const typeOf = (ast: SchemaAST.AST, named: Named): string => {
  const identifier = identifierOf(ast)
  if (identifier !== undefined && !structural.has(identifier)) {
    const description = Option.getOrUndefined(SchemaAST.getDescriptionAnnotation(ast))
    if (!named.has(identifier)) named.set(identifier, builtins.get(identifier) ?? description ?? "")
    return `\`${identifier}\``
  }
  switch (ast._tag) {
    case "Transformation":
      return identifierOf(ast.to) === "DateFromSelf" || identifierOf(ast.to) === "Date"
        ? "instant (ISO-8601 string)"
        : typeOf(ast.to, named)
    case "Refinement":
      return typeOf(ast.from, named)
    case "Union":
      return ast.types.map((member) => typeOf(member, named)).join(" \\| ")
    case "Literal":
      return JSON.stringify(ast.literal)
    case "StringKeyword":
      return "string"
    case "NumberKeyword":
      return "number"
    case "TupleType": {
      const element = ast.elements[0]?.type ?? ast.rest[0]?.type
      const inner = element === undefined ? "unknown" : typeOf(element, named)
      return ast.elements.length > 0 ? `non-empty array of ${inner}` : `array of ${inner}`
    }
    case "TypeLiteral":
      return `{ ${ast.propertySignatures
        .map(
          (signature) => `${String(signature.name)}${signature.isOptional ? "?" : ""}: ${typeOf(signature.type, named)}`
        )
        .join(", ")} }`
    default:
      return identifier ?? ast._tag
  }
}

/** The closing section: the named types met, sorted, with their descriptions. */
export const valueTypes = (named: Named): ReadonlyArray<string> => [
  "## Value types",
  "",
  "| type | what it is |",
  "| --- | --- |",
  ...[...named.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([name, description]) => `| \`${name}\` | ${description} |`),
  ""
]
