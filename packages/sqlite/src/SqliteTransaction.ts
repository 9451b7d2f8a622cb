/**
 * Write transactions that take SQLite's write lock when they begin (`BEGIN IMMEDIATE`).
 *
 * `SqlClient.withTransaction` begins with a plain (deferred) `BEGIN`: the transaction reads under a
 * snapshot and asks for the write lock only at its first write. If another process committed in
 * between, SQLite cannot upgrade the stale snapshot and fails at once with `SQLITE_BUSY`, without
 * waiting for the busy timeout. A transaction that reads and then writes (check the version, then
 * append) must therefore take the lock first: `BEGIN IMMEDIATE` waits up to the busy timeout for
 * other writers and then holds the lock until it commits, so its reads stay true.
 *
 * Inside a transaction, every statement of the same `SqlClient` joins it, including nested
 * `SqlClient.withTransaction` calls (they become savepoints). A nested {@link immediate} becomes a
 * savepoint too.
 *
 * @since 0.1.0
 */
import * as SqlClient from "@effect/sql/SqlClient"
import type { Connection } from "@effect/sql/SqlConnection"
import type { SqlError } from "@effect/sql/SqlError"
import * as Cause from "effect/Cause"
import * as Effect from "effect/Effect"
import * as Exit from "effect/Exit"
import * as Option from "effect/Option"
import * as Scope from "effect/Scope"
import { identity } from "effect/Function"

/** Runs an effect in one write transaction, failing with `X` when beginning or committing fails. */
export type Transactor<X> = <A, E, R>(effect: Effect.Effect<A, E, R>) => Effect.Effect<A, E | X, R>

/**
 * Like {@link Transactor}, but hands the body the transaction's connection: statements run on it
 * directly skip the per-statement work of `SqlClient` (a span and a scope each), several times
 * the cost of a small statement itself.
 */
export type ConnectionTransactor<X> = <A, E, R>(
  body: (conn: Connection) => Effect.Effect<A, E, R>
) => Effect.Effect<A, E | X, R>

const exec = (conn: Connection, statement: string): Effect.Effect<void, SqlError> =>
  Effect.asVoid(conn.execute(statement, [], undefined))

const rollback = (conn: Connection, statements: ReadonlyArray<string>): Effect.Effect<void> =>
  Effect.forEach(
    statements,
    (statement) =>
      Effect.catchAll(exec(conn, statement), (error) =>
        // SQLite may already have rolled back (after an I/O error, say): then there is nothing to undo.
        Effect.logDebug(`${statement} failed: ${error.message}`)
      ),
    { discard: true }
  )

type Restore = <AX, EX, RX>(effect: Effect.Effect<AX, EX, RX>) => Effect.Effect<AX, EX, RX>

const outermost = <X, A, E, R>(
  sql: SqlClient.SqlClient,
  onError: (error: SqlError) => X,
  body: (conn: Connection) => Effect.Effect<A, E, R>
): Effect.Effect<A, E | X, R> =>
  Effect.uninterruptibleMask((restore) =>
    Effect.gen(function* () {
      // `reserve` holds the client's one connection until `scope` closes.
      const scope = yield* Scope.make()
      const acquired = yield* Effect.exit(restore(Scope.extend(sql.reserve, scope)))
      if (Exit.isFailure(acquired)) {
        yield* Scope.close(scope, acquired)
        return yield* Effect.failCause(Cause.map(acquired.cause, onError))
      }
      const exit = yield* Effect.exit(run(acquired.value, onError, body, restore))
      yield* Scope.close(scope, exit)
      return yield* exit
    })
  )

const run = <X, A, E, R>(
  conn: Connection,
  onError: (error: SqlError) => X,
  body: (conn: Connection) => Effect.Effect<A, E, R>,
  restore: Restore
): Effect.Effect<A, E | X, R> =>
  Effect.gen(function* () {
    yield* Effect.mapError(exec(conn, "BEGIN IMMEDIATE"), onError)
    const exit = yield* Effect.exit(
      restore(Effect.provideService(body(conn), SqlClient.TransactionConnection, [conn, 0]))
    )
    if (Exit.isFailure(exit)) {
      yield* rollback(conn, ["ROLLBACK"])
      return yield* exit
    }
    const committed = yield* Effect.exit(exec(conn, "COMMIT"))
    if (Exit.isFailure(committed)) {
      yield* rollback(conn, ["ROLLBACK"])
      return yield* Effect.failCause(Cause.map(committed.cause, onError))
    }
    return exit.value
  })

const nested = <X, A, E, R>(
  [conn, depth]: readonly [Connection, number],
  onError: (error: SqlError) => X,
  body: (conn: Connection) => Effect.Effect<A, E, R>
): Effect.Effect<A, E | X, R> =>
  Effect.uninterruptibleMask((restore) =>
    Effect.gen(function* () {
      const name = `kemitraan_${depth + 1}`
      yield* Effect.mapError(exec(conn, `SAVEPOINT ${name}`), onError)
      const exit = yield* Effect.exit(
        restore(Effect.provideService(body(conn), SqlClient.TransactionConnection, [conn, depth + 1]))
      )
      if (Exit.isFailure(exit)) {
        yield* rollback(conn, [`ROLLBACK TO ${name}`, `RELEASE ${name}`])
        return yield* exit
      }
      yield* Effect.mapError(exec(conn, `RELEASE ${name}`), onError)
      return exit.value
    })
  )

/**
 * Makes a connection transactor for one client: outside a transaction it runs `BEGIN IMMEDIATE`
 * ... `COMMIT` (rolling back on failure or interruption); inside one it uses a savepoint. `onError`
 * maps the failures of those statements, such as a lock held past the busy timeout.
 */
export const makeWithConnection =
  <X>(sql: SqlClient.SqlClient, onError: (error: SqlError) => X): ConnectionTransactor<X> =>
  (body) =>
    Effect.flatMap(Effect.serviceOption(SqlClient.TransactionConnection), (outer) =>
      Option.isSome(outer) ? nested(outer.value, onError, body) : outermost(sql, onError, body)
    )

/** Makes a transactor for one client; see {@link makeWithConnection}. */
export const make = <X>(sql: SqlClient.SqlClient, onError: (error: SqlError) => X): Transactor<X> => {
  const withConnection = makeWithConnection(sql, onError)
  return (effect) => withConnection(() => effect)
}

/** Runs an effect in one `BEGIN IMMEDIATE` transaction of the `SqlClient` in context. */
export const immediate = <A, E, R>(
  effect: Effect.Effect<A, E, R>
): Effect.Effect<A, E | SqlError, R | SqlClient.SqlClient> =>
  Effect.flatMap(SqlClient.SqlClient, (sql) => make(sql, identity<SqlError>)(effect))
