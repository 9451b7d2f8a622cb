/**
 * The typed failures of loading the forum dataset. Each names the file, and the line where there is
 * one, so that a bad record can be found and fixed.
 *
 * @since 0.1.0
 */
import { Schema } from "effect"

/** A data file could not be read (missing, unreadable) or written. */
export class DatasetFileError extends Schema.TaggedError<DatasetFileError>(
  "@kemitraan/example-forum-2022/DatasetFileError"
)("DatasetFileError", {
  file: Schema.String,
  reason: Schema.String
}) {
  override get message(): string {
    return `${this.file}: ${this.reason}`
  }
}

/** A record does not decode with its schema (bad JSON, a missing or wrong field). */
export class DatasetDecodeError extends Schema.TaggedError<DatasetDecodeError>(
  "@kemitraan/example-forum-2022/DatasetDecodeError"
)("DatasetDecodeError", {
  file: Schema.String,
  line: Schema.optionalWith(Schema.Int, { exact: true }),
  reason: Schema.String
}) {
  override get message(): string {
    return `${this.file}${this.line === undefined ? "" : `:${this.line}`}: ${this.reason}`
  }
}

/** A record decodes but does not fit the rest: a dangling id, a duplicate, steps out of order. */
export class DatasetReferenceError extends Schema.TaggedError<DatasetReferenceError>(
  "@kemitraan/example-forum-2022/DatasetReferenceError"
)("DatasetReferenceError", {
  file: Schema.String,
  line: Schema.Int,
  reason: Schema.String
}) {
  override get message(): string {
    return `${this.file}:${this.line}: ${this.reason}`
  }
}

/** Any failure of loading the dataset. */
export type DatasetError = DatasetFileError | DatasetDecodeError | DatasetReferenceError
