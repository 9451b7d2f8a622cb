import { describe, expect, it } from "@effect/vitest"
import { CommandHandler, type CommandTime, EventStore, ExpectedVersion } from "@kemitraan/eventsourcing"
import { Context, Effect, Either, Fiber, Layer, Option, Schedule, TestClock, Tracer } from "effect"
import {
  account,
  type AccountCommand,
  AccountEvents,
  AlreadyOpened,
  Deposited,
  InsufficientFunds,
  Opened,
  streamOf
} from "./fixtures/Account.js"

/** The account decider, counting its `decide` calls. */
const counting = () => {
  const calls = { decide: 0 }
  const decider = {
    ...account,
    decide: (command: AccountCommand, state: typeof account.initialState, time: CommandTime.Instants) =>
      Effect.suspend(() => {
        calls.decide++
        return account.decide(command, state, time)
      })
  }
  return { calls, decider }
}

const handlerOf = (decider: typeof account, retry?: Schedule.Schedule<unknown, unknown>) =>
  CommandHandler.make({ decider, catalog: AccountEvents, streamId: streamOf, retry, loadPageSize: 2 })

const opened = Opened.make({ accountId: "a", openedAt: new Date(0) })

/** Seeds account "a" as opened with `deposits` deposits of 100. */
const seed = (deposits: number) =>
  EventStore.appendEvents(AccountEvents, "Account-a", ExpectedVersion.noStream, [
    opened,
    ...Array.from({ length: deposits }, () => Deposited.make({ accountId: "a", amount: 100 }))
  ])

/**
 * A store in which a rival writer appends a deposit of 1 to the stream just before each of the
 * next `rivals.remaining` appends: those appends then fail with WrongExpectedVersion.
 */
const rivalStore = (rivals: { remaining: number }) =>
  Layer.effect(
    EventStore.EventStore,
    Effect.map(
      EventStore.EventStore,
      (store) =>
        ({
          ...store,
          append: (streamId, expected, events) =>
            Effect.suspend(() => {
              if (rivals.remaining <= 0) return store.append(streamId, expected, events)
              rivals.remaining--
              const rival = Either.getOrThrow(AccountEvents.encode(Deposited.make({ accountId: "a", amount: 1 })))
              const event = { eventId: crypto.randomUUID(), ...rival, metadata: { occurredAt: new Date(0) } }
              return Effect.zipRight(
                store.append(streamId, ExpectedVersion.any, [event]),
                store.append(streamId, expected, events)
              )
            })
        }) satisfies EventStore.EventStore
    )
  ).pipe(Layer.provide(EventStore.layerMemory))

const deposit10: AccountCommand = { _tag: "Deposit", accountId: "a", amount: 10 }

/** Runs `test` with a counting decider against account "a", opened, with `count` rival appends armed. */
const againstRivals = <A, E>(
  count: number,
  test: (counted: ReturnType<typeof counting>) => Effect.Effect<A, E, EventStore.EventStore>
) => {
  const rivals = { remaining: 0 }
  return Effect.gen(function* () {
    yield* seed(0)
    rivals.remaining = count
    return yield* test(counting())
  }).pipe(Effect.provide(rivalStore(rivals)))
}

const storedEvents = (streamId: string) =>
  Effect.map(EventStore.readStreamEvents(AccountEvents, streamId), (events) => events.map(({ event }) => event))

