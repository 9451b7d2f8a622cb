/**
 * Appends on PostgreSQL: a batch of appends in one call of `kemitraan_append` (one round trip, one
 * lock of the log's head, one commit), each append with its own expected-version check and its own
 * all-or-nothing outcome. A refused append is explained as on every engine: a retry of an append
 * that succeeded returns its result, a reused id is a conflict, else the version was wrong.
 */
import * as SqlClient from "@effect/sql/SqlClient"
import type { SqlError } from "@effect/sql/SqlError"
import * as Context from "effect/Context"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Option from "effect/Option"
import * as Schema from "effect/Schema"
import { type EventStore, EventStoreError } from "@kemitraan/eventsourcing"
import { type SqlDriver, toStoreError } from "../SqlDriver.js"
import { type AppendWork, explainRefusal } from "./append.js"
import { type Dialect, integerOf, SafeNonNegativeInt } from "./dialect.js"
import { appendStatuses } from "./pgSchema.js"

/** What one append of a batch came to. */
export type Outcome = Either.Either<EventStore.AppendResult, EventStoreError.AppendError>

const expectedCode = (work: AppendWork): number => {
  switch (work.expected._tag) {
    case "Any":
      return -1
    case "NoStream":
      return -2
    case "StreamExists":
      return -3
    case "Exact":
      return work.expected.version
  }
}

const Answer = Schema.Tuple(Schema.Literal(...appendStatuses), SafeNonNegativeInt, SafeNonNegativeInt)
const decodeAnswersFully = Schema.decodeUnknownEither(Schema.Array(Answer))
type Answers = ReadonlyArray<typeof Answer.Type>

/** A non-negative safe integer as the function answers it (an `integer`, or a `bigint`'s decimal text), or `undefined`. */
const countOf = (value: unknown): number | undefined => {
  const n = integerOf(value)
  return typeof n === "number" && Number.isSafeInteger(n) && n >= 0 ? n : undefined
}

/**
 * The function's answers: rows the schema accepts are checked with plain code on the way every
 * call takes (the schema's work cost as much as a third of the rest of a one-event append), and
 * anything else goes to the schema, which says why it does not decode.
 */
const decodeAnswers = (rows: unknown): Either.Either<Answers, unknown> => {
  if (!Array.isArray(rows)) return decodeAnswersFully(rows)
  const answers: Array<typeof Answer.Type> = []
  for (const row of rows) {
    if (!Array.isArray(row) || row.length !== 3) return decodeAnswersFully(rows)
    const [status, version, position] = row as Array<unknown>
    const v = countOf(version)
    const p = countOf(position)
    if ((status !== "appended" && status !== "refused") || v === undefined || p === undefined) {
      return decodeAnswersFully(rows)
    }
    answers.push([status, v, p])
  }
  return Either.right(answers)
}

const callText =
  "SELECT status, version, last_position FROM kemitraan_append(?::text[], ?::bigint[], ?::integer[], ?::timestamptz[], ?::text[], ?::text[], ?::json, ?::json, ?)"

const failure = (reason: string) => new EventStoreError.StoreFailure({ operation: "append", reason })

const inTransaction = new EventStoreError.InvalidStoreRequest({
  operation: "append",
  reason:
    "an append on PostgreSQL does not run inside a transaction of the caller's: the log's head would stay locked until it ends"
})

/** The parameters of one call for a batch. */
const paramsOf = (works: ReadonlyArray<AppendWork>, lockTimeoutMillis: number): Array<unknown> => {
  const ids: Array<string> = []
  const types: Array<string> = []
  // The events' JSON texts joined into one JSON array each: each is one JSON value as encoded.
  let data = ""
  let metadata = ""
  for (const work of works) {
    for (const event of work.encoded) {
      const comma = ids.length === 0 ? "" : ","
      ids.push(event.eventId)
      types.push(event.type)
      data += comma + event.data
      metadata += comma + event.metadata
    }
  }
  return [
    works.map((work) => work.streamId),
    works.map(expectedCode),
    works.map((work) => work.encoded.length),
    works.map((work) => work.recordedAt),
    ids,
    types,
    `[${data}]`,
    `[${metadata}]`,
    `${Math.max(1, Math.round(lockTimeoutMillis))}ms`
  ]
}

