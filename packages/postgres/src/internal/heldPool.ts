/**
 * A few `pg` connections that the store holds beside its client, so that its append call runs on
 * them directly, without the client's per-statement span, scope and compiler: for one writer's
 * appends of 20 events that work cost about a third of the client's CPU. Everything else (reads,
 * migrations, transactions, read-model tables, an application's own statements) goes through the
 * client, on the client's own pool; both use `pg`'s default types.
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
 * The pool's connections: at most `connections`, each `pg` client running one statement at a
 * time, the last one used first. Not `pg.Pool`: its bookkeeping for each statement (listeners
 * added and removed, a timer set and cleared for every idle connection) cost about 90 µs of CPU
 * a call here, a sixth of one writer's append of 20 events. A connection that breaks is dropped
 * (when it is idle, or when its statement ends); the next statement opens another.
 */
interface Connections {
  readonly acquire: (use: (error: Error | undefined, client: pg.Client | undefined) => void) => void
  readonly release: (client: pg.Client) => void
  readonly end: () => Promise<void>
}

const connections = (options: Options): Connections => {
  const idle: Array<pg.Client> = []
  const waiting: Array<(error: Error | undefined, client: pg.Client | undefined) => void> = []
  const broken = new WeakSet<pg.Client>()
  const all = new Set<pg.Client>()
  const open = (use: (error: Error | undefined, client: pg.Client | undefined) => void) => {
    const client = new pg.Client({ connectionString: options.url, application_name: options.applicationName })
    all.add(client)
    const drop = () => {
      broken.add(client)
      const at = idle.indexOf(client)
      if (at >= 0) {
        idle.splice(at, 1)
        forget(client)
      }
    }
    client.on("error", drop)
    client.on("end", drop)
    client.connect((error: Error | undefined) => {
      if (error === null || error === undefined) return use(undefined, client)
      forget(client)
      use(error, undefined)
    })
  }
  const forget = (client: pg.Client) => {
    all.delete(client)
    void client.end().catch(() => undefined)
  }
  const release = (client: pg.Client) => {
    if (broken.has(client)) {
      forget(client)
      const next = waiting.shift()
      if (next !== undefined) open(next)
      return
    }
    const next = waiting.shift()
    if (next !== undefined) next(undefined, client)
    else idle.push(client)
  }
  return {
    acquire: (use) => {
      const client = idle.pop()
      if (client !== undefined) use(undefined, client)
      else if (all.size < options.connections) open(use)
      else waiting.push(use)
    },
    release,
    end: () => Promise.all([...all].map((client) => client.end().catch(() => undefined))).then(() => undefined)
  }
}

/**
 * Runs statements as prepared statements of the pool's connections, named by their text: each
 * connection parses and plans a text once, then only binds and executes it.
 */
const valuesOn = (pool: Connections): Held["values"] => {
  const names = new Map<string, string>()
  return (text, params) =>
    Effect.async<Array<Array<unknown>>, SqlError>((resume) => {
      let name = names.get(text)
      if (name === undefined) {
        name = `kemitraan_${names.size + 1}`
        names.set(text, name)
      }
      const query = { name, text, values: [...params], rowMode: "array" as const }
      pool.acquire((error, client) => {
        if (client === undefined) return resume(Effect.fail(failed(error)))
        // `pg` writes each parameter itself (arrays as array literals), as it does for the client's statements.
        client.query<Array<unknown>>(query, (error, result) => {
          pool.release(client)
          resume(error === undefined || error === null ? Effect.succeed(result.rows) : Effect.fail(failed(error)))
        })
      })
    })
}

/**
 * The pool with its connections open (so that the first appends do not race to open them, and
 * appends sent one after the other reach the server in that order), closed with the scope.
 */
const openPool = (options: Options): Effect.Effect<Connections, SqlError, Scope.Scope> =>
  Effect.acquireRelease(
    Effect.suspend(() => {
      const pool = connections(options)
      const first = Array.from(
        { length: options.connections },
        () =>
          new Promise<pg.Client>((resolve, reject) =>
            pool.acquire((error, client) => (client === undefined ? reject(error) : resolve(client)))
          )
      )
      return Effect.tryPromise({
        try: () =>
          Promise.all(first).then((clients) => {
            for (const client of clients) pool.release(client)
            return pool
          }),
        catch: (cause) => {
          void Promise.allSettled(first).then(() => pool.end())
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