describe("CommandHandler", () => {
  it.effect("makes its span only under a tracer the application provides, never under Effect's own", () =>
    Effect.gen(function* () {
      // The decider records the span it runs in: the handler's, or none.
      const seen: Array<string | undefined> = []
      const decider = {
        ...account,
        decide: (command: AccountCommand, state: typeof account.initialState, time: CommandTime.Instants) =>
          Effect.flatMap(Effect.option(Effect.currentSpan), (span) => {
            seen.push(Option.getOrUndefined(Option.map(span, (s) => s.name)))
            return account.decide(command, state, time)
          })
      }
      const handle = handlerOf(decider)
      const native = yield* Effect.tracer
      const started: Array<string> = []
      const recording = Tracer.make({
        span: (...args) => {
          started.push(args[0])
          return native.span(...args)
        },
        context: native.context
      })
      yield* seed(0)
      yield* handle(deposit10)
      expect(seen).toEqual([undefined])
      yield* handle(deposit10).pipe(Effect.withTracer(recording))
      expect(seen).toEqual([undefined, "kemitraan.command.handle"])
      expect(started).toEqual(["kemitraan.command.handle"])
    }).pipe(Effect.provide(EventStore.layerMemory))
  )

  it.effect("handles a command: appends its events at the version read and returns them with the new state", () =>
    Effect.gen(function* () {
      yield* seed(2)
      const handle = handlerOf(account)
      const result = yield* handle({ _tag: "Withdraw", accountId: "a", amount: 150 })
      expect(result.alreadyHandled).toBe(false)
      expect(result.streamVersion).toBe(4)
      expect(result.state).toEqual({ status: "open", balance: 50 })
      expect(result.events.map(({ event }) => event)).toEqual([{ _tag: "Withdrawn", accountId: "a", amount: 150 }])
      expect(result.events[0]).toMatchObject({
        streamId: "Account-a",
        streamVersion: 4,
        position: 4,
        type: "Withdrawn"
      })
      const stored = yield* EventStore.readStreamEvents(AccountEvents, "Account-a")
      expect(stored[3]).toEqual(result.events[0])
    }).pipe(Effect.provide(EventStore.layerMemory))
  )

  it.effect("folds a stream longer than one load page before deciding", () =>
    Effect.gen(function* () {
      yield* seed(5)
      const error = yield* Effect.flip(handlerOf(account)({ _tag: "Withdraw", accountId: "a", amount: 501 }))
      expect(error).toEqual(new InsufficientFunds({ balance: 500, amount: 501 }))
    }).pipe(Effect.provide(EventStore.layerMemory))
  )

  it.effect("never retries a domain error: decide runs once and nothing is appended", () =>
    Effect.gen(function* () {
      yield* seed(0)
      const { calls, decider } = counting()
      const error = yield* Effect.flip(handlerOf(decider, Schedule.recurs(5))({ _tag: "Open", accountId: "a" }))
      expect(error).toEqual(new AlreadyOpened({ accountId: "a" }))
      expect(calls.decide).toBe(1)
      expect(yield* storedEvents("Account-a")).toEqual([opened])
    }).pipe(Effect.provide(EventStore.layerMemory))
  )

  it.effect("retries a lost race (WrongExpectedVersion) under its schedule, deciding again on the new state", () =>
    againstRivals(2, ({ calls, decider }) =>
      Effect.gen(function* () {
        const result = yield* handlerOf(decider, Schedule.recurs(3))(deposit10)
        expect(calls.decide).toBe(3)
        expect(result.streamVersion).toBe(4)
        expect(result.state.balance).toBe(12)
        expect(yield* storedEvents("Account-a")).toEqual([
          opened,
          Deposited.make({ accountId: "a", amount: 1 }),
          Deposited.make({ accountId: "a", amount: 1 }),
          Deposited.make({ accountId: "a", amount: 10 })
        ])
      })
    )
  )

  it.effect("waits between retries as its schedule says (TestClock)", () =>
    againstRivals(2, ({ calls, decider }) =>
      Effect.gen(function* () {
        const retry = Schedule.intersect(Schedule.spaced("1 second"), Schedule.recurs(3))
        const fiber = yield* Effect.fork(handlerOf(decider, retry)(deposit10))
        yield* TestClock.adjust("1 second")
        expect(calls.decide).toBe(2)
        yield* TestClock.adjust("1 second")
        const result = yield* Fiber.join(fiber)
        expect(calls.decide).toBe(3)
        expect(result.state.balance).toBe(12)
      })
    )
  )

  it.effect(
    "tells onRecorded the state a command left, after a lost race too, and nothing of a repeat or a refusal",
    () =>
      againstRivals(1, ({ decider }) =>
        Effect.gen(function* () {
          const told: Array<{ readonly version: number; readonly balance: number }> = []
          const onRecorded: CommandHandler.OnRecorded<typeof account.initialState> = (context, folded) => {
            expect(Context.getOption(context, EventStore.EventStore)._tag).toBe("Some")
            told.push({ version: folded.version, balance: folded.state.balance })
          }
          const handle = handlerOf(decider, Schedule.recurs(3))
          // Lost one race to a rival's deposit of 1, then appended at version 3.
          const result = yield* handle(deposit10, { commandId: "c1" }, onRecorded)
          expect(told).toEqual([{ version: 3, balance: 11 }])
          expect(result.state.balance).toBe(11)
          // A repeated command appends nothing, a refused one neither: neither is told.
          yield* handle(deposit10, { commandId: "c1" }, onRecorded)
          yield* Effect.flip(handle({ _tag: "Withdraw", accountId: "a", amount: 1000 }, undefined, onRecorded))
          expect(told).toEqual([{ version: 3, balance: 11 }])
          yield* handle(deposit10, { commandId: "c2" }, onRecorded)
          expect(told).toEqual([
            { version: 3, balance: 11 },
            { version: 4, balance: 21 }
          ])
        })
      )
  )

  it.effect("surfaces WrongExpectedVersion once its retries are exhausted, having appended nothing", () =>
    againstRivals(10, ({ calls, decider }) =>
      Effect.gen(function* () {
        const error = yield* Effect.flip(handlerOf(decider, Schedule.recurs(2))(deposit10))
        expect(error).toMatchObject({ _tag: "WrongExpectedVersion", streamId: "Account-a", actual: 4 })
        expect(calls.decide).toBe(3)
        const events = yield* storedEvents("Account-a")
        expect(events.filter((event) => event._tag === "Deposited" && event.amount === 10)).toEqual([])
      })
    )
  )

  it.effect(
    "one command id sent twice at once on a kept state: one writes, the other finds its events already appended and answers the first result",
    () =>
      Effect.gen(function* () {
        yield* seed(0)
        // Each decision yields, so that both fibers decide on the same kept state before either appends.
        const decider = {
          ...account,
          decide: (command: AccountCommand, state: typeof account.initialState, time: CommandTime.Instants) =>
            Effect.zipRight(Effect.yieldNow(), account.decide(command, state, time))
        }
        const handle = handlerOf(decider)
        yield* handle({ _tag: "Deposit", accountId: "a", amount: 1 })
        const deposit = { _tag: "Deposit", accountId: "a", amount: 70 } as const
        const [one, two] = yield* Effect.all(
          [handle(deposit, { commandId: "twice" }), handle(deposit, { commandId: "twice" })],
          { concurrency: 2 }
        )
        expect([one!.alreadyHandled, two!.alreadyHandled].sort()).toEqual([false, true])
        const [written, answered] = one!.alreadyHandled ? [two!, one!] : [one!, two!]
        expect(answered).toEqual({ ...written, alreadyHandled: true })
        const events = yield* storedEvents("Account-a")
        expect(events.filter((event) => event._tag === "Deposited" && event.amount === 70)).toHaveLength(1)
      }).pipe(Effect.provide(EventStore.layerMemory))
  )

  it.effect("a repeated command id is a no-op that returns the first result with alreadyHandled", () =>
    Effect.gen(function* () {
      yield* seed(0)
      const { calls, decider } = counting()
      const handle = handlerOf(decider)
      const first = yield* handle({ _tag: "Deposit", accountId: "a", amount: 70 }, { commandId: "cmd-1" })
      yield* handle({ _tag: "Deposit", accountId: "a", amount: 5 })
      const head = yield* Effect.flatMap(EventStore.EventStore, (store) => store.headPosition)
      const again = yield* handle({ _tag: "Deposit", accountId: "a", amount: 70 }, { commandId: "cmd-1" })
      expect(first.alreadyHandled).toBe(false)
      expect(again).toEqual({ ...first, alreadyHandled: true })
      expect(first.events.map((event) => event.eventId)).toEqual([CommandHandler.eventIdFor("cmd-1", 0)])
      expect(calls.decide).toBe(2)
      expect(yield* Effect.flatMap(EventStore.EventStore, (store) => store.headPosition)).toBe(head)
    }).pipe(Effect.provide(EventStore.layerMemory))
  )

  it.effect("stamps occurredAt from the Clock and carries correlation, causation and command ids", () =>
    Effect.gen(function* () {
      const at = new Date("2022-11-24T03:04:05.678Z")
      yield* TestClock.setTime(at.getTime())
      const handle = handlerOf(account)
      const ids = { commandId: "cmd-open", correlationId: "corr-1", causationId: "cause-1" }
      const result = yield* handle({ _tag: "Open", accountId: "b" }, ids)
      const [stored] = yield* EventStore.readStreamEvents(AccountEvents, "Account-b")
      expect(stored?.metadata).toEqual({
        occurredAt: at,
        recordedAt: at,
        schemaVersion: 1,
        commandHash: expect.stringMatching(/^[0-9a-f]{16}$/),
        ...ids
      })
      expect(stored?.event).toEqual(Opened.make({ accountId: "b", openedAt: at }))
      expect(result.events[0]?.metadata).toEqual(stored?.metadata)
    }).pipe(Effect.provide(EventStore.layerMemory))
  )

  it.effect(
    "a command that carries its business time: the decider and occurredAt see it, recordedAt is the Clock's",
    () =>
      Effect.gen(function* () {
        const now = new Date("2026-11-30T10:00:00.000Z")
        const happened = new Date("2022-11-24T02:00:00.000Z")
        yield* TestClock.setTime(now.getTime())
        const handle = handlerOf(account)
        yield* handle({ _tag: "Open", accountId: "c" }, { occurredAt: happened, provenance: "synthetic" })
        const [stored] = yield* EventStore.readStreamEvents(AccountEvents, "Account-c")
        expect(stored?.metadata).toEqual({
          occurredAt: happened,
          recordedAt: now,
          schemaVersion: 1,
          provenance: "synthetic"
        })
        expect(stored?.event).toEqual(Opened.make({ accountId: "c", openedAt: happened }))
      }).pipe(Effect.provide(EventStore.layerMemory))
  )

  it.effect(
    "a command id reused for another command fails with CommandIdConflict naming the id; the same command is a no-op",
    () =>
      Effect.gen(function* () {
        const handle = handlerOf(account)
        yield* handle({ _tag: "Open", accountId: "d" })
        yield* handle({ _tag: "Deposit", accountId: "d", amount: 100 }, { commandId: "cmd-1" })
        const again = yield* handle({ _tag: "Deposit", accountId: "d", amount: 100 }, { commandId: "cmd-1" })
        expect(again.alreadyHandled).toBe(true)
        const other = yield* Effect.flip(
          handle({ _tag: "Deposit", accountId: "d", amount: 200 }, { commandId: "cmd-1" })
        )
        expect(other).toEqual(
          new CommandHandler.CommandIdConflict({
            commandId: "cmd-1",
            streamId: "Account-d",
            existingStreamId: "Account-d"
          })
        )
        expect(other.message).toContain('"cmd-1"')
        const later = yield* Effect.flip(
          handle({ _tag: "Deposit", accountId: "d", amount: 100 }, { commandId: "cmd-1", occurredAt: new Date(5) })
        )
        expect(later._tag).toBe("CommandIdConflict")
        yield* handle({ _tag: "Open", accountId: "e" })
        const elsewhere = yield* Effect.flip(
          handle({ _tag: "Deposit", accountId: "e", amount: 100 }, { commandId: "cmd-1" })
        )
        expect(elsewhere).toEqual(
          new CommandHandler.CommandIdConflict({
            commandId: "cmd-1",
            streamId: "Account-e",
            existingStreamId: "Account-d"
          })
        )
        const deposits = yield* EventStore.readStreamEvents(AccountEvents, "Account-d")
        expect(deposits.map((event) => event.event._tag)).toEqual(["Opened", "Deposited"])
        expect(yield* EventStore.readStreamEvents(AccountEvents, "Account-e")).toHaveLength(1)
      }).pipe(Effect.provide(EventStore.layerMemory))
  )

  it.effect(
    "a command id reused for another command is refused by a handler that has not seen the first (no cache)",
    () =>
      Effect.gen(function* () {
        const first = CommandHandler.make({
          decider: account,
          catalog: AccountEvents,
          streamId: streamOf,
          cacheCapacity: 0
        })
        const second = CommandHandler.make({
          decider: account,
          catalog: AccountEvents,
          streamId: streamOf,
          cacheCapacity: 0
        })
        yield* first({ _tag: "Open", accountId: "f" }, { commandId: "open-f" })
        const error = yield* Effect.flip(second({ _tag: "Open", accountId: "g" }, { commandId: "open-f" }))
        expect(error).toEqual(
          new CommandHandler.CommandIdConflict({
            commandId: "open-f",
            streamId: "Account-g",
            existingStreamId: "Account-f"
          })
        )
      }).pipe(Effect.provide(EventStore.layerMemory))
  )
})
