/**
 * The tables of a read model, declared with Schema: a name, a row schema, the key and the indexes.
 * A table knows nothing of SQL; a store turns its columns into DDL (`@kemitraan/sql`) or keeps its
 * rows in memory (`ReadModelStore.layerMemory`).
 *
 * ```ts
 * const smesPerProvince = Table.make({
 *   name: "smes_per_province",
 *   row: Schema.Struct({ province: Schema.String, smes: Schema.NonNegativeInt }),
 *   key: ["province"]
 * })
 * ```
 *
 * Each field is one column, named in snake case (`forumId` → `forum_id`) unless renamed. A column's
 * kind follows the field's encoded form: text, integer (a number with an integer filter), real,
 * boolean, decimal (a bigint encoded as its decimal digits, `Schema.BigInt`: exact at any size), or
 * JSON for anything else; a field that may be null gives a nullable column.
 *
 * @since 0.2.0
 */
import * as Schema from "effect/Schema"
import * as SchemaAST from "effect/SchemaAST"
import type { Either, ParseResult } from "effect"
import { decoderFor, encoderFor } from "./internal/compiledDecoder.js"

/** How a column's values are kept. */
export type ColumnKind = "text" | "integer" | "real" | "boolean" | "decimal" | "json"

/** One column of a table: the row field it holds and how. */
export interface Column {
  readonly field: string
  readonly name: string
  readonly kind: ColumnKind
  readonly nullable: boolean
}

/** A row as stores handle it, before it is decoded with its table's schema. */
export type AnyRow = Readonly<Record<string, unknown>>

/**
 * What every table has, whatever its row type: stores hold lists of tables of different rows as
 * this.
 */
export interface AnyTable {
  readonly name: string
  readonly columns: ReadonlyArray<Column>
  /** The fields of the primary key, in order. */
  readonly key: ReadonlyArray<string>
  /** Secondary indexes, each a list of fields. */
  readonly indexes: ReadonlyArray<ReadonlyArray<string>>
  /** Decodes a row whose fields hold encoded values (as a store read them). */
  readonly decodeRow: (encoded: unknown) => Either.Either<AnyRow, ParseResult.ParseError>
  /** Encodes a row to JSON-ready field values (as a store writes them). */
  readonly encodeRow: (row: AnyRow) => Either.Either<AnyRow, ParseResult.ParseError>
}

/** A table whose rows are `Row`, keyed by the fields `Key`. */
export interface Table<Row, Key extends keyof Row = keyof Row> extends AnyTable {
  readonly key: ReadonlyArray<Key & string>
  /** Type-level only: the row type. */
  readonly Row?: (row: Row) => Row
}

/** The key of a row of a table: the key fields and their values. */
export type KeyOf<Row, Key extends keyof Row> = Pick<Row, Key>

/** What a table is made from. */
export interface TableOptions<Row, Encoded, Key extends keyof Row & string> {
  /** A name a store may use as it is: lower case letters, digits and underscores. */
  readonly name: string
  /** A struct schema: each field is a column. */
  readonly row: Schema.Schema<Row, Encoded> & { readonly fields: Schema.Struct.Fields }
  /** The fields of the primary key, in order. */
  readonly key: ReadonlyArray<Key>
  /** Secondary indexes, each a list of fields: what a read model looks rows up by besides the key. */
  readonly indexes?: ReadonlyArray<ReadonlyArray<keyof Row & string>> | undefined
  /** Column names other than the snake case of the field (for a field named like an SQL keyword). */
  readonly columns?: Partial<Record<keyof Row & string, string>> | undefined
}

const namePattern = /^[a-z][a-z0-9_]*$/

