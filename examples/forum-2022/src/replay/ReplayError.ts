/**
 * The typed failures of a replay. Each names the command (its deterministic id, which names the
 * dataset record it comes from), so that a bad record or a broken rule can be found.
 *
 * @since 0.1.0
 */
import { Schema } from "effect"

/** A dataset record does not make a valid command: a field the command schema refuses, or a dangling id. */
export class InvalidCommand extends Schema.TaggedError<InvalidCommand>("@kemitraan/example-forum-2022/InvalidCommand")(
  "InvalidCommand",
  { commandId: Schema.String, reason: Schema.String }
) {
  override get message(): string {
    return `${this.commandId}: not a valid command: ${this.reason}`
  }
}

/** Handling a command failed: a domain rule refused it, or the store failed. Nothing of it was written. */
export class CommandFailed extends Schema.TaggedError<CommandFailed>("@kemitraan/example-forum-2022/CommandFailed")(
  "CommandFailed",
  { commandId: Schema.String, at: Schema.DateFromSelf, error: Schema.String, reason: Schema.String }
) {
  override get message(): string {
    return `${this.commandId} (at ${this.at.toISOString()}) failed with ${this.error}: ${this.reason}`
  }
}

/** Any failure of a replay. */
export type ReplayError = InvalidCommand | CommandFailed
