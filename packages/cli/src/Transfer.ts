/**
 * `export` and `import`. An export is JSON Lines, one stored event a line in log order, with its
 * position, stream, version, type, data and metadata (times as ISO-8601). An import takes such a
 * file (and appends the events as they were, each run of one stream's events in one append at the
 * version it had), or commands: JSON Lines of commands, each a command object or
 * `{ "command": {...}, "commandId": "...", "at": "ISO-8601" }`, or CSV (see `Csv`). Every line is
 * decoded before anything is written: a file with a bad line writes nothing.
 *
 * @since 0.1.0
 */
import { Kemitraan } from "@kemitraan/core"
import { EventStore, type EventStoreError, ExpectedVersion, ManualClock, RecordedEvent } from "@kemitraan/eventsourcing"
import { Effect, Either, ParseResult, Schema, Stream } from "effect"
import * as Csv from "./Csv.js"
import { BadInput, CommandRefused, type FileError } from "./Errors.js"
import type { Output } from "./Output.js"

/** A stored event as a line of an export. */
export const ExportedEvent = RecordedEvent.StoredEventSchema

const encodeEvent = Schema.encodeSync(ExportedEvent)
const decodeEvent = Schema.decodeUnknownEither(ExportedEvent, { onExcessProperty: "error" })

/** Writes the whole log as JSON Lines; answers how many events it wrote. */
export const exportEvents = (
  output: Output,
  onProgress?: (done: number, total: number) => void
): Effect.Effect<
  number,
  FileError | EventStoreError.StoreError | EventStoreError.EventDecodeError,
  EventStore.EventStore
> =>
  Effect.gen(function* () {
    const store = yield* EventStore.EventStore
    const total = yield* store.headPosition
    let written = 0
    yield* EventStore.readAll(store).pipe(
      Stream.mapChunksEffect((chunk) => {
        let text = ""
        for (const event of chunk) text += `${JSON.stringify(encodeEvent(event))}\n`
        written += chunk.length
        onProgress?.(written, total)
        return Effect.as(output.write(text), chunk)
      }),
      Stream.runDrain
    )
    if (written === 0) onProgress?.(0, 0)
    return written
  })

/** What a file holds: stored events, or commands. */
export type Content =
  | { readonly _tag: "Events"; readonly events: ReadonlyArray<RecordedEvent.StoredEvent> }
  | { readonly _tag: "Commands"; readonly commands: ReadonlyArray<CommandLine> }

/** A command of an import, with its line and options. */
export interface CommandLine {
  readonly line: number
  readonly command: Kemitraan.Command
  readonly commandId: string | undefined
  /** When the command is handled, as the clock reads it (epoch milliseconds); undefined: now. */
  readonly at: number | undefined
}

const Envelope = Schema.Struct({
  command: Schema.Unknown,
  commandId: Schema.optional(Schema.NonEmptyString),
  at: Schema.optional(Schema.DateFromString)
})
const decodeEnvelope = Schema.decodeUnknownEither(Envelope, { onExcessProperty: "error" })

const issueText = (error: ParseResult.ParseError): string =>
  ParseResult.ArrayFormatter.formatErrorSync(error)
    .map((issue) => (issue.path.length === 0 ? issue.message : `${issue.path.join(".")}: ${issue.message}`))
    .join("; ")

const commandIssue = (error: Kemitraan.InputError): string =>
  error._tag === "UnknownCommand"
    ? error.message
    : error.issues
        .map((issue) => (issue.path.length === 0 ? issue.message : `${issue.path.join(".")}: ${issue.message}`))
        .join("; ")

const commandLine = (line: number, value: unknown): Either.Either<CommandLine, string> => {
  const isEnvelope = typeof value === "object" && value !== null && !Array.isArray(value) && !("_tag" in value)
  const envelope = isEnvelope
    ? Either.mapLeft(decodeEnvelope(value), issueText)
    : Either.right({ command: value, commandId: undefined, at: undefined })
  return Either.flatMap(envelope, ({ at, command, commandId }) =>
    Either.map(Either.mapLeft(Kemitraan.decodeCommand(command), commandIssue), (decoded) => ({
      line,
      command: decoded,
      commandId,
      at: at?.getTime()
    }))
  )
}

const isEventLine = (value: unknown): boolean =>
  typeof value === "object" && value !== null && "eventId" in value && "streamId" in value

