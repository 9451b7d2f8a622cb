/**
 * Model-based property: the command handler over a store must behave exactly as the decider run
 * in process, command after command: same events, in the same order, and the same refusals.
 */
import { describe, expect, it } from "@effect/vitest"
import { CommandHandler, CommandTime, Decider, EventStore } from "@kemitraan/eventsourcing"
import { Chunk, Effect, Either, Stream, TestClock } from "effect"
import * as fc from "fast-check"
import {
  type Account,
  account,
  type AccountCommand,
  type AccountEvent,
  AccountEvents,
  streamOf
} from "./fixtures/Account.js"

const accountId = fc.constantFrom("a", "b", "c")
const amount = fc.integer({ min: -10, max: 300 })

const command: fc.Arbitrary<AccountCommand> = fc.oneof(
  fc.record({ _tag: fc.constant("Open" as const), accountId }),
  fc.record({ _tag: fc.constant("Deposit" as const), accountId, amount }),
  fc.record({ _tag: fc.constant("Withdraw" as const), accountId, amount }),
  fc.record({ _tag: fc.constant("Close" as const), accountId })
)

/** A step sends a new command, or sends again (same command id) the command of an earlier step. */
type Step =
  { readonly _tag: "Send"; readonly command: AccountCommand } | { readonly _tag: "Repeat"; readonly step: number }

const step: fc.Arbitrary<Step> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ _tag: fc.constant("Send" as const), command }) },
  { weight: 1, arbitrary: fc.record({ _tag: fc.constant("Repeat" as const), step: fc.nat() }) }
)

/** The in-process model: per stream, the events the decider produced; per command id, what it wrote. */
interface Model {
  readonly streams: Map<string, Array<AccountEvent>>
  readonly written: Map<string, ReadonlyArray<AccountEvent>>
  readonly log: Array<AccountEvent>
}

type Outcome = Either.Either<
  { readonly events: ReadonlyArray<AccountEvent>; readonly alreadyHandled: boolean },
  unknown
>

const modelStep = (model: Model, sent: AccountCommand, commandId: string): Effect.Effect<Outcome> =>
  Effect.gen(function* () {
    const previous = model.written.get(commandId)
    if (previous !== undefined) return Either.right({ events: previous, alreadyHandled: true })
    const stream = model.streams.get(streamOf(sent)) ?? []
    const state: Account = Decider.fold(account, stream)
    const time = yield* CommandTime.at()
    const decided = yield* Effect.either(account.decide(sent, state, time))
    if (Either.isLeft(decided)) return Either.left(decided.left)
    stream.push(...decided.right)
    model.streams.set(streamOf(sent), stream)
    model.log.push(...decided.right)
    if (decided.right.length > 0) model.written.set(commandId, decided.right)
    return Either.right({ events: decided.right, alreadyHandled: false })
  })

const handle = CommandHandler.make({ decider: account, catalog: AccountEvents, streamId: streamOf })

const storeStep = (sent: AccountCommand, commandId: string): Effect.Effect<Outcome, never, EventStore.EventStore> =>
  Effect.map(
    Effect.either(handle(sent, { commandId })),
    Either.map((result) => ({ events: result.events.map(({ event }) => event), alreadyHandled: result.alreadyHandled }))
  )

describe("CommandHandler against an in-process model", () => {
  it.effect.prop(
    "property: for any command sequence (repeats included), the store holds exactly the events of the in-process decide/evolve model, and both refuse the same commands",
    { steps: fc.array(step, { maxLength: 30 }) },
    ({ steps }) =>
      Effect.gen(function* () {
        const model: Model = { streams: new Map(), written: new Map(), log: [] }
        const sent: Array<AccountCommand> = []
        for (const [i, current] of steps.entries()) {
          const index = current._tag === "Repeat" && i > 0 ? current.step % i : i
          const cmd = current._tag === "Send" ? current.command : (sent[index] ?? { _tag: "Open", accountId: "a" })
          sent.push(cmd)
          yield* TestClock.adjust("1 minute")
          const expected = yield* modelStep(model, cmd, `cmd-${index}`)
          const actual = yield* storeStep(cmd, `cmd-${index}`)
          expect(actual, `step ${i}: ${JSON.stringify(cmd)}`).toEqual(expected)
        }
        for (const [streamId, events] of model.streams) {
          const stored = yield* EventStore.readStreamEvents(AccountEvents, streamId)
          expect(stored.map(({ event }) => event)).toEqual(events)
        }
        const log = yield* Stream.runCollect(EventStore.readAllEvents(AccountEvents, { pageSize: 7 }))
        expect(Chunk.toReadonlyArray(log).map(({ event }) => event)).toEqual(model.log)
      }).pipe(Effect.provide(EventStore.layerMemory)),
    { fastCheck: { numRuns: 40 } }
  )
})
