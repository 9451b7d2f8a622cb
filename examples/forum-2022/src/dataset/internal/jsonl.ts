/**
 * Reading and writing records as JSON Lines (one object per line) and as one pretty-printed JSON
 * document. Records are encoded through their schema, so the field order on disk is the schema's.
 */
import { Either, ParseResult, Schema } from "effect"
import { DatasetDecodeError } from "../DatasetError.js"

const strict = { onExcessProperty: "error" } as const

/** The lines of a JSONL file, one record each, each ending with a newline. */
export const encodeLines = <A, I>(schema: Schema.Schema<A, I>, records: ReadonlyArray<A>): string => {
  const encode = Schema.encodeSync(schema)
  return records.map((record) => `${JSON.stringify(encode(record))}\n`).join("")
}

/** One JSON document, indented by two spaces, ending with a newline. */
export const encodeJson = <A, I>(schema: Schema.Schema<A, I>, record: A): string =>
  `${JSON.stringify(Schema.encodeSync(schema)(record), null, 2)}\n`

const reasonOf = (error: ParseResult.ParseError): string => ParseResult.TreeFormatter.formatErrorSync(error)

/** Decodes every line of a JSONL file; the first bad line fails with its number (1-based). */
export const decodeLines = <A, I>(
  file: string,
  schema: Schema.Schema<A, I>,
  content: string
): Either.Either<ReadonlyArray<A>, DatasetDecodeError> => {
  const decode = Schema.decodeUnknownEither(Schema.parseJson(schema), strict)
  const lines = content.split("\n")
  if (lines[lines.length - 1] === "") lines.pop()
  const records: Array<A> = []
  for (const [index, line] of lines.entries()) {
    if (line.trim() === "") return Either.left(new DatasetDecodeError({ file, line: index + 1, reason: "empty line" }))
    const decoded = decode(line)
    if (Either.isLeft(decoded)) {
      return Either.left(new DatasetDecodeError({ file, line: index + 1, reason: reasonOf(decoded.left) }))
    }
    records.push(decoded.right)
  }
  return Either.right(records)
}

/** Decodes a JSON document. */
export const decodeJson = <A, I>(
  file: string,
  schema: Schema.Schema<A, I>,
  content: string
): Either.Either<A, DatasetDecodeError> =>
  Schema.decodeUnknownEither(
    Schema.parseJson(schema),
    strict
  )(content).pipe(Either.mapLeft((error) => new DatasetDecodeError({ file, reason: reasonOf(error) })))
