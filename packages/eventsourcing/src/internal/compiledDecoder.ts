/**
 * A decoder compiled from a schema's AST for the path most stored events take: every field present
 * and valid. It walks the same AST as Effect's parser, calls the same filters, transformations and
 * declarations, and builds the same output, without the bookkeeping a parser needs to explain a
 * failure (an `Either` per node, issue trees, the paths of errors). When anything does not go its
 * way it answers {@link undecided} and Effect's decoder decides, so errors are Effect's own.
 *
 * It compiles the nodes events are made of: keywords, literals, unions of literals and keywords
 * (optional and nullable fields), structs without index signatures, arrays, refinements,
 * transformations and declarations. For any other node, or a node with parse options of its own,
 * {@link compile} answers `undefined` and the schema is decoded by Effect alone.
 */
import * as Either from "effect/Either"
import * as Option from "effect/Option"
import * as Schema from "effect/Schema"
import * as SchemaAST from "effect/SchemaAST"
import type { ParseResult } from "effect"
import { dateText } from "./isoText.js"

/** What a compiled decoder answers when it does not vouch for its input: the full decoder decides. */
export const undecided: unique symbol = Symbol.for("@kemitraan/eventsourcing/undecided")

/** A compiled decoder: the decoded value, or {@link undecided}. */
export type CompiledDecoder = (input: unknown) => unknown

/** The parse options Effect's decoder uses when it is given none. */
const parseOptions: SchemaAST.ParseOptions = {}

const isRecord = (u: unknown): u is Readonly<Record<string, unknown>> =>
  typeof u === "object" && u !== null && !Array.isArray(u)

const guard =
  (accepts: (u: unknown) => boolean): CompiledDecoder =>
  (input) =>
    accepts(input) ? input : undecided

/** The value an `Effect` result of a transformation or declaration carries, when it is a success known now. */
const succeeded = (result: unknown): unknown =>
  Either.isEither(result) && Either.isRight(result) ? result.right : undecided

/** One property of a struct: its name, whether it may be absent, its compiled decoder. */
interface Property {
  readonly name: string
  readonly isOptional: boolean
  readonly decode: CompiledDecoder
}

/** How a struct or an array compiles its members: {@link compile} to decode, {@link compileEncoder} to encode. */
type Compiler = (ast: SchemaAST.AST) => CompiledDecoder | undefined

const struct = (ast: SchemaAST.TypeLiteral, member: Compiler = compile): CompiledDecoder | undefined => {
  if (ast.indexSignatures.length > 0) return undefined
  const properties: Array<Property> = []
  for (const signature of ast.propertySignatures) {
    const decode = member(signature.type)
    if (typeof signature.name !== "string" || decode === undefined) return undefined
    properties.push({ name: signature.name, isOptional: signature.isOptional, decode })
  }
  return (input) => {
    if (!isRecord(input)) return undecided
    // As Effect's parser does by default, both ways: the declared properties in declaration order,
    // an absent optional one left out, excess properties dropped.
    const output: Record<string, unknown> = {}
    for (const property of properties) {
      if (property.isOptional && !Object.hasOwn(input, property.name)) continue
      const value = property.decode(input[property.name])
      if (value === undecided) return undecided
      output[property.name] = value
    }
    return output
  }
}

const array = (ast: SchemaAST.TupleType, member: Compiler = compile): CompiledDecoder | undefined => {
  const [rest, ...more] = ast.rest
  if (ast.elements.length > 0 || rest === undefined || more.length > 0) return undefined
  const item = member(rest.type)
  if (item === undefined) return undefined
  return (input) => {
    if (!Array.isArray(input)) return undecided
    const output: Array<unknown> = []
    for (const element of input) {
      const value = item(element)
      if (value === undecided) return undecided
      output.push(value)
    }
    return output
  }
}

/** Whether a node's decoded value is its input itself: a keyword, a literal, or a refinement of one. */
const isIdentity = (ast: SchemaAST.AST): boolean => {
  switch (ast._tag) {
    case "StringKeyword":
    case "NumberKeyword":
    case "BooleanKeyword":
    case "BigIntKeyword":
    case "UndefinedKeyword":
    case "Literal":
      return true
    case "Refinement":
      return isIdentity(ast.from)
    case "Union":
      return ast.types.every(isIdentity)
    default:
      return false
  }
}