/** Decodes a file: JSON Lines of events or commands, or CSV of commands. Fails with every bad line. */
export const decode = (
  file: string,
  text: string,
  options: { readonly format: "jsonl" | "csv"; readonly command?: string | undefined }
): Either.Either<Content, BadInput> => {
  const issues: Array<{ line: number; message: string }> = []
  if (options.format === "csv") {
    const commands: Array<CommandLine> = []
    for (const row of Csv.commands(text, options.command)) {
      const decoded = commandLine(row.line, row.input)
      if (Either.isLeft(decoded)) issues.push({ line: row.line, message: decoded.left })
      else commands.push(decoded.right)
    }
    return issues.length > 0
      ? Either.left(new BadInput({ file, issues }))
      : Either.right({ _tag: "Commands", commands })
  }
  const values: Array<{ line: number; value: unknown }> = []
  text.split("\n").forEach((source, i) => {
    if (source.trim() === "") return
    try {
      values.push({ line: i + 1, value: JSON.parse(source) })
    } catch (error) {
      issues.push({ line: i + 1, message: `not JSON: ${error instanceof Error ? error.message : String(error)}` })
    }
  })
  const events = values.length > 0 && isEventLine(values[0]?.value)
  const decodedEvents: Array<RecordedEvent.StoredEvent> = []
  const commands: Array<CommandLine> = []
  for (const { line, value } of values) {
    if (events) {
      const decoded = decodeEvent(value)
      if (Either.isLeft(decoded)) issues.push({ line, message: issueText(decoded.left) })
      else decodedEvents.push(decoded.right)
    } else {
      const decoded = commandLine(line, value)
      if (Either.isLeft(decoded)) issues.push({ line, message: decoded.left })
      else commands.push(decoded.right)
    }
  }
  if (issues.length > 0) return Either.left(new BadInput({ file, issues }))
  return Either.right(events ? { _tag: "Events", events: decodedEvents } : { _tag: "Commands", commands })
}

/** What an import did. */
export interface Imported {
  readonly kind: "events" | "commands"
  readonly lines: number
  readonly events: number
  /** Commands whose id the store had seen: they wrote nothing. */
  readonly alreadyHandled: number
}

/** Runs of consecutive events of one stream and one command: each was one append when recorded. */
const appendsOf = (events: ReadonlyArray<RecordedEvent.StoredEvent>) => {
  const runs: Array<Array<RecordedEvent.StoredEvent>> = []
  let run: Array<RecordedEvent.StoredEvent> = []
  for (const event of events) {
    const last = run[run.length - 1]
    if (
      last !== undefined &&
      (last.streamId !== event.streamId ||
        last.metadata.commandId !== event.metadata.commandId ||
        last.streamVersion + 1 !== event.streamVersion)
    ) {
      runs.push(run)
      run = []
    }
    run.push(event)
  }
  if (run.length > 0) runs.push(run)
  return runs
}

const importEvents = (
  events: ReadonlyArray<RecordedEvent.StoredEvent>,
  onProgress: ((done: number, total: number) => void) | undefined
) =>
  Effect.gen(function* () {
    const store = yield* EventStore.EventStore
    let done = 0
    for (const run of appendsOf(events)) {
      const first = run[0]!
      yield* store.append(
        first.streamId,
        ExpectedVersion.exact(first.streamVersion - 1),
        run.map(({ data, eventId, metadata, type }) => ({ eventId, type, data, metadata }))
      )
      done += run.length
      onProgress?.(done, events.length)
    }
    if (events.length === 0) onProgress?.(0, 0)
    return { kind: "events", lines: events.length, events: events.length, alreadyHandled: 0 } satisfies Imported
  })

const importCommands = (
  file: string,
  commands: ReadonlyArray<CommandLine>,
  onProgress: ((done: number, total: number) => void) | undefined
) =>
  Effect.gen(function* () {
    const clock = ManualClock.make(0)
    let events = 0
    let alreadyHandled = 0
    for (let i = 0; i < commands.length; i++) {
      const entry = commands[i]!
      const handle = Kemitraan.handle(entry.command, { commandId: entry.commandId })
      const at = entry.at
      if (at !== undefined) clock.set(at)
      const result = yield* (at === undefined ? handle : Effect.withClock(handle, clock)).pipe(
        Effect.catchIf(
          (error) => !isStoreFailure(error),
          (error) =>
            new CommandRefused({ file, line: entry.line, error: error._tag, reason: error.message, written: i })
        )
      )
      if (result.alreadyHandled) alreadyHandled += 1
      else events += result.events.length
      onProgress?.(i + 1, commands.length)
    }
    if (commands.length === 0) onProgress?.(0, 0)
    return { kind: "commands", lines: commands.length, events, alreadyHandled } satisfies Imported
  })

// The store's own failures stay what they are (exit status 1, the store named); the rest is the domain's refusal.
const storeFailures: ReadonlySet<string> = new Set([
  "StoreFailure",
  "StoreBusy",
  "InvalidStoreRequest",
  "EventDecodeError",
  "EventEncodeError"
])
const isStoreFailure = (error: { readonly _tag: string }): boolean => storeFailures.has(error._tag)

/** Writes what a decoded file holds into the store in context. */
export const write = (file: string, content: Content, onProgress?: (done: number, total: number) => void) =>
  content._tag === "Events"
    ? importEvents(content.events, onProgress)
    : importCommands(file, content.commands, onProgress)
