/**
 * The command's time reaches the decider as an argument: the handler reads the clock once an
 * attempt and passes the instants to `decide`, so a decider that answers an `Either` needs nothing
 * from its fiber and is taken without being run.
 */
import { describe, expect, it } from "@effect/vitest"
import { CommandHandler, type CommandTime, EventStore } from "@kemitraan/eventsourcing"
import { Effect, Either, RuntimeFlags, RuntimeFlagsPatch, Supervisor, TestClock } from "effect"
import { account, type AccountCommand, AccountEvents, Deposited, Opened, streamOf } from "./fixtures/Account.js"

const forumDay = Date.parse("2022-11-24T02:00:00.000Z")

/** Every effect the fibers it supervises evaluate, each as it is evaluated. */
class Evaluated extends Supervisor.AbstractSupervisor<void> {
  readonly effects = new Set<unknown>()
  readonly value = Effect.void
  override onEffect(_fiber: unknown, effect: unknown): void {
    this.effects.add(effect)
  }
}

/** `effect`, with every effect its fiber evaluates handed to `supervisor`. */
const watched = <A, E, R>(supervisor: Evaluated, effect: Effect.Effect<A, E, R>) =>
  Effect.supervised(
    Effect.withRuntimeFlagsPatch(effect, RuntimeFlagsPatch.enable(RuntimeFlags.OpSupervision)),
    supervisor
  )

describe("CommandHandler: the command's time", () => {
  it.effect("a decider gets the command's business time and the clock's reading as its third argument", () =>
    Effect.gen(function* () {
      const seen: Array<CommandTime.Instants> = []
      const handle = CommandHandler.make({
        decider: {
          ...account,
          decide: (command: AccountCommand, state: typeof account.initialState, time: CommandTime.Instants) => {
            seen.push(time)
            return account.decide(command, state, time)
          }
        },
        catalog: AccountEvents,
        streamId: streamOf
      })
      yield* TestClock.setTime(forumDay)
      const occurredAt = new Date(forumDay - 60_000)
      const opened = yield* handle({ _tag: "Open", accountId: "a" }, { occurredAt })
      yield* TestClock.adjust("1 minute")
      yield* handle({ _tag: "Deposit", accountId: "a", amount: 5 })
      expect(seen).toEqual([
        { occurredAt, recordedAt: new Date(forumDay), given: true },
        { occurredAt: new Date(forumDay + 60_000), recordedAt: new Date(forumDay + 60_000), given: false }
      ])
      // The decider decided at the instants the events record.
      expect(opened.events[0]?.event).toEqual(Opened.make({ accountId: "a", openedAt: occurredAt }))
      expect(opened.events[0]?.metadata.occurredAt).toEqual(occurredAt)
      expect(opened.events[0]?.metadata.recordedAt).toEqual(new Date(forumDay))
    }).pipe(Effect.provide(EventStore.layerMemory))
  )

  it.effect("a decider's Either is taken as it is: the fiber never evaluates it, as it does an effect's answer", () =>
    Effect.gen(function* () {
      const answers: Array<unknown> = []
      const deposit = (amount: number) => [Deposited.make({ accountId: "a", amount })]
      const handle = CommandHandler.make({
        decider: {
          ...account,
          decide: (command: AccountCommand, state: typeof account.initialState, time: CommandTime.Instants) => {
            const answer =
              command._tag !== "Deposit"
                ? account.decide(command, state, time)
                : command.amount === 1
                  ? Either.right(deposit(1))
                  : Effect.map(Effect.void, () => deposit(command.amount))
            answers.push(answer)
            return answer
          }
        },
        catalog: AccountEvents,
        streamId: streamOf
      })
      yield* handle({ _tag: "Open", accountId: "a" })
      // The stream is kept now: both deposits are decided on the kept state, in the handler's fiber.
      const immediate = new Evaluated()
      const first = yield* watched(immediate, handle({ _tag: "Deposit", accountId: "a", amount: 1 }))
      const effectful = new Evaluated()
      const second = yield* watched(effectful, handle({ _tag: "Deposit", accountId: "a", amount: 2 }))
      expect([first.streamVersion, second.streamVersion]).toEqual([2, 3])
      const [, either, effect] = answers
      expect(Either.isEither(either)).toBe(true)
      expect(immediate.effects.size).toBeGreaterThan(0)
      expect(immediate.effects.has(either)).toBe(false)
      // The same watch sees an answer that is an effect run: the check above can fail.
      expect(effectful.effects.has(effect)).toBe(true)
    }).pipe(Effect.provide(EventStore.layerMemory))
  )
})
