/**
 * The `kemitraan` command line, on `@effect/cli`: its subcommands, their options, and the exit
 * status of every outcome (`ExitCode`, documented in docs/cli.md). Every subcommand takes
 * `--store` (a SQLite file, `kemitraan.sqlite` by default, or a PostgreSQL URL), `--schema` and
 * `--trace-file`.
 *
 * @since 0.1.0
 */
import { Args, Command, Options, ValidationError } from "@effect/cli"
import { ReadModelRunner } from "@kemitraan/eventsourcing"
import { PgStore } from "@kemitraan/postgres"
import { ForumReplay, dataDir, ReadModels } from "@kemitraan/example-forum-2022"
import { Cause, Console, Effect, Either, Option } from "effect"
import * as path from "node:path"
import { ExitCode, NotReconciled, UsageError } from "./Errors.js"
import * as Formats from "./Formats.js"
import * as Output from "./Output.js"
import * as Progress from "./Progress.js"
import * as ReportData from "./ReportData.js"
import * as Stats from "./Stats.js"
import * as Store from "./Store.js"
import * as Tracing from "./Tracing.js"
import * as Transfer from "./Transfer.js"

/** The version `--version` prints. */
export const version = "0.1.0"

const store = Options.text("store").pipe(
  Options.withAlias("s"),
  Options.withDefault(Store.defaultStore),
  Options.withDescription(
    "The store: a SQLite file (created if missing; relative to the working directory), ':memory:', or a PostgreSQL URL (postgres://user@host:5432/database). A URL is never printed with its password."
  )
)

const schema = Options.text("schema").pipe(
  Options.optional,
  Options.withDescription(
    `With a PostgreSQL --store: the schema holding the store's tables, created if missing (default ${PgStore.defaultSchema}).`
  )
)

const traceFile = Options.file("trace-file").pipe(
  Options.optional,
  Options.withDescription(
    "Export the run's spans (command handling, appends, reads, read-model commits) through OpenTelemetry to this file, one JSON span a line."
  )
)

const common = { store, schema, traceFile }

const out = Options.file("out").pipe(
  Options.withAlias("o"),
  Options.optional,
  Options.withDescription("Write to this file instead of standard output.")
)

/** Where progress goes: standard error, a bar on a terminal, plain lines otherwise. */
const progress = (label: string) => Progress.make(process.stderr, label)

interface CommonOptions {
  readonly store: string
  readonly schema: Option.Option<string>
  readonly traceFile: Option.Option<string>
}

/** Runs `body` on the store of `--store` (which it is given, to name it), with the tracer of `--trace-file`. */
const withStore = <A, E, R>(options: CommonOptions, body: (target: Store.Target) => Effect.Effect<A, E, R>) =>
  Effect.flatMap(Store.target(options.store, options.schema), (target) =>
    body(target).pipe(
      Effect.provide(Store.layer(target)),
      Effect.provide(Tracing.layer(Option.getOrUndefined(options.traceFile)))
    )
  )

const replay = Command.make("replay", common, (options) =>
  withStore(options, (target) =>
    Effect.gen(function* () {
      const result = yield* ForumReplay.run({
        dataDir,
        database: target.label,
        onProgress: progress("replaying the forum of 24 November 2022")
      })
      yield* Console.log(result.report.trimEnd())
      if (!result.reconciled) {
        return yield* new NotReconciled({
          missed: result.checks.filter((check) => !check.reproduced).map((check) => check.label.trim())
        })
      }
    })
  )
).pipe(
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
  (options) =>
    withStore(options, () =>
      Effect.gen(function* () {
        const format = Option.getOrElse(options.format, () =>
          path.extname(options.file).toLowerCase() === ".csv" ? ("csv" as const) : ("jsonl" as const)
        )
        const text = yield* Output.readText(options.file)
        const content = yield* Transfer.decode(options.file, text, {
          format,
          command: Option.getOrUndefined(options.command)
        })
        const imported = yield* Transfer.write(options.file, content, progress(`importing ${options.file}`))
        yield* Console.error(
          `imported ${imported.lines} ${imported.kind}: ${imported.events} events written` +
            (imported.alreadyHandled > 0 ? `, ${imported.alreadyHandled} commands already handled` : "")
        )
      })
    )
).pipe(
  Command.withDescription(
    "Import a file into the store. Every line is decoded first: a file with a bad line writes nothing (exit 4). Events are appended as they were recorded; commands go through the domain's handlers, which may refuse one (exit 1, the lines before it written; give commands a commandId to make a second run safe)."
  )
)