/** The default wait for the log's head. */
export const defaultLockTimeoutMillis = 5_000

/**
 * Appends a batch in one call. A failure of the whole call (the head busy past `lock_timeout`, the
 * server gone) is every append's outcome; an input the server refuses (a constraint, text it cannot
 * hold) sends each append of a larger batch alone, so that one bad append fails no other. Written
 * as plain continuations rather than a generator: it runs for every batch, most often of one.
 */
export const appendBatch = (
  sql: SqlClient.SqlClient,
  driver: SqlDriver,
  dialect: Dialect,
  works: ReadonlyArray<AppendWork>
): Effect.Effect<Array<Outcome>> =>
  works.length === 0
    ? Effect.succeed([])
    : Effect.contextWithEffect((context: Context.Context<never>) => {
        if (Option.isSome(Context.getOption(context, SqlClient.TransactionConnection))) {
          return Effect.succeed(works.map(() => Either.left(inTransaction)))
        }
        const params = paramsOf(works, driver.lockTimeoutMillis ?? defaultLockTimeoutMillis)
        const text = dialect.text(callText)
        return Effect.matchEffect(
          driver.appendCall === undefined ? sql.unsafe(text, params).values : driver.appendCall(text, params),
          {
            onFailure: (error) => callFailed(sql, driver, dialect, works, error),
            onSuccess: (rows) => answered(sql, driver, dialect, works, rows)
          }
        )
      })

/** The outcomes when the whole call failed. */
const callFailed = (
  sql: SqlClient.SqlClient,
  driver: SqlDriver,
  dialect: Dialect,
  works: ReadonlyArray<AppendWork>,
  error: SqlError
): Effect.Effect<Array<Outcome>> => {
  const kind = driver.classify(error)
  if (works.length > 1 && (kind === "constraint" || kind === "overtaken")) {
    return Effect.forEach(works, (work) => Effect.map(appendBatch(sql, driver, dialect, [work]), (o) => o[0]!))
  }
  if (kind === "constraint") {
    return Effect.map(Effect.either(explainRefusal(sql, driver, dialect, works[0]!, error)), (explained) => [explained])
  }
  const storeError = toStoreError(driver, "append")(error)
  return Effect.succeed(works.map(() => Either.left(storeError)))
}

/** The outcomes from the function's answers: a refused append is explained (a retry, a conflict, or the version). */
const answered = (
  sql: SqlClient.SqlClient,
  driver: SqlDriver,
  dialect: Dialect,
  works: ReadonlyArray<AppendWork>,
  rows: unknown
): Effect.Effect<Array<Outcome>> => {
  const answers = decodeAnswers(rows)
  if (Either.isLeft(answers) || answers.right.length !== works.length) {
    const reason = `unexpected answer from kemitraan_append: ${JSON.stringify(rows).slice(0, 200)}`
    return Effect.succeed(works.map(() => Either.left(failure(reason))))
  }
  const outcomes: Array<Outcome> = []
  for (const [status, version, position] of answers.right) {
    if (status !== "appended") break
    outcomes.push(Either.right({ streamVersion: version, position }))
  }
  if (outcomes.length === works.length) return Effect.succeed(outcomes)
  return Effect.forEach(works, (work, i) => {
    const [status, version, position] = answers.right[i]!
    if (status === "appended") return Effect.succeed(Either.right({ streamVersion: version, position }))
    const wrong = new EventStoreError.WrongExpectedVersion({
      streamId: work.streamId,
      expected: work.expected,
      actual: version
    })
    return Effect.either(explainRefusal(sql, driver, dialect, work, wrong))
  })
}
