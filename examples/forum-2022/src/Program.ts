/**
 * The program behind `npm start`: parse the arguments, make way for the database, replay into it,
 * print the report on stdout and the timing on stderr, and answer the exit status (see `Cli.usage`).
 *
 * The replay opens the database with `synchronous = NORMAL` unless `--synchronous full` says
 * otherwise: each append is still its own transaction, but commits are not synced to disk one by
 * one (a power cut could lose the last ones; a crash cannot). A replay can always be run again, and
 * it runs several times faster.
 *
 * @since 0.1.0
 */
import { SqlClient } from "@effect/sql"
import { PgStore } from "@kemitraan/postgres"
import { SqliteStore } from "@kemitraan/sqlite"
import { Cause, Effect, Exit, type Layer } from "effect"
import * as Cli from "./Cli.js"
import * as ForumReplay from "./ForumReplay.js"
import * as Progress from "./Progress.js"

/** Where the program writes. */
export interface Io {
  readonly stdout: (text: string) => void
  readonly stderr: Progress.Sink
}

/** What the program is given: arguments, the environment (for `INIT_CWD`), the working directory, the data. */
export interface Context {
  readonly argv: ReadonlyArray<string>
  readonly env: { readonly INIT_CWD?: string | undefined }
  readonly cwd: string
  readonly dataDir: string
  readonly io: Io
}

const seconds = (millis: number): string => (millis / 1000).toFixed(2)

/** The timing line: wall-clock time, which varies with the machine, so it goes to stderr. */
export const timing = (result: ForumReplay.Result, statements?: number): string => {
  const { replayMillis, replayCpuMillis, readModelsMillis } = result.timings
  const rate = (count: number) => Math.round(count / Math.max(replayMillis / 1000, 0.001))
  const perCommand =
    statements === undefined
      ? ""
      : `, ${(statements / Math.max(result.stats.commands, 1)).toFixed(2)} statements a command`
  return `replay: ${result.stats.commands} commands, ${result.stats.events} events in ${seconds(replayMillis)} s (${rate(result.stats.commands)} commands/s, ${rate(result.stats.events)} events/s, ${seconds(replayCpuMillis)} s of CPU${perCommand}); read models in ${seconds(readModelsMillis)} s\n`
}

/** The SQLite store; it comes with a cache for the streams the handlers fold, so each event is folded once. */
const store = (filename: string, synchronous: "FULL" | "NORMAL") => SqliteStore.layer({ filename, synchronous })

/** Where the replay writes: a SQLite file made way for, or a PostgreSQL schema dropped and made anew. */
const storeFor = (context: Context, args: Cli.Arguments) =>
  Effect.gen(function* () {
    if (args.store === undefined) {
      const database = Cli.target(args.db, context.env, context.cwd)
      if ((yield* Cli.prepare(database, args.force)) === "replaced") {
        context.io.stderr.write(`replacing ${database.label} (${database.filename})\n`)
      }
      // The read models are written as tables of the same file, each with its checkpoint.
      return { kind: "sqlite" as const, label: database.label, layer: store(database.filename, args.synchronous) }
    }
    const url = args.store
    const schema = args.schema ?? Cli.defaultSchema
    const label = `${Cli.withoutPassword(url)} schema ${schema}`
    yield* preparePg(url, schema, label, args.schema === undefined || args.force).pipe(
      Effect.provide(PgStore.layerPgClient({ url, schema, maxConnections: 1 }))
    )
    const layer: Layer.Layer<PgStore.Stores, PgStore.OpenError> = PgStore.layer({ url, schema })
    return { kind: "postgres" as const, label, layer }
  })

/** Drops the schema unless it is someone else's (not the default and no `--force`); answers whether it did. */
const preparePg = (url: string, schema: string, label: string, replace: boolean) =>
  Effect.gen(function* () {
    const sql = yield* SqlClient.SqlClient
    const found = yield* sql.unsafe("SELECT 1 FROM information_schema.schemata WHERE schema_name = $1", [schema])
    if (found.length === 0) return
    if (!replace) return yield* new Cli.DatabaseExists({ database: label })
    yield* sql.unsafe(`DROP SCHEMA "${schema}" CASCADE`)
  }).pipe(
    Effect.catchTag("SqlError", (error) =>
      Effect.fail(
        new Cli.DatabaseFileError({ file: `${Cli.withoutPassword(url)} schema ${schema}`, reason: error.message })
      )
    )
  )

const replay = (context: Context, args: Cli.Arguments) =>
  Effect.gen(function* () {
    const target = yield* storeFor(context, args)
    const onProgress = Progress.make(context.io.stderr, "replaying the forum")
    const { result, statements } =
      target.kind === "sqlite"
        ? yield* Effect.gen(function* () {
            // A SQLite replay also counts the statements it runs, for the timing line.
            const held = yield* SqliteStore.HeldConnection
            let statements = 0
            const result = yield* ForumReplay.run({
              dataDir: context.dataDir,
              database: target.label,
              onProgress,
              onReplay: (phase) => {
                statements = phase === "start" ? -held.statements() : statements + held.statements()
              }
            })
            return { result, statements: statements as number | undefined }
          }).pipe(Effect.provide(target.layer))
        : yield* ForumReplay.run({ dataDir: context.dataDir, database: target.label, onProgress }).pipe(
            Effect.map((result) => ({ result, statements: undefined })),
            Effect.provide(target.layer)
          )
    context.io.stdout(result.report)
    context.io.stderr.write(timing(result, statements))
    return result.reconciled ? 0 : 1
  })

const usageFailures: ReadonlySet<string> = new Set(["UsageError", "DatabaseExists"])

/** The exit status of a failed run: 2 for bad arguments or a file in the way, else 1; the error goes to stderr. */
const failed = (context: Context, cause: Cause.Cause<{ readonly _tag: string }>): number => {
  const error = Cause.squash(cause)
  context.io.stderr.write(`forum-2022: ${error instanceof Error ? error.message : String(error)}\n`)
  const failure = Cause.failureOption(cause)
  return failure._tag === "Some" && usageFailures.has(failure.value._tag) ? 2 : 1
}

/** Runs the program and answers its exit status; it never fails. */
export const main = (context: Context): Effect.Effect<number> =>
  Effect.gen(function* () {
    const args = yield* Cli.parse(context.argv)
    if (args.help) {
      context.io.stdout(`${Cli.usage}\n`)
      return 0
    }
    return yield* replay(context, args)
  }).pipe(
    Effect.exit,
    Effect.map((exit) => (Exit.isSuccess(exit) ? exit.value : failed(context, exit.cause)))
  )
