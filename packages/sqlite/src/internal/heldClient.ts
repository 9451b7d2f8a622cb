/**
 * The store's SQLite client: an `@effect/sql` client on one better-sqlite3 connection that the
 * store also holds itself, so that its hot statements (appends, stream reads) run on statements it
 * prepared, without the per-statement span, scope and cache of the client. Everything else
 * (migrations, transactions, read-model tables, an application's own statements) goes through the
 * client as before, on the same connection.
 *
 * Prepared statements are kept by their text, at most {@link statementCapacity}, the oldest
 * prepared going first: they never expire by time, so a program that moves its `Clock` (a replay
 * of past years) does not prepare them again.
 */
import * as Reactivity from "@effect/experimental/Reactivity"
import * as Client from "@effect/sql/SqlClient"
import type { Connection } from "@effect/sql/SqlConnection"
import { SqlError } from "@effect/sql/SqlError"
import * as Statement from "@effect/sql/Statement"
import * as SqliteClient from "@effect/sql-sqlite-node/SqliteClient"
import Database from "better-sqlite3"
import * as Context from "effect/Context"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Layer from "effect/Layer"
import * as Option from "effect/Option"
import * as Predicate from "effect/Predicate"
import * as Scope from "effect/Scope"

/** How many prepared statements a connection keeps. */
export const statementCapacity = 200

/** The connection the store holds beside its client. */
export interface Held {
  /**
   * Runs `f` on the connection once no other fiber's transaction holds it (inside this fiber's own
   * transaction, at once). A throw becomes a `SqlError`.
   */
  readonly exclusive: <A>(f: (db: HeldStatements) => A) => Effect.Effect<A, SqlError>
  /**
   * `exclusive` without an Effect step, for a fiber whose context is `context`: runs `f` at once
   * and answers its result (a throw as a `SqlError`), or `undefined`, running nothing, while
   * another fiber's transaction holds the connection.
   */
  readonly exclusiveNow: <A>(
    context: Context.Context<never>,
    f: (db: HeldStatements) => A
  ) => Either.Either<A, SqlError> | undefined
  /** How many statements the connection ran, through the client or held. */
  readonly statements: () => number
  /** The client on the same connection. */
  readonly client: Client.SqlClient
}

/** The prepared statements of the held connection. */
export interface HeldStatements {
  /**
   * The statement for a text, prepared once; each call counts as a statement run. A caller sets
   * the row shape (`raw`) it wants: the client shares the statements.
   */
  readonly prepared: (text: string) => Database.Statement
  /** The rows of a query, as arrays. */
  readonly rows: (text: string, params: ReadonlyArray<unknown>) => ReadonlyArray<ReadonlyArray<unknown>>
}

/** The held connection of the store's client, beside it in the client's layer. */
export class HeldConnection extends Context.Tag("@kemitraan/sqlite/HeldConnection")<HeldConnection, Held>() {}

const sqlError = (message: string) => (cause: unknown) => new SqlError({ cause, message })

/** Options of {@link layer}: the file, and whether to open it read-only. */
export interface Options {
  readonly filename: string
  readonly readonly?: boolean | undefined
}

