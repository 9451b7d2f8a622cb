/**
 * `--store`: what it names and how it opens. A path (relative to the working directory) is a SQLite
 * file, created if missing; a `postgres://` or `postgresql://` URL names a PostgreSQL server, which
 * this build cannot open yet.
 *
 * @since 0.1.0
 */
import { SqliteStore } from "@kemitraan/sqlite"
import { Layer } from "effect"
import * as path from "node:path"
import { StoreNotSupported } from "./Errors.js"

/** The store when `--store` is not given: a SQLite file in the working directory. */
export const defaultStore = "kemitraan.sqlite"

/** Whether `--store` names a PostgreSQL server. */
export const isPostgresUrl = (store: string): boolean => /^postgres(ql)?:\/\//i.test(store)

/** The stores of `--store`: the event store and the read-model store, with the stream-fold cache. */
export const layer = (store: string): Layer.Layer<SqliteStore.Stores, SqliteStore.OpenError | StoreNotSupported> =>
  isPostgresUrl(store)
    ? Layer.fail(
        new StoreNotSupported({ store: "a PostgreSQL URL", reason: "the PostgreSQL store is not in this build yet" })
      )
    : SqliteStore.layer({ filename: store === ":memory:" ? store : path.resolve(store), synchronous: "NORMAL" })
