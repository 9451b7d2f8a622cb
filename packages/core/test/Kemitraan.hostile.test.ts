import { describe, expect, it } from "@effect/vitest"
import { Kemitraan } from "@kemitraan/core"
import { EventStore } from "@kemitraan/eventsourcing"
import { EventLoop } from "@kemitraan/eventsourcing/testing"
import { Cause, Effect, Exit, Option, Runtime } from "effect"
import * as fc from "fast-check"
import * as F from "./fixtures.js"

const tags = [
  "EnrolSme",
  "EnrolCounterpart",
  "ReportBusinessFigures",
  "ScheduleForum",
  "RegisterSme",
  "OpenForum",
  "RecordAssessment",
  "AwardContract",
  "Unknown"
]

/** Input a careless or hostile client may post: any JSON, any value, and near-commands with any fields. */
const hostileInput: fc.Arbitrary<unknown> = fc.oneof(
  fc.jsonValue(),
  fc.anything({ withBigInt: true, withDate: true, withMap: true, withSet: true, withNullPrototype: true }),
  fc
    .record({ _tag: fc.constantFrom(...tags) })
    .chain((head) =>
      fc.dictionary(fc.string(), fc.jsonValue(), { maxKeys: 6 }).map((fields) => ({ ...fields, ...head }))
    ),
  fc.constantFrom(
    F.enrolSme(),
    { ...F.enrolSme(), extra: 1 },
    new Proxy(
      {},
      {
        get: () => {
          throw new Error("hostile getter")
        }
      }
    ),
    Object.defineProperty({ _tag: "EnrolSme" }, "participantId", {
      enumerable: true,
      get: () => {
        throw new Error("hostile")
      }
    })
  )
)

const hostileOptions: fc.Arbitrary<unknown> = fc.oneof(
  fc.constant(undefined),
  fc.record({ commandId: fc.oneof(fc.string(), fc.constant("a\uD800")) }),
  fc.anything()
)

const head = Effect.flatMap(EventStore.EventStore, (store) => store.headPosition)

describe("Kemitraan.handleUnknown with hostile input", () => {
  it.live(
    "property: any input and options return within a bounded time, without a throw or a defect, and a failure writes nothing",
    () =>
      EventLoop.breathing(
        Effect.gen(function* () {
          const run = Runtime.runPromise(yield* Effect.runtime<EventStore.EventStore>())
          const check = (input: unknown, options: unknown) =>
            Effect.gen(function* () {
              const before = yield* head
              // The property sends what the types forbid, as a JavaScript client may.
              const call = Kemitraan.handleUnknown(input, options as Parameters<typeof Kemitraan.handleUnknown>[1])
              const exit = yield* Effect.exit(Effect.timeout(call, "5 seconds"))
              if (Exit.isSuccess(exit)) return
              const error = Option.getOrUndefined(Cause.failureOption(exit.cause))
              expect(error, Cause.pretty(exit.cause)).toBeDefined()
              expect(error).not.toBeInstanceOf(Cause.TimeoutException)
              expect(typeof (error as { readonly _tag?: unknown })._tag).toBe("string")
              expect(yield* head).toBe(before)
            })
          yield* Effect.promise(() =>
            fc.assert(
              fc.asyncProperty(hostileInput, hostileOptions, (input, options) => run(check(input, options))),
              { numRuns: 300 }
            )
          )
        }).pipe(Effect.provide(EventStore.layerMemory))
      ),
    120_000
  )
})
