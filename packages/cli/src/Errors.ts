/**
 * The CLI's own errors, and the exit status of every failure (see `ExitCode`).
 *
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"

/** The exit statuses of `kemitraan`, documented in docs/cli.md. */
export const ExitCode = {
  /** Done. */
  ok: 0,
  /** The work failed: the store, a file, or a command the domain refused. */
  failed: 1,
  /** Bad arguments: an unknown option, a store that cannot be used, a name that does not exist. */
  usage: 2,
  /** The replay or report ran, but a published figure was not reproduced. */
  notReconciled: 3,
  /** An input file has lines that are not commands or events; nothing was written. */
  badInput: 4
} as const

/** The arguments cannot be used together, or name something that does not exist. */
export class UsageError extends Schema.TaggedError<UsageError>("@kemitraan/cli/UsageError")("UsageError", {
  reason: Schema.String
}) {
  override get message(): string {
    return `${this.reason} (see --help)`
  }
}

/** A file could not be read or written. */
export class FileError extends Schema.TaggedError<FileError>("@kemitraan/cli/FileError")("FileError", {
  file: Schema.String,
  reason: Schema.String
}) {
  override get message(): string {
    return `${this.file}: ${this.reason}`
  }
}

/** One bad line of an input file. */
export const LineIssue = Schema.Struct({ line: Schema.Int, message: Schema.String })

/** An input file has lines that are neither commands nor events; nothing was written. */
export class BadInput extends Schema.TaggedError<BadInput>("@kemitraan/cli/BadInput")("BadInput", {
  file: Schema.String,
  issues: Schema.Array(LineIssue)
}) {
  override get message(): string {
    const shown = this.issues.slice(0, 10).map((issue) => `\n  line ${issue.line}: ${issue.message}`)
    const more = this.issues.length > 10 ? `\n  and ${this.issues.length - 10} more` : ""
    return `${this.file}: ${this.issues.length} bad line(s), nothing written:${shown.join("")}${more}`
  }
}

/** A command of an import was refused by the domain; the lines before it were written. */
export class CommandRefused extends Schema.TaggedError<CommandRefused>("@kemitraan/cli/CommandRefused")(
  "CommandRefused",
  { file: Schema.String, line: Schema.Int, error: Schema.String, reason: Schema.String, written: Schema.Int }
) {
  override get message(): string {
    return `${this.file}: line ${this.line} refused (${this.error}): ${this.reason}; the ${this.written} line(s) before it were written`
  }
}

/** The replay or report ran, but published figures were not reproduced. */
export class NotReconciled extends Schema.TaggedError<NotReconciled>("@kemitraan/cli/NotReconciled")("NotReconciled", {
  missed: Schema.Array(Schema.String)
}) {
  override get message(): string {
    return `not reconciled: ${this.missed.join("; ")}`
  }
}
