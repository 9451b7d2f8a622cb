/**
 * A small `pg` pool that the store holds beside its client, so that its append call runs on it
 * directly, without the client's per-statement span, scope and compiler: for one writer's appends
 * of 20 events that work cost about a third of the client's CPU. Everything else (reads,
 * migrations, transactions, read-model tables, an application's own statements) goes through the
 * client, on the client's own pool; both pools use `pg`'s default types.
 */
import { SqlClient } from "@effect/sql"
import { SqlError } from "@effect/sql/SqlError"
import { Context, Effect, Layer, type Scope } from "effect"
import pg from "pg"

/** The pool the store holds beside its client. */
export interface Held {
  /** Runs one statement on a connection of the pool (outside any transaction), answering its rows as arrays. */
  readonly values: (text: string, params: ReadonlyArray<unknown>) => Effect.Effect<Array<Array<unknown>>, SqlError>
  /** The store's client, beside which the pool is held. */
  readonly client: SqlClient.SqlClient
}

/** The held pool of the store's client, beside it in the client's layer. */
export class HeldPool extends Context.Tag("@kemitraan/postgres/HeldPool")<HeldPool, Held>() {}

/** The pool's settings: one connection for each batch of appends the store may have in flight (its lanes). */
export interface Options {
  readonly url: string
  readonly applicationName: string
  readonly connections: number
}

const failed = (cause: unknown) => new SqlError({ cause, message: "Failed to execute statement" })

/**
 * Runs statements as prepared statements of the pool's connections, named by their text: each
 * connection parses and plans a text once, then only binds and executes it.
 */
const valuesOn = (pool: pg.Pool): Held["values"] => {
  const names = new Map<string, string>()
  return (text, params) =>
    Effect.async<Array<Array<unknown>>, SqlError>((resume) => {
      let name = names.get(text)
      if (name === undefined) {
        name = `kemitraan_${names.size + 1}`
        names.set(text, name)
      }
      // `pg` writes each parameter itself (arrays as array literals), as it does for the client's statements.
      pool.query<Array<unknown>>({ name, text, values: [...params], rowMode: "array" }, (error, result) => {
        resume(error === undefined || error === null ? Effect.succeed(result.rows) : Effect.fail(failed(error)))
      })
    })
}

/**
 * The pool with its connections open (so that the first appends do not race to open them, and
 * appends sent one after the other reach the server in that order), closed with the scope.
 */
const openPool = (options: Options): Effect.Effect<pg.Pool, SqlError, Scope.Scope> =>
  Effect.acquireRelease(
    Effect.suspend(() => {
      const pool = new pg.Pool({
        connectionString: options.url,
        max: options.connections,
        application_name: options.applicationName
      })
      // An idle connection that breaks is dropped by the pool; the next statement opens another.
      pool.on("error", () => undefined)
      return Effect.tryPromise({
        try: () =>
          Promise.all(Array.from({ length: options.connections }, () => pool.query("SELECT 1"))).then(() => pool),
        catch: (cause) => {
          void pool.end().catch(() => undefined)
          return new SqlError({ cause, message: "Failed to open the connections of the append calls" })
        }
      })
    }),
    (pool) => Effect.promise(() => pool.end()).pipe(Effect.interruptible, Effect.timeoutOption(1000))
  )

/** The held pool beside the client in context (the store's own). */
export const layer = (options: Options): Layer.Layer<HeldPool, SqlError, SqlClient.SqlClient> =>
  Layer.scoped(
    HeldPool,
    Effect.gen(function* () {
      const client = yield* SqlClient.SqlClient
      const pool = yield* openPool(options)
      return HeldPool.of({ values: valuesOn(pool), client })
    })
  )
