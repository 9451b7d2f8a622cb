/**
 * What each subcommand of `kemitraan` does, loaded by `Cli` only when a command runs (so that
 * `--help` loads neither the domain nor the stores).
 *
 * @since 0.1.0
 */
import { ReadModelRunner, ReadModelStore } from "@kemitraan/eventsourcing"
import { ForumReplay, dataDir, ReadModels } from "@kemitraan/example-forum-2022"
import { Console, Effect, Either, Option } from "effect"
import * as path from "node:path"
import { NotReconciled, UsageError } from "./Errors.js"
import * as Formats from "./Formats.js"
import * as Output from "./Output.js"
import * as Progress from "./Progress.js"
import * as ReportData from "./ReportData.js"
import * as Stats from "./Stats.js"
import * as Store from "./Store.js"
import * as Tracing from "./Tracing.js"
import * as Transfer from "./Transfer.js"

/** Where progress goes: standard error, a bar on a terminal, plain lines otherwise. */
const progress = (label: string) => Progress.make(process.stderr, label)

/**
 * A command's work, on its store. It fails with the CLI's errors (`Errors`), the store's or the
 * domain's, each a tagged error that `Cli` maps to an exit status.
 */
export type Work = Effect.Effect<void, unknown>

/** The options every command takes. */
export interface CommonOptions {
  readonly store: string
  readonly schema: Option.Option<string>
  readonly traceFile: Option.Option<string>
  readonly otlpEndpoint: Option.Option<string>
}

/** Runs `body` on the store of `--store` (which it is given, to name it), with the tracer of `--trace-file`. */
const withStore = <A, E, R>(options: CommonOptions, body: (target: Store.Target) => Effect.Effect<A, E, R>) =>
  Option.isSome(options.traceFile) && Option.isSome(options.otlpEndpoint)
    ? new UsageError({ reason: "--trace-file and --otlp-endpoint cannot be used together" })
    : Effect.flatMap(Store.target(options.store, options.schema), (target) =>
        body(target).pipe(
          Effect.provide(Store.layer(target)),
          Effect.provide(
            Tracing.layer(Option.getOrUndefined(options.traceFile), Option.getOrUndefined(options.otlpEndpoint))
          )
        )
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

/** `replay`. */
export const replay = (options: CommonOptions): Work =>
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

/** `import FILE`. */
export const importFile = (
  options: CommonOptions & {
    readonly file: string
    readonly format: Option.Option<"jsonl" | "csv">
    readonly command: Option.Option<string>
  }
): Work =>
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

/** `export`. */
export const exportEvents = (options: CommonOptions & { readonly out: Option.Option<string> }): Work =>
  withStore(options, () =>
    Effect.scoped(
      Effect.gen(function* () {
        const output = yield* Output.to(Option.getOrUndefined(options.out))
        const written = yield* Transfer.exportEvents(output, progress("exporting"))
        yield* Console.error(`exported ${written} events`)
      })
    )
  )

/** `rebuild [READ MODEL]`. */
export const rebuild = (options: CommonOptions & { readonly readModel: Option.Option<string> }): Work =>
  withStore(options, () => {
    const models = ReadModels.all.filter(
      (model) => Option.getOrElse(options.readModel, () => model.name) === model.name
    )
    // A store that never had these read models (an import's) gets their tables first.
    return Effect.zipRight(
      ReadModelStore.createTables(models),
      Effect.forEach(
        models,
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
  })

/** `report`. */
export const report = (
  options: CommonOptions & {
    readonly asOf: Option.Option<string>
    readonly position: Option.Option<number>
    readonly format: Formats.Format
    readonly out: Option.Option<string>
    readonly forum: Option.Option<string>
  }
): Work =>
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
        yield* output.write(yield* Formats.render(options.format, data))
        if (Option.isSome(options.out)) yield* Console.error(`wrote ${options.out.value}`)
        if (at._tag === "Now" && data.reconciliation !== null && !data.reconciliation.reconciled) {
          return yield* new NotReconciled({
            missed: data.reconciliation.checks.filter((check) => !check.reproduced).map((check) => check.label.trim())
          })
        }
      })
    )
  )

/** `stats`. */
export const stats = (options: CommonOptions & { readonly format: "text" | "json" }): Work =>
  withStore(options, () =>
    Effect.flatMap(Stats.gather, (gathered) =>
      Console.log(options.format === "json" ? JSON.stringify(gathered, null, 2) : Stats.text(gathered).trimEnd())
    )
  )