const make = (
  options: Options
): Effect.Effect<readonly [SqliteClient.SqliteClient, Held], never, Scope.Scope | Reactivity.Reactivity> =>
  Effect.gen(function* () {
    const db = new Database(options.filename, { readonly: options.readonly ?? false })
    yield* Effect.addFinalizer(() => Effect.sync(() => db.close()))
    const cache = new Map<string, Database.Statement>()
    let statements = 0
    const prepared = (text: string): Database.Statement => {
      statements++
      let statement = cache.get(text)
      if (statement === undefined) {
        statement = db.prepare(text)
        if (cache.size >= statementCapacity) {
          const oldest = cache.keys().next()
          if (oldest.done !== true) cache.delete(oldest.value)
        }
        cache.set(text, statement)
      }
      return statement
    }

    /** Runs a statement: rows (as arrays when `values`) for a query, else `[]`, or the run's result when `raw`. */
    const run = (text: string, params: ReadonlyArray<unknown>, raw: boolean, values: boolean) =>
      Effect.withFiberRuntime<ReadonlyArray<unknown> | Database.RunResult, SqlError>((fiber) => {
        try {
          const statement = prepared(text)
          statement.safeIntegers(Context.get(fiber.currentContext, Client.SafeIntegers))
          if (!statement.reader) {
            const result = statement.run(...params)
            return Effect.succeed(raw ? result : [])
          }
          // Statements are shared with the held connection's own use: set the row shape every time.
          return Effect.succeed(statement.raw(values).all(...params))
        } catch (cause) {
          return Effect.fail(new SqlError({ cause, message: "Failed to execute statement" }))
        }
      })

    const rowsOf = (text: string, params: ReadonlyArray<unknown>, values: boolean) =>
      Effect.map(run(text, params, false, values), (rows) => (Array.isArray(rows) ? rows : []))
    const connection: Connection = {
      execute: (text, params, transformRows) => {
        const rows = rowsOf(text, params, false)
        return transformRows === undefined ? rows : Effect.map(rows, transformRows)
      },
      executeRaw: (text, params) => run(text, params, true, false),
      executeValues: (text, params) => rowsOf(text, params, true),
      executeUnprepared: (text, params, transformRows) => {
        const rows = Effect.try({
          try: (): ReadonlyArray<object> => {
            statements++
            const statement = db.prepare(text)
            if (!statement.reader) {
              statement.run(...params)
              return []
            }
            return statement.all(...params).filter(Predicate.isObject)
          },
          catch: sqlError("Failed to execute statement")
        })
        return transformRows === undefined ? rows : Effect.map(rows, transformRows)
      },
      executeStream: () => Effect.dieMessage("executeStream is not implemented for SQLite")
    }

    const semaphore = yield* Effect.makeSemaphore(1)
    // How many fibers hold the connection across Effect steps (a transaction, a backup): while
    // none does, work that runs in one step needs no permit, since no other fiber can run meanwhile.
    let holders = 0
    const release = Effect.suspend(() => {
      holders -= 1
      return semaphore.release(1)
    })
    const acquirer = semaphore.withPermits(1)(Effect.succeed(connection))
    const transactionAcquirer = Effect.uninterruptibleMask((restore) =>
      Effect.as(
        Effect.zipRight(
          restore(semaphore.take(1)),
          Effect.tap(Effect.scope, (scope) => {
            holders += 1
            return Scope.addFinalizer(scope, release)
          })
        ),
        connection
      )
    )

    const rows = (text: string, params: ReadonlyArray<unknown>): ReadonlyArray<ReadonlyArray<unknown>> => {
      const all = prepared(text).raw(true).all(params)
      if (all.every(Array.isArray)) return all
      throw new Error(`not a query: ${text}`)
    }
    const handle: HeldStatements = { prepared, rows }
    const attempt = <A>(f: (db: HeldStatements) => A) =>
      Effect.try({ try: () => f(handle), catch: sqlError("Failed to execute statement") })
    const client = yield* Client.make({
      acquirer,
      compiler: Statement.makeCompilerSqlite(),
      transactionAcquirer,
      spanAttributes: [["db.system.name", "sqlite"]]
    })
    const inOwnTransaction = (context: Context.Context<never>) => {
      const outer = Context.getOption(context, Client.TransactionConnection)
      return Option.isSome(outer) && outer.value[0] === connection
    }
    const held: Held = {
      client,
      exclusive: (f) =>
        Effect.flatMap(Effect.context<never>(), (context) =>
          inOwnTransaction(context) ? attempt(f) : semaphore.withPermits(1)(attempt(f))
        ),
      exclusiveNow: (context, f) => {
        if (holders > 0 && !inOwnTransaction(context)) return undefined
        try {
          return Either.right(f(handle))
        } catch (cause) {
          return Either.left(new SqlError({ cause, message: "Failed to execute statement" }))
        }
      },
      statements: () => statements
    }

    const withConnection = <A>(f: () => A, message: string) =>
      semaphore.withPermits(1)(Effect.try({ try: f, catch: sqlError(message) }))
    const extra = {
      [SqliteClient.TypeId]: SqliteClient.TypeId,
      config: { filename: options.filename, readonly: options.readonly, disableWAL: true },
      export: withConnection(() => db.serialize(), "Failed to export database"),
      backup: (destination: string) =>
        semaphore.withPermits(1)(
          Effect.acquireUseRelease(
            Effect.sync(() => {
              holders += 1
            }),
            () =>
              Effect.tryPromise({ try: () => db.backup(destination), catch: sqlError("Failed to backup database") }),
            () =>
              Effect.sync(() => {
                holders -= 1
              })
          )
        ),
      loadExtension: (path: string) =>
        withConnection(() => {
          db.loadExtension(path)
          cache.clear()
        }, "Failed to load extension")
    }
    // As `@effect/sql-sqlite-node` makes its own: the SQLite client is the generic one with these
    // members, and its `updateValues` (which SQLite lacks) typed `never`.
    return [Object.assign(client as SqliteClient.SqliteClient, extra), held] as const
  })

/**
 * A SQLite client for a file (or `":memory:"`), as `SqliteClient` and `SqlClient`, holding its
 * connection for the store. Opening fails (as a defect) when better-sqlite3 cannot open the file.
 */
export const layer = (options: Options): Layer.Layer<SqliteClient.SqliteClient | Client.SqlClient | HeldConnection> =>
  Layer.scopedContext(
    Effect.map(make(options), ([client, held]) =>
      Context.make(SqliteClient.SqliteClient, client).pipe(
        Context.add(Client.SqlClient, client),
        Context.add(HeldConnection, held)
      )
    )
  ).pipe(Layer.provide(Reactivity.layer))
