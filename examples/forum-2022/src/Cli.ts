/**
 * The command line of the replay: its arguments, and where the database goes.
 *
 * A relative `--db` path is taken from the directory the user ran `npm start` in: npm sets
 * `INIT_CWD` to it, while the replay itself runs in `examples/forum-2022`. Without `INIT_CWD` (the
 * program run directly), it is the current directory.
 *
 * The replay always starts from an empty database. An existing default file (`forum-2022.sqlite`) is
 * replaced, since the replay made it and can make it again; any other existing file is replaced
 * only with `--force`, so that a mistyped path cannot delete someone's database.
 *
 * @since 0.1.0
 */
import { Effect, Either, Schema } from "effect"
import * as fs from "node:fs/promises"
import * as path from "node:path"
import { parseArgs } from "node:util"

/** The database file when none is given. */
export const defaultDatabase = "forum-2022.sqlite"

/** The PostgreSQL schema when none is given. */
export const defaultSchema = "forum_2022"

/** What `--help` prints. */
export const usage = `Replays the partnership forum of 24 November 2022 into SQLite (or PostgreSQL) and reconciles it
with the published figures. The report goes to stdout; progress and timings go to stderr.

Usage: npm start -- [--db <file>] [--force] [--synchronous full|normal]
       npm start -- --store postgres://user@host/database [--schema <name>] [--force]

  --db <file>      the SQLite file to write (default ./${defaultDatabase}, relative to where npm
                   start runs); ":memory:" keeps it in memory
  --synchronous full|normal
                   on SQLite, sync every commit to disk (full), or only at checkpoints (normal,
                   the default)
  --store <url>    a PostgreSQL server instead (postgres:// or postgresql://), the store and the
                   read models' tables in one schema of it
  --schema <name>  the schema (default ${defaultSchema}, always replaced; another only with --force)
  --force          replace <file> or <name> if it exists
  --help           print this

Exit status: 0 when every published figure is reproduced, 1 when one is not or the replay
fails, 2 for bad arguments or a file that exists.`

/** The arguments, parsed. */
export interface Arguments {
  readonly db: string | undefined
  readonly store: string | undefined
  readonly schema: string | undefined
  readonly force: boolean
  readonly help: boolean
  readonly synchronous: "FULL" | "NORMAL"
}

/** The `synchronous` pragma `--synchronous` names (`normal` when not given). */
const synchronousOf = (value: string | undefined): "FULL" | "NORMAL" => {
  if (value === undefined || value === "normal") return "NORMAL"
  if (value === "full") return "FULL"
  throw new Error(`--synchronous must be full or normal, not ${JSON.stringify(value)}`)
}

/** The arguments do not parse. */
export class UsageError extends Schema.TaggedError<UsageError>("@kemitraan/example-forum-2022/UsageError")(
  "UsageError",
  { reason: Schema.String }
) {
  override get message(): string {
    return `${this.reason} (see --help)`
  }
}

/** The database file exists and is not the default one; nothing was touched. */
export class DatabaseExists extends Schema.TaggedError<DatabaseExists>("@kemitraan/example-forum-2022/DatabaseExists")(
  "DatabaseExists",
  { database: Schema.String }
) {
  override get message(): string {
    return `${this.database} exists: pass --force to replace it, or choose another file with --db`
  }
}

/** A file of the database could not be removed. */
export class DatabaseFileError extends Schema.TaggedError<DatabaseFileError>(
  "@kemitraan/example-forum-2022/DatabaseFileError"
)("DatabaseFileError", { file: Schema.String, reason: Schema.String }) {
  override get message(): string {
    return `cannot replace ${this.file}: ${this.reason}`
  }
}

/** Parses the command line (without `node` and the script). A `--` that npm or pnpm passes on is ignored. */
export const parse = (argv: ReadonlyArray<string>): Either.Either<Arguments, UsageError> =>
  Either.try({
    try: () => {
      const { values } = parseArgs({
        args: argv.filter((arg) => arg !== "--"),
        options: {
          db: { type: "string" },
          store: { type: "string" },
          schema: { type: "string" },
          force: { type: "boolean" },
          help: { type: "boolean", short: "h" },
          synchronous: { type: "string" }
        },
        strict: true,
        allowPositionals: false
      })
      return {
        db: values.db,
        store: values.store,
        schema: values.schema,
        force: values.force ?? false,
        help: values.help ?? false,
        synchronous: synchronousOf(values.synchronous)
      }
    },
    catch: (error) => new UsageError({ reason: error instanceof Error ? error.message : String(error) })
  }).pipe(
    Either.flatMap((args) =>
      args.store !== undefined && args.db !== undefined
        ? Either.left(new UsageError({ reason: "--db and --store name two stores: give one" }))
        : args.store !== undefined && !/^postgres(ql)?:\/\//.test(args.store)
          ? Either.left(new UsageError({ reason: "--store takes a postgres:// or postgresql:// URL" }))
          : args.schema !== undefined && args.store === undefined
            ? Either.left(new UsageError({ reason: "--schema goes with --store" }))
            : args.store !== undefined && args.synchronous === "FULL"
              ? Either.left(new UsageError({ reason: "--synchronous is for SQLite; PostgreSQL always syncs" }))
              : Either.right(args)
    )
  )

/** The URL without its password, for the report and messages. */
export const withoutPassword = (url: string): string => {
  try {
    const parsed = new URL(url)
    if (parsed.password !== "") parsed.password = "***"
    return parsed.toString()
  } catch {
    return "postgres://(a URL that does not parse)"
  }
}

/** Where the database goes. */
export interface Target {
  /** The file to open: an absolute path, or `:memory:`. */
  readonly filename: string
  /** The database as the user named it, for the report. */
  readonly label: string
  readonly isDefault: boolean
}

/** Resolves `--db` against the directory npm was run from (`INIT_CWD`), else against `cwd`. */
export const target = (
  db: string | undefined,
  env: { readonly INIT_CWD?: string | undefined },
  cwd: string
): Target => {
  if (db === ":memory:") return { filename: db, label: db, isDefault: false }
  const base = env.INIT_CWD ?? cwd
  return db === undefined
    ? { filename: path.resolve(base, defaultDatabase), label: `./${defaultDatabase}`, isDefault: true }
    : { filename: path.resolve(base, db), label: db, isDefault: false }
}

const exists = (file: string) =>
  Effect.promise(() =>
    fs.stat(file).then(
      () => true,
      () => false
    )
  )

const remove = (file: string) =>
  Effect.tryPromise({
    try: () => fs.rm(file, { force: true }),
    catch: (error) => new DatabaseFileError({ file, reason: error instanceof Error ? error.message : String(error) })
  })

/**
 * Makes way for a fresh database: removes an existing file (with its `-wal`, `-shm` and `-journal`
 * companions) when it is the default one or `force` is set. Answers whether it replaced one.
 */
export const prepare = (
  database: Target,
  force: boolean
): Effect.Effect<"fresh" | "replaced", DatabaseExists | DatabaseFileError> =>
  Effect.gen(function* () {
    if (database.filename === ":memory:" || !(yield* exists(database.filename))) return "fresh"
    if (!database.isDefault && !force) return yield* new DatabaseExists({ database: database.label })
    for (const suffix of ["", "-wal", "-shm", "-journal"]) yield* remove(`${database.filename}${suffix}`)
    return "replaced"
  })
