/**
 * The kernel's `CheckpointStore` on a SQLite database: one row per projection in `checkpoints`,
 * its state as JSON text.
 *
 * `transaction` is a real `BEGIN IMMEDIATE` transaction on the same connection: the statements a
 * projection's `onCommit` runs through the `SqlClient` (its read-model tables) and the checkpoint
 * row commit together or not at all.
 *
 * @since 0.1.0
 */
import { SqlClient } from "@effect/sql"
import { Clock, Effect, Either, Option, ParseResult, Schema } from "effect"
import { CheckpointStore, EventStoreError } from "@kemitraan/eventsourcing"
import { stringify } from "./internal/json.js"
import { toStoreError } from "./internal/sqliteError.js"
import * as SqliteTransaction from "./SqliteTransaction.js"

/** A `checkpoints` row, its state parsed from JSON. */
const CheckpointRow = Schema.Struct({ ...CheckpointStore.Checkpoint.fields, state: Schema.parseJson() })
const decodeRow = Schema.decodeUnknownEither(CheckpointRow)

/** Makes a checkpoint store on the given client. The table must exist (see `SqliteMigrations`). */
export const makeWith = (sql: SqlClient.SqlClient): CheckpointStore.CheckpointStore => {
  const transaction = SqliteTransaction.make(sql, toStoreError("checkpoint transaction"))

  const load: CheckpointStore.CheckpointStore["load"] = (name) =>
    Effect.gen(function* () {
      const operation = `load the checkpoint of "${name}"`
      const rows = yield* Effect.mapError(
        sql.unsafe<object>("SELECT name, version, position, state FROM checkpoints WHERE name = ?", [name]),
        toStoreError(operation)
      )
      if (rows.length === 0) return Option.none()
      const row = decodeRow(rows[0])
      if (Either.isLeft(row)) {
        const reason = `the stored checkpoint does not decode: ${ParseResult.TreeFormatter.formatErrorSync(row.left)}`
        return yield* new EventStoreError.StoreFailure({ operation, reason })
      }
      return Option.some(row.right)
    })

  const save: CheckpointStore.CheckpointStore["save"] = (checkpoint) =>
    Effect.gen(function* () {
      const operation = `save the checkpoint of "${checkpoint.name}"`
      const state = stringify(checkpoint.state)
      if (state === undefined) {
        return yield* new EventStoreError.StoreFailure({ operation, reason: "the state is not JSON" })
      }
      const updatedAt = new Date(yield* Clock.currentTimeMillis).toISOString()
      yield* Effect.mapError(
        sql.unsafe(
          `INSERT INTO checkpoints (name, version, position, state, updated_at) VALUES (?, ?, ?, ?, ?)
           ON CONFLICT (name) DO UPDATE SET version = excluded.version, position = excluded.position,
             state = excluded.state, updated_at = excluded.updated_at`,
          [checkpoint.name, checkpoint.version, checkpoint.position, state, updatedAt]
        ),
        toStoreError(operation)
      )
    })

  const remove: CheckpointStore.CheckpointStore["remove"] = (name) =>
    Effect.asVoid(
      Effect.mapError(
        sql.unsafe("DELETE FROM checkpoints WHERE name = ?", [name]),
        toStoreError(`remove the checkpoint of "${name}"`)
      )
    )

  return CheckpointStore.CheckpointStore.of({ load, save, remove, transaction })
}

/** Makes a checkpoint store on the `SqlClient` in context. The table must exist (see `SqliteMigrations`). */
export const make: Effect.Effect<CheckpointStore.CheckpointStore, never, SqlClient.SqlClient> = Effect.map(
  SqlClient.SqlClient,
  makeWith
)
