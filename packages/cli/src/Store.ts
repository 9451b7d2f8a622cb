/**
 * `--store` and `--schema`: what they name and how it opens. A path (relative to the working
 * directory) is a SQLite file, created if missing; a `postgres://` or `postgresql://` URL is a
 * PostgreSQL server, whose store lives in the schema `--schema` names (default
 * `PgStore.defaultSchema`), created and migrated if needed. A URL is never shown with its password.
 *
 * @since 0.1.0
 */
import { PgStore } from "@kemitraan/postgres"
import { SqliteStore } from "@kemitraan/sqlite"
import { Either, type Layer, Option, Redacted } from "effect"
import * as path from "node:path"
import { UsageError } from "./Errors.js"

/** Whether `--store` names a PostgreSQL server. */
export const isPostgresUrl = (store: string): boolean => /^postgres(ql)?:\/\//i.test(store)

/** A store as `--store` and `--schema` name it, with how it is shown (`label`). */
export type Target =
  | { readonly _tag: "Sqlite"; readonly filename: string; readonly label: string }
  | {
      readonly _tag: "Postgres"
      readonly url: Redacted.Redacted<string>
      readonly schema: string
      readonly label: string
    }

/**
 * A connection URL as it may be shown: a password in the user part or in the `password` parameter
 * (which libpq and node-postgres both read) becomes `***`.
 */
export const withoutPassword = (url: URL): string => {
  const shown = new URL(url.href)
  if (shown.password !== "") shown.password = "***"
  if (shown.searchParams.has("password")) shown.searchParams.set("password", "***")
  return shown.href
}

/** Reads `--store` and `--schema`. */
export const target = (store: string, schema: Option.Option<string>): Either.Either<Target, UsageError> => {
  if (!isPostgresUrl(store)) {
    if (Option.isSome(schema)) {
      return Either.left(new UsageError({ reason: "--schema goes with a PostgreSQL --store (postgres://...)" }))
    }
    return Either.right({
      _tag: "Sqlite",
      filename: store === ":memory:" ? store : path.resolve(store),
      label: store
    })
  }
  let url: URL
  try {
    url = new URL(store)
  } catch {
    return Either.left(new UsageError({ reason: "--store: the PostgreSQL URL does not parse" }))
  }
  const name = Option.getOrElse(schema, () => PgStore.defaultSchema)
  return Either.right({
    _tag: "Postgres",
    url: Redacted.make(store),
    schema: name,
    label: `${withoutPassword(url)} (schema ${name})`
  })
}

/** The stores of a target: the event store and the read-model store, with the stream-fold cache. */
export const layer = (target: Target): Layer.Layer<SqliteStore.Stores, SqliteStore.OpenError | PgStore.OpenError> =>
  target._tag === "Sqlite"
    ? SqliteStore.layer({ filename: target.filename, synchronous: "NORMAL" })
    : PgStore.layer({ url: target.url, schema: target.schema })
