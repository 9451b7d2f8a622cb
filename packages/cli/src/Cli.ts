/**
 * The `kemitraan` command line, on `@effect/cli`: its subcommands, their options, and the exit
 * status of every outcome (`ExitCode`, documented in docs/cli.md). Every subcommand takes
 * `--store` (a SQLite file, `kemitraan.sqlite` by default, or a PostgreSQL URL), `--schema` and
 * `--trace-file`.
 *
 * @since 0.1.0
 */
import * as Args from "@effect/cli/Args"
import * as Command from "@effect/cli/Command"
import * as Options from "@effect/cli/Options"
import * as ValidationError from "@effect/cli/ValidationError"
import * as Cause from "effect/Cause"
import * as Console from "effect/Console"
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import type * as Commands from "./Commands.js"
import { ExitCode } from "./Errors.js"
import * as Names from "./Names.js"
import * as Output from "./Output.js"

/** The version `--version` prints. */
export const version = "0.1.0"

const store = Options.text("store").pipe(
  Options.withAlias("s"),
  Options.withDefault(Names.defaultStore),
  Options.withDescription(
    "The store: a SQLite file (created if missing; relative to the working directory), ':memory:', or a PostgreSQL URL (postgres://user@host:5432/database). A URL is never printed with its password."
  )
)

const schema = Options.text("schema").pipe(
  Options.optional,
  Options.withDescription(
    `With a PostgreSQL --store: the schema holding the store's tables, created if missing (default ${Names.defaultSchema}).`
  )
)

const traceFile = Options.file("trace-file").pipe(
  Options.optional,
  Options.withDescription(
    "Export the run's spans (command handling, appends, reads, read-model commits) through OpenTelemetry to this file, one JSON span a line."
  )
)

const otlpEndpoint = Options.text("otlp-endpoint").pipe(
  Options.optional,
  Options.withDescription(
    "Send the run's spans to an OpenTelemetry collector over OTLP/HTTP (JSON): its traces URL, e.g. http://localhost:4318/v1/traces."
  )
)

const common = { store, schema, traceFile, otlpEndpoint }

const out = Options.file("out").pipe(
  Options.withAlias("o"),
  Options.optional,
  Options.withDescription("Write to this file instead of standard output.")
)

/** Runs a command's work, loading what it needs only then. */
const commands = <A, E, R>(run: (commands: typeof Commands) => Effect.Effect<A, E, R>): Effect.Effect<A, E, R> =>
  Effect.flatMap(
    Effect.promise(() => import("./Commands.js")),
    run
  )

const replay = Command.make("replay", common, (options) => commands((run) => run.replay(options))).pipe(
  Command.withDescription(
    "Replay the partnership forum of 24 November 2022 (748 SMEs, 17 counterparts, Rp224.8 billion of potential) into the store, command by command, and print its reconciliation with the published figures. Replaying into a store that has it writes nothing new."
  )
)

const importFormat = Options.choice("format", ["jsonl", "csv"]).pipe(
  Options.optional,
  Options.withDescription("The file's format. Default: csv for a .csv file, else jsonl.")
)

const importCommand = Options.text("command").pipe(
  Options.optional,
  Options.withDescription("CSV only: the command every row is, when the file has no _tag column (e.g. EnrolSme).")
)

const importFile = Args.file({ name: "file", exists: "yes" }).pipe(
  Args.withDescription(
    'JSON Lines of events (as export writes them) or of commands ({"_tag": ...}, or {"command": {...}, "commandId": ..., "at": ISO-8601}), or CSV of commands.'
  )
)

const importCmd = Command.make(
  "import",
  { ...common, file: importFile, format: importFormat, command: importCommand },
  (options) => commands((run) => run.importFile(options))
).pipe(
  Command.withDescription(
    "Import a file into the store. Every line is decoded first: a file with a bad line writes nothing (exit 4). Events are appended as they were recorded; commands go through the domain's handlers, which may refuse one (exit 1, the lines before it written; give commands a commandId to make a second run safe)."
  )
)