/**
 * A union of members whose decoded value is their input (literals, `X | undefined` of an optional
 * field, `X | null`, and unions of those, such as a nullable union of literals): every member that accepts the input answers the input itself, so which member
 * Effect's decoder tries first makes no difference to the value.
 */
const union = (ast: SchemaAST.Union): CompiledDecoder | undefined => {
  const members: Array<CompiledDecoder> = []
  for (const member of ast.types) {
    const decode = isIdentity(member) ? compile(member) : undefined
    if (decode === undefined) return undefined
    members.push(decode)
  }
  return guard((u) => members.some((member) => member(u) !== undecided))
}

const refinement = (ast: SchemaAST.Refinement): CompiledDecoder | undefined => {
  const from = compile(ast.from)
  if (from === undefined) return undefined
  return (input) => {
    const value = from(input)
    if (value === undecided) return undecided
    return Option.isNone(ast.filter(value, parseOptions, ast)) ? value : undecided
  }
}

/**
 * A transformation one way: `first` (the side it starts from), the transformation's own function
 * that way, then `second`. Decoding starts from `from`; encoding from `to`, with `encode`.
 */
/** Effect's `DateFromString` (under `Schema.Date`): it encodes a `Date` with `toISOString`. */
const dateFromStringAst = Schema.DateFromString.ast
const dateFromString = SchemaAST.isTransformation(dateFromStringAst) ? dateFromStringAst.transformation : undefined

/**
 * `DateFromString`'s encoding: the text it writes for a `Date` (`toISOString`, or "Invalid Date" for
 * an invalid one) through {@link dateText}, at a fraction of the cost; anything else (a subclass of
 * `Date` among them) goes to its own.
 */
const encodeDate =
  (fallback: SchemaAST.FinalTransformation["encode"], ast: SchemaAST.Transformation) =>
  (value: unknown, input: unknown): unknown =>
    value instanceof Date && Object.getPrototypeOf(value) === Date.prototype
      ? dateText(value)
      : succeeded(fallback(value, parseOptions, ast, input))

const transformation = (ast: SchemaAST.Transformation, decoding: boolean): CompiledDecoder | undefined => {
  const member = decoding ? compile : compileEncoder
  const first = member(decoding ? ast.from : ast.to)
  const second = member(decoding ? ast.to : ast.from)
  const kind = ast.transformation
  if (first === undefined || second === undefined || kind._tag === "TypeLiteralTransformation") return undefined
  if (kind._tag === "ComposeTransformation") {
    return (input) => {
      const value = first(input)
      return value === undecided ? undecided : second(value)
    }
  }
  const transform = decoding ? kind.decode : kind.encode
  const apply =
    !decoding && kind === dateFromString
      ? encodeDate(transform, ast)
      : (value: unknown, input: unknown) => succeeded(transform(value, parseOptions, ast, input))
  return (input) => {
    const value = first(input)
    if (value === undecided) return undecided
    const transformed = apply(value, input)
    return transformed === undecided ? undecided : second(transformed)
  }
}

const declaration = (ast: SchemaAST.Declaration): CompiledDecoder => {
  const parse = ast.decodeUnknown(...ast.typeParameters)
  return (input) => succeeded(parse(input, parseOptions, ast))
}

const node = (ast: SchemaAST.AST): CompiledDecoder | undefined => {
  switch (ast._tag) {
    case "StringKeyword":
      return (input) => (typeof input === "string" ? input : undecided)
    case "NumberKeyword":
      return (input) => (typeof input === "number" ? input : undecided)
    case "BooleanKeyword":
      return (input) => (typeof input === "boolean" ? input : undecided)
    case "BigIntKeyword":
      return (input) => (typeof input === "bigint" ? input : undecided)
    case "UndefinedKeyword":
      return (input) => (input === undefined ? input : undecided)
    case "UnknownKeyword":
    case "AnyKeyword":
      return (input) => input
    case "Literal": {
      const literal = ast.literal
      return (input) => (input === literal ? input : undecided)
    }
    case "Union":
      return union(ast)
    case "TypeLiteral":
      return struct(ast)
    case "TupleType":
      return array(ast)
    case "Refinement":
      return refinement(ast)
    case "Transformation":
      return transformation(ast, true)
    case "Declaration":
      return declaration(ast)
    default:
      return undefined
  }
}

/**
 * Compiles the decoding side of a schema's AST; `undefined` when the AST has a node this module
 * does not compile. A node with parse options of its own (`parseOptions` annotation) is left to
 * Effect, since they change what decoding means (excess properties, for one).
 */