const exportCmd = Command.make("export", { ...common, out }, (options) =>
  withStore(options, () =>
    Effect.scoped(
      Effect.gen(function* () {
        const output = yield* Output.to(Option.getOrUndefined(options.out))
        const written = yield* Transfer.exportEvents(output, progress("exporting"))
        yield* Console.error(`exported ${written} events`)
      })
    )
  )
).pipe(
  Command.withDescription(
    "Export every event of the store as JSON Lines, in log order: position, stream, version, type, data and metadata. `import` takes the file back."
  )
)

const readModelName = Args.choice(
  ReadModels.all.map((model) => [model.name, model.name] as const),
  { name: "read model" }
).pipe(Args.optional, Args.withDescription("The read model to rebuild. Default: all of them."))

const rebuild = Command.make("rebuild", { ...common, readModel: readModelName }, (options) =>
  withStore(options, () =>
    Effect.forEach(
      ReadModels.all.filter((model) => Option.getOrElse(options.readModel, () => model.name) === model.name),
      (model) =>
        Effect.flatMap(
          ReadModelRunner.rebuild(model).pipe(Progress.readingLog(progress(`rebuilding ${model.name}`))),
          (done) =>
            Console.error(
              `rebuilt ${model.name}: ${done.rowsWritten} rows in ${done.commits} commits, up to position ${done.position}`
            )
        ),
      { discard: true }
    )
  )
).pipe(
  Command.withDescription(
    "Empty a read model's tables and fold the whole log into them again (ForumSummary, SupplyChain, ClassAdvancement; all by default)."
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

const format = Options.choice("format", Formats.formats).pipe(
  Options.withAlias("f"),
  Options.withDefault("text" as const),
  Options.withDescription("text, json, csv (one figure a row), or html (one self-contained page with charts).")
)

const forum = Options.text("forum").pipe(
  Options.optional,
  Options.withDescription("The forum to report on, when the store has several.")
)

const pointInTime = (options: {
  readonly asOf: Option.Option<string>
  readonly position: Option.Option<number>
}): Either.Either<ReportData.PointInTime, UsageError> => {
  if (Option.isSome(options.asOf) && Option.isSome(options.position)) {
    return Either.left(new UsageError({ reason: "--as-of and --position cannot be used together" }))
  }
  if (Option.isSome(options.position)) {
    return options.position.value >= 0
      ? Either.right({ _tag: "Position", position: options.position.value })
      : Either.left(new UsageError({ reason: `--position must be 0 or more, got ${options.position.value}` }))
  }
  if (Option.isSome(options.asOf)) {
    const text = options.asOf.value
    return Either.fromOption(
      ReportData.parseAsOf(text),
      () => new UsageError({ reason: `--as-of ${text} is neither a date (YYYY-MM-DD) nor an ISO-8601 instant` })
    )
  }
  return Either.right({ _tag: "Now" })
}

const report = Command.make("report", { ...common, asOf, position, format, out, forum }, (options) =>
  withStore(options, (target) =>
    Effect.scoped(
      Effect.gen(function* () {
        const at = yield* pointInTime(options)
        const data = yield* ReportData.gather({
          store: target.label,
          pointInTime: at,
          forumId: Option.getOrUndefined(options.forum)
        })
        const output = yield* Output.to(Option.getOrUndefined(options.out))
        yield* output.write(Formats.render(options.format, data))
        if (Option.isSome(options.out)) yield* Console.error(`wrote ${options.out.value}`)
        if (at._tag === "Now" && data.reconciliation !== null && !data.reconciliation.reconciled) {
          return yield* new NotReconciled({
            missed: data.reconciliation.checks.filter((check) => !check.reproduced).map((check) => check.label.trim())
          })
        }
      })
    )
  )
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
  withStore(options, () =>
    Effect.flatMap(Stats.gather, (gathered) =>
      Console.log(options.format === "json" ? JSON.stringify(gathered, null, 2) : Stats.text(gathered).trimEnd())
    )
  )
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