/** `forumId` → `forum_id`. */
export const snakeCase = (field: string): string => field.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`)

const isNull = (ast: SchemaAST.AST): boolean => SchemaAST.isLiteral(ast) && ast.literal === null

const isInteger = (ast: SchemaAST.Refinement): boolean => {
  const id = SchemaAST.getSchemaIdAnnotation(ast)
  return id._tag === "Some" && id.value === Schema.IntSchemaId
}

/** Whether a schema's decoded values are bigints (through refinements and brands). */
const isBigInt = (ast: SchemaAST.AST): boolean =>
  ast._tag === "BigIntKeyword" || (SchemaAST.isRefinement(ast) && isBigInt(ast.from))

/**
 * The kind of the values a schema encodes to. Transformations are followed to their encoded side;
 * refinements are kept on the way, since an integer filter is what makes a number an integer
 * (`SchemaAST.encodedAST` would drop it).
 */
const kindOf = (ast: SchemaAST.AST): ColumnKind => {
  switch (ast._tag) {
    case "Transformation":
      // A bigint kept as the text of its digits is a decimal: stores keep it exact.
      return isBigInt(ast.to) && kindOf(ast.from) === "text" ? "decimal" : kindOf(ast.from)
    case "Refinement":
      return isInteger(ast) ? "integer" : kindOf(ast.from)
    case "StringKeyword":
    case "TemplateLiteral":
      return "text"
    case "NumberKeyword":
      return "real"
    case "BooleanKeyword":
      return "boolean"
    case "Literal":
      return typeof ast.literal === "string" ? "text" : typeof ast.literal === "boolean" ? "boolean" : "json"
    case "Enums":
      return ast.enums.every(([, value]) => typeof value === "string") ? "text" : "json"
    case "Union": {
      const kinds = new Set(ast.types.map(kindOf))
      const [only] = kinds
      return kinds.size === 1 && only !== undefined ? only : "json"
    }
    default:
      return "json"
  }
}

/** The members of a field's encoded union, if it is one (through transformations). */
const encodedMembers = (ast: SchemaAST.AST): ReadonlyArray<SchemaAST.AST> =>
  SchemaAST.isTransformation(ast) ? encodedMembers(ast.from) : SchemaAST.isUnion(ast) ? ast.types : [ast]

/** The column of a field, from the field's encoded form. */
const columnOf = (field: string, name: string, schema: { readonly ast: SchemaAST.AST }): Column => {
  const members = encodedMembers(schema.ast)
  const nonNull = members.filter((member) => !isNull(member))
  const nullable = nonNull.length < members.length
  const kind = nonNull.length === 1 ? kindOf(nonNull[0]!) : kindOf(SchemaAST.Union.make(nonNull))
  return { field, name, kind, nullable }
}

/** Declares a table. Fails (throws) when the declaration is inconsistent: a programming error. */
export const make = <Row extends AnyRow, Encoded extends AnyRow, const Key extends keyof Row & string>(
  options: TableOptions<Row, Encoded, Key>
): Table<Row, Key> => {
  const fields = Object.keys(options.row.fields)
  const declared = (list: ReadonlyArray<string>, what: string) => {
    for (const field of list) {
      if (!fields.includes(field)) throw new Error(`table "${options.name}": ${what} names no field "${field}"`)
    }
  }
  if (!namePattern.test(options.name)) throw new Error(`table name "${options.name}" is not lower_snake_case`)
  if (options.key.length === 0) throw new Error(`table "${options.name}": the key is empty`)
  declared(options.key, "the key")
  const indexes = options.indexes ?? []
  for (const index of indexes) declared(index, "an index")
  const renamed: Partial<Record<string, string>> = options.columns ?? {}
  const keyFields: ReadonlyArray<string> = options.key
  const columns = fields.map((field) => {
    const schema = options.row.fields[field]
    if (schema === undefined || !Schema.isSchema(schema)) {
      throw new Error(
        `table "${options.name}": field "${field}" is not a plain schema (optional fields are not columns)`
      )
    }
    const column = columnOf(field, renamed[field] ?? snakeCase(field), schema)
    if (!namePattern.test(column.name)) {
      throw new Error(`table "${options.name}": column name "${column.name}" is not lower_snake_case`)
    }
    // In SQL, NULLs never equal each other: a key that may be null would let one key have two rows.
    if (column.nullable && keyFields.includes(field)) {
      throw new Error(`table "${options.name}": key field "${field}" may be null; key fields must not be nullable`)
    }
    return column
  })
  // Stores decode every row they load and encode every row they write: compiled, with Effect's
  // parser for any row the compiled code does not vouch for (see internal/compiledDecoder.ts).
  const decode = decoderFor(options.row)
  const encode = encoderFor(options.row)
  return {
    name: options.name,
    columns,
    key: options.key,
    indexes,
    decodeRow: decode,
    encodeRow: encode
  }
}