export const compile = (ast: SchemaAST.AST): CompiledDecoder | undefined =>
  ast.annotations[SchemaAST.ParseOptionsAnnotationId] === undefined ? node(ast) : undefined

/**
 * The decoder of a schema: its compiled decoder on the way that succeeds, Effect's for everything
 * else (and for a schema with nodes that do not compile). Both answer the same value for the same
 * input: the compiled one walks the schema's own AST and calls its own filters and transformations,
 * and the differential tests of this module hold it to Effect's output.
 */
export const decoderFor = <A, I>(
  schema: Schema.Schema<A, I, never>
): ((input: unknown) => Either.Either<A, ParseResult.ParseError>) => {
  const decodeFully = Schema.decodeUnknownEither(schema)
  const compiled = compile(schema.ast)
  if (compiled === undefined) return decodeFully
  return (input) => {
    const value = compiled(input)
    // The one place the kernel asserts a type: `value` is what `decodeFully` would have answered.
    return value === undecided ? decodeFully(input) : Either.right(value as A)
  }
}

/**
 * Compiles the encoding side of a schema's AST, as Effect's parser encodes (`ParseResult`, with
 * `isDecoding` false); `undefined` when the AST has a node this module does not compile.
 *
 * - A refinement decodes its type side (its filters included), then encodes what is under its
 *   refinements.
 * - A transformation encodes its `to` side, runs the transformation's `encode`, then encodes its
 *   `from` side.
 * - A union compiles only when the type side of every member is a keyword, a literal or a
 *   refinement of one: their checks decide for certain whether a member takes a value, no member
 *   is found through a literal field, and Effect tries the members in their order. The first
 *   member whose type side takes the value encodes it; when it does not vouch for it, neither does
 *   the union, and Effect decides (it would try the later members).
 * - Structs, arrays, keywords, literals and declarations as for decoding.
 *
 * A read model's row with a decimal column (a bigint kept as its digits) encodes through here.
 */
export const compileEncoder = (ast: SchemaAST.AST): CompiledDecoder | undefined => {
  if (ast.annotations[SchemaAST.ParseOptionsAnnotationId] !== undefined) return undefined
  switch (ast._tag) {
    case "Refinement": {
      const typeSide = compile(SchemaAST.typeAST(ast))
      let under: SchemaAST.AST = ast.from
      while (SchemaAST.isRefinement(under)) under = under.from
      const encode = compileEncoder(under)
      if (typeSide === undefined || encode === undefined) return undefined
      return (input) => {
        const value = typeSide(input)
        return value === undecided ? undecided : encode(value)
      }
    }
    case "Transformation":
      return transformation(ast, false)
    case "Union": {
      const members: Array<{ readonly takes: CompiledDecoder; readonly encode: CompiledDecoder }> = []
      for (const member of ast.types) {
        const typeSide = SchemaAST.typeAST(member)
        const takes = isIdentity(typeSide) ? compile(typeSide) : undefined
        const encode = compileEncoder(member)
        if (takes === undefined || encode === undefined) return undefined
        members.push({ takes, encode })
      }
      return (input) => {
        for (const member of members) if (member.takes(input) !== undecided) return member.encode(input)
        return undecided
      }
    }
    case "TypeLiteral":
      return struct(ast, compileEncoder)
    case "TupleType":
      return array(ast, compileEncoder)
    case "Declaration": {
      const parse = ast.encodeUnknown(...ast.typeParameters)
      return (input) => succeeded(parse(input, parseOptions, ast))
    }
    default:
      return node(ast)
  }
}

/**
 * The encoder of a schema: its compiled encoder on the way that succeeds, Effect's encoder for every
 * value the compiled one does not vouch for (and for a schema with nodes that do not compile), so
 * that errors are Effect's own. The differential tests hold it to Effect's output.
 */
export const encoderFor = <A, I>(
  schema: Schema.Schema<A, I, never>
): ((input: unknown) => Either.Either<I, ParseResult.ParseError>) => {
  const encodeFully = Schema.encodeUnknownEither(schema)
  const compiled = compileEncoder(schema.ast)
  if (compiled === undefined) return encodeFully
  return (input) => {
    const value = compiled(input)
    // `value` is what `encodeFully` would have answered.
    return value === undecided ? encodeFully(input) : Either.right(value as I)
  }
}
