/**
 * The kernel's `AppendSignal` on PostgreSQL: `LISTEN` on the channel each commit of appends in a
 * schema notifies (`kemitraan_<schema>`, raised by the append function with `pg_notify`), on a
 * connection of its own, so that projection workers catch up at once instead of at their next poll.
 *
 * ```ts
 * import { PgAppendSignal } from "@kemitraan/postgres"
 * const SignalLive = PgAppendSignal.layer({ url: "postgres://app@db.internal/kemitraan", schema: "forum" })
 * ```
 *
 * The listening connection is `pg`'s own client, not `@effect/sql-pg`'s `listen`: that one ignores
 * the errors of its connection, so a dropped connection would stop the wake-ups without a word.
 * Here an error or the end of the connection fails the stream with a typed `StoreFailure`, and
 * the worker listens again after its next poll. A connection pooler in transaction mode does not
 * carry `LISTEN`: point `url` at the server itself (or a session-mode pool).
 *
 * @since 0.3.0
 */
import { Effect, Layer, Redacted, Stream } from "effect"
import pg from "pg"
import { AppendSignal, EventStoreError } from "@kemitraan/eventsourcing"
import { defaultSchema } from "./PgStore.js"

/** Where to listen. */
export interface Options {
  /** A PostgreSQL connection URL: the server itself, or a pool in session mode. */
  readonly url: string | Redacted.Redacted<string>
  /** The store's schema. Default `kemitraan`. */
  readonly schema?: string | undefined
}

/** The channel on which the commits of appends in `schema` are announced. */
export const channelOf = (schema: string): string => `kemitraan_${schema}`

const failure = (channel: string, reason: string, cause?: unknown) =>
  new EventStoreError.StoreFailure({ operation: `listen on ${channel}`, reason, cause })

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error))

/** Makes the signal: each subscription to `wakeUps` opens its own listening connection, closed with it. */
export const make = (options: Options): AppendSignal.AppendSignal => {
  const channel = channelOf(options.schema ?? defaultSchema)
  const url = Redacted.isRedacted(options.url) ? Redacted.value(options.url) : options.url
  const wakeUps = Stream.asyncScoped<void, EventStoreError.StoreFailure>((emit) =>
    Effect.acquireRelease(
      Effect.tryPromise({
        try: async () => {
          const client = new pg.Client({ connectionString: url, application_name: "kemitraan-listen" })
          client.on("notification", (message) => {
            if (message.channel === channel) void emit.single(undefined)
          })
          client.on("error", (error) => void emit.fail(failure(channel, messageOf(error), error)))
          client.on("end", () => void emit.fail(failure(channel, "the listening connection ended")))
          await client.connect()
          try {
            await client.query(`LISTEN ${client.escapeIdentifier(channel)}`)
          } catch (error) {
            await client.end().catch(() => undefined)
            throw error
          }
          return client
        },
        catch: (error) => failure(channel, messageOf(error), error)
      }),
      (client) =>
        Effect.promise(async () => {
          client.removeAllListeners("end")
          client.removeAllListeners("error")
          client.on("error", () => undefined)
          await client.end().catch(() => undefined)
        })
    )
  )
  return AppendSignal.AppendSignal.of({ wakeUps })
}

/** The signal as a layer. */
export const layer = (options: Options): Layer.Layer<AppendSignal.AppendSignal> =>
  Layer.sync(AppendSignal.AppendSignal, () => make(options))
