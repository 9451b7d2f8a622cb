/**
 * The typed errors of input that is not a command. A form or an API shows them as they are: each
 * failing field is an issue with its path, so a field can be marked, and `message` is one short line
 * per issue, never the whole union of commands.
 *
 * Two errors, by what the caller must fix:
 * - {@link CommandDecodeError}: the input is not a command's shape (not an object, no string
 *   `_tag`), or it names a command whose fields are wrong. Every problem is an issue at a path.
 * - {@link UnknownCommand}: `_tag` is a string that names no command; it names the closest one,
 *   which is what a typo needs, and the fields are not looked at.
 *
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"

/** A path into the input: property names and array indexes. `[]` is the input itself. */
export const IssuePath = Schema.Array(Schema.Union(Schema.String, Schema.Number))
/** A path into the input. */
export type IssuePath = typeof IssuePath.Type

/** One failing field: where it is and, in one short sentence, what is wrong with it. */
export const CommandIssue = Schema.Struct({ path: IssuePath, message: Schema.String })
/** One failing field. */
export type CommandIssue = typeof CommandIssue.Type

/** Writes a path the way a reader of JSON does: `needs[0].category`; the input itself is `(the input)`. */
export const formatPath = (path: IssuePath): string =>
  path.length === 0
    ? "(the input)"
    : path
        .map((key, index) =>
          typeof key === "number"
            ? `[${key}]`
            : /^[A-Za-z_$][\w$]*$/.test(key)
              ? `${index === 0 ? "" : "."}${key}`
              : `[${JSON.stringify(key)}]`
        )
        .join("")

/**
 * The input is not a valid command: each failing path with one message. `command` is the `_tag`
 * when the input named a known command. Nothing was read or written.
 */
export class CommandDecodeError extends Schema.TaggedError<CommandDecodeError>("@kemitraan/core/CommandDecodeError")(
  "CommandDecodeError",
  { command: Schema.optionalWith(Schema.String, { exact: true }), issues: Schema.NonEmptyArray(CommandIssue) }
) {
  override get message(): string {
    const what =
      this.command === undefined ? "the input is not a command" : `the command ${this.command} does not decode`
    return `${what}: ${this.issues.map((issue) => `${formatPath(issue.path)}: ${issue.message}`).join("; ")}`
  }
}

/** `_tag` names no command of the domain; `closest` is the known command nearest to it (edit distance). */
export class UnknownCommand extends Schema.TaggedError<UnknownCommand>("@kemitraan/core/UnknownCommand")(
  "UnknownCommand",
  { tag: Schema.String, closest: Schema.String }
) {
  override get message(): string {
    // The tag is the caller's text, of any length; the message stays one short line.
    const tag = this.tag.length > 60 ? `${this.tag.slice(0, 60)}…` : this.tag
    return `unknown command ${JSON.stringify(tag)}; did you mean ${JSON.stringify(this.closest)}?`
  }
}

/** Why an input is not a command. */
export type InputError = CommandDecodeError | UnknownCommand
