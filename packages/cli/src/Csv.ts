/**
 * Commands from CSV, where a table is the natural source (a list of SMEs to enrol, say): a header
 * row names the fields, each further row is one command. The `_tag` column names the command, or
 * `--command` names it for every row. A cell becomes the type its field has in the command's
 * schema (a number for a number, JSON for a list or an object); an empty cell leaves the field out.
 * The command is then decoded by `Kemitraan.decodeCommand` like any other.
 *
 * @since 0.1.0
 */
import { Kemitraan } from "@kemitraan/core"
import { SchemaAST } from "effect"

/** Parses CSV text (RFC 4180: quoted fields, doubled quotes, CRLF or LF) into rows of cells. */
export const parse = (text: string): Array<Array<string>> => {
  const rows: Array<Array<string>> = []
  let row: Array<string> = []
  let cell = ""
  let quoted = false
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"'
        i++
      } else if (c === '"') quoted = false
      else cell += c
    } else if (c === '"' && cell === "") quoted = true
    else if (c === ",") {
      row.push(cell)
      cell = ""
    } else if (c === "\n" || c === "\r") {
      if (c === "\r" && text[i + 1] === "\n") i++
      row.push(cell)
      rows.push(row)
      row = []
      cell = ""
    } else cell += c
  }
  if (cell !== "" || row.length > 0) {
    row.push(cell)
    rows.push(row)
  }
  return rows.filter((cells) => cells.some((value) => value !== ""))
}

type Kind = "string" | "number" | "boolean" | "json"

const kindOf = (ast: SchemaAST.AST): Kind => {
  switch (ast._tag) {
    case "NumberKeyword":
      return "number"
    case "BooleanKeyword":
      return "boolean"
    case "Literal":
      return typeof ast.literal === "number" ? "number" : typeof ast.literal === "boolean" ? "boolean" : "string"
    case "TupleType":
    case "TypeLiteral":
      return "json"
    case "Refinement":
      return kindOf(ast.from)
    case "Transformation":
      return kindOf(ast.from)
    case "Suspend":
      return kindOf(ast.f())
    case "Union": {
      const defined = ast.types.filter((member) => member._tag !== "UndefinedKeyword")
      return defined[0] === undefined ? "string" : kindOf(defined[0])
    }
    default:
      return "string"
  }
}

const literalTag = (literal: SchemaAST.TypeLiteral): string | undefined => {
  const tag = literal.propertySignatures.find((property) => property.name === "_tag")
  return tag?.type._tag === "Literal" && typeof tag.type.literal === "string" ? tag.type.literal : undefined
}

const membersOf = (ast: SchemaAST.AST): Array<SchemaAST.TypeLiteral> =>
  ast._tag === "Union"
    ? ast.types.flatMap(membersOf)
    : ast._tag === "TypeLiteral"
      ? [ast]
      : ast._tag === "Suspend"
        ? membersOf(ast.f())
        : []

// The encoded side of every command: what JSON (and so a CSV cell) holds.
const kindsByTag = new Map(
  membersOf(SchemaAST.encodedAST(Kemitraan.Command.ast)).flatMap((literal) => {
    const tag = literalTag(literal)
    if (tag === undefined) return []
    const kinds = new Map<string, Kind>()
    for (const property of literal.propertySignatures) {
      if (typeof property.name === "string") kinds.set(property.name, kindOf(property.type))
    }
    return [[tag, kinds] as const]
  })
)

const cellValue = (kind: Kind, cell: string): unknown => {
  switch (kind) {
    case "number": {
      const number = Number(cell)
      // Not a number: kept as text, so that the decoder names the field and what it expected.
      return cell.trim() !== "" && Number.isFinite(number) ? number : cell
    }
    case "boolean":
      return cell === "true" ? true : cell === "false" ? false : cell
    case "json":
      try {
        return JSON.parse(cell)
      } catch {
        return cell
      }
    case "string":
      return cell
  }
}

/** A row of a CSV file as the input of `Kemitraan.decodeCommand`, with its line number. */
export interface Row {
  readonly line: number
  readonly input: Record<string, unknown>
}

/** The rows of a CSV file as command inputs; `tag` names the command where there is no `_tag` column. */
export const commands = (text: string, tag: string | undefined): Array<Row> => {
  const [header, ...rows] = parse(text)
  if (header === undefined) return []
  return rows.map((cells, i) => {
    const rowTag = tag ?? cells[header.indexOf("_tag")] ?? ""
    const kinds = kindsByTag.get(rowTag)
    const input: Record<string, unknown> = tag === undefined ? {} : { _tag: tag }
    header.forEach((field, column) => {
      const cell = cells[column] ?? ""
      if (cell !== "") input[field] = cellValue(field === "_tag" ? "string" : (kinds?.get(field) ?? "string"), cell)
    })
    // The header is line 1.
    return { line: i + 2, input }
  })
}