const exportCmd = Command.make("export", { ...common, out }, (options) =>
  commands((run) => run.exportEvents(options))
).pipe(
  Command.withDescription(
    "Export every event of the store as JSON Lines, in log order: position, stream, version, type, data and metadata. `import` takes the file back."
  )
)

const readModelName = Args.choice(
  Names.readModels.map((name) => [name, name] as const),
  { name: "read model" }
).pipe(Args.optional, Args.withDescription("The read model to rebuild. Default: all of them."))

const rebuild = Command.make("rebuild", { ...common, readModel: readModelName }, (options) =>
  commands((run) => run.rebuild(options))
).pipe(
  Command.withDescription(
    `Empty a read model's tables and fold the whole log into them again (${Names.readModels.join(", ")}; all by default).`
  )
)

const asOf = Options.text("as-of").pipe(
  Options.optional,
  Options.withDescription(
    "The report by business time: only events that occurred by the end of this date (YYYY-MM-DD, in WIB, UTC+07:00) or by this ISO-8601 instant."
  )
)

const position = Options.integer("position").pipe(
  Options.optional,
  Options.withDescription("The report as the store stood after this position of the log.")
)

const format = Options.choice("format", Names.reportFormats).pipe(
  Options.withAlias("f"),
  Options.withDefault("text" as const),
  Options.withDescription("text, json, csv (one figure a row), or html (one self-contained page with charts).")
)

const forum = Options.text("forum").pipe(
  Options.optional,
  Options.withDescription("The forum to report on, when the store has several.")
)

const report = Command.make("report", { ...common, asOf, position, format, out, forum }, (options) =>
  commands((run) => run.report(options))
).pipe(
  Command.withDescription(
    "Report on a forum: the reconciliation with the published figures (for the 2022 forum), participants and potential by province, class advancement and the supply-chain funnel; now, at a log position, or as of a date by business time."
  )
)

const statsFormat = Options.choice("format", ["text", "json"]).pipe(
  Options.withAlias("f"),
  Options.withDefault("text" as const),
  Options.withDescription("text or json.")
)

const stats = Command.make("stats", { ...common, format: statsFormat }, (options) =>
  commands((run) => run.stats(options))
).pipe(
  Command.withDescription(
    "What the store holds: events by type and stream, commands, business-time span, and how far each read model is behind."
  )
)

/** The root command: `kemitraan`, with its subcommands. */
const kemitraan = Command.make("kemitraan").pipe(
  Command.withDescription(
    "Kemitraan: partnership forums between SMEs and state-owned or large enterprises, recorded as events. Exit status: 0 done, 1 failed, 2 bad arguments, 3 published figures not reproduced, 4 bad input file (nothing written)."
  ),
  Command.withSubcommands([replay, importCmd, exportCmd, rebuild, report, stats])
)

const cli = Command.run(kemitraan, { name: "kemitraan", version })

const codeOf = (error: unknown): number => {
  if (ValidationError.isValidationError(error)) return ExitCode.usage
  const tag = typeof error === "object" && error !== null && "_tag" in error ? error._tag : undefined
  switch (tag) {
    case "UsageError":
      return ExitCode.usage
    case "NotReconciled":
      return ExitCode.notReconciled
    case "BadInput":
      return ExitCode.badInput
    default:
      return ExitCode.failed
  }
}

const messageOf = (error: unknown): string => (error instanceof Error ? error.message : String(error))

/**
 * Runs the command line (`argv` as `process.argv`: node, the script, then the arguments) and
 * answers its exit status. It never fails: errors go to standard error, one line, `kemitraan: ...`.
 */
export const run = (argv: ReadonlyArray<string>) =>
  cli(argv).pipe(
    Effect.as(ExitCode.ok as number),
    Effect.catchAllCause((cause) => {
      const failure = Cause.failureOption(cause)
      const error = Option.isSome(failure) ? failure.value : Cause.squash(cause)
      // @effect/cli has printed its own message for bad arguments.
      const print = ValidationError.isValidationError(error)
        ? Effect.void
        : Console.error(`kemitraan: ${messageOf(error)}`)
      return Effect.as(print, Option.isSome(failure) ? codeOf(error) : ExitCode.failed)
    }),
    Output.withTerminalConsole
  )
