import { describe, expect, it } from "@effect/vitest"
import {
  CheckpointStore,
  EventStore,
  EventStoreError,
  ExpectedVersion,
  ProjectionRunner
} from "@kemitraan/eventsourcing"
import { Duration, Effect, Layer, Option, TestClock } from "effect"
import * as fc from "fast-check"
import { type AccountEvent, AccountEvents, Deposited, Opened, Withdrawn } from "./fixtures/Account.js"
import { balancesProjection, foldBalances } from "./fixtures/Balances.js"

const stores = Layer.merge(EventStore.layerMemory, CheckpointStore.layerMemory)

const opened = (accountId: string) => Opened.make({ accountId, openedAt: new Date(0) })
const deposit = (accountId: string, amount: number) => Deposited.make({ accountId, amount })

const append = (...events: ReadonlyArray<AccountEvent>) =>
  Effect.forEach(events, (event) =>
    EventStore.appendEvents(AccountEvents, `Account-${event.accountId}`, ExpectedVersion.any, [event])
  )

const loadCheckpoint = (name: string) => Effect.flatMap(CheckpointStore.CheckpointStore, (store) => store.load(name))

describe("ProjectionRunner", () => {
  it.effect("catchUp folds the log and saves state and checkpoint; the next catchUp folds only what came since", () =>
    Effect.gen(function* () {
      const { calls, projection } = balancesProjection()
      const first = [opened("a"), deposit("a", 100), opened("b")]
      yield* append(...first)
      expect(yield* ProjectionRunner.catchUp(projection)).toEqual({ state: { a: 100, b: 0 }, position: 3 })
      expect(yield* loadCheckpoint("balances")).toEqual(
        Option.some({ name: "balances", version: 1, position: 3, state: { a: 100, b: 0 } })
      )
      calls.evolve = 0
      yield* append(deposit("b", 40), deposit("a", 5))
      const second = yield* ProjectionRunner.catchUp(projection, { pageSize: 1 })
      expect(calls.evolve).toBe(2)
      expect(second).toEqual({ state: { a: 105, b: 40 }, position: 5 })
      expect(second).toEqual(yield* ProjectionRunner.run(projection))
    }).pipe(Effect.provide(stores))
  )

  it.effect("catchUp resumes from the saved state, not from a fold of the log", () =>
    Effect.gen(function* () {
      const { projection } = balancesProjection()
      yield* append(opened("a"), deposit("a", 100), deposit("a", 1))
      const checkpoints = yield* CheckpointStore.CheckpointStore
      yield* checkpoints.save({ name: "balances", version: 1, position: 2, state: { a: 7000 } })
      expect(yield* ProjectionRunner.catchUp(projection)).toEqual({ state: { a: 7001 }, position: 3 })
    }).pipe(Effect.provide(stores))
  )

  it.effect("a new projection version rebuilds from position 0, resetting the read model once", () =>
    Effect.gen(function* () {
      yield* append(opened("a"), deposit("a", 100), deposit("a", 20))
      yield* ProjectionRunner.catchUp(balancesProjection({ version: 1 }).projection)
      const { calls, projection } = balancesProjection({ version: 2 })
      let resets = 0
      const result = yield* ProjectionRunner.catchUp(projection, { onReset: Effect.sync(() => void resets++) })
      expect(resets).toBe(1)
      expect(calls.evolve).toBe(3)
      expect(result).toEqual({ state: { a: 120 }, position: 3 })
      expect(Option.map(yield* loadCheckpoint("balances"), (c) => c.version)).toEqual(Option.some(2))
      yield* ProjectionRunner.catchUp(projection, { onReset: Effect.sync(() => void resets++) })
      expect(resets).toBe(1)
    }).pipe(Effect.provide(stores))
  )

  it.effect("rebuild forgets the checkpoint, resets the read model and folds from position 0", () =>
    Effect.gen(function* () {
      const { calls, projection } = balancesProjection()
      yield* append(opened("a"), deposit("a", 100))
      yield* ProjectionRunner.catchUp(projection)
      calls.evolve = 0
      let resets = 0
      const result = yield* ProjectionRunner.rebuild(projection, { onReset: Effect.sync(() => void resets++) })
      expect([resets, calls.evolve]).toEqual([1, 2])
      expect(result).toEqual({ state: { a: 100 }, position: 2 })
    }).pipe(Effect.provide(stores))
  )

  it.effect("a saved state that no longer decodes is rebuilt from position 0", () =>
    Effect.gen(function* () {
      const { projection } = balancesProjection()
      yield* append(opened("a"), deposit("a", 100))
      const checkpoints = yield* CheckpointStore.CheckpointStore
      yield* checkpoints.save({ name: "balances", version: 1, position: 1, state: { a: "not a number" } })
      expect(yield* ProjectionRunner.catchUp(projection)).toEqual({ state: { a: 100 }, position: 2 })
    }).pipe(Effect.provide(stores))
  )

  it.effect("with eventTypes, other types are neither decoded nor folded, yet the position moves past them", () =>
    Effect.gen(function* () {
      const { calls, projection } = balancesProjection({ eventTypes: ["Deposited"] })
      yield* append(opened("a"), deposit("a", 100))
      const store = yield* EventStore.EventStore
      const broken = { _tag: "Withdrawn", accountId: "a", amount: "a lot" }
      yield* store.append("Account-a", ExpectedVersion.any, [
        { eventId: "broken", type: "Withdrawn", data: broken, metadata: { occurredAt: new Date(0) } }
      ])
      yield* append(deposit("a", 5))
      expect(yield* ProjectionRunner.catchUp(projection)).toEqual({ state: { a: 105 }, position: 4 })
      expect(calls.evolve).toBe(2)
      const all = balancesProjection().projection
      const error = yield* Effect.flip(ProjectionRunner.run(all))
      expect(error).toMatchObject({ _tag: "EventDecodeError", position: 3, eventType: "Withdrawn" })
    }).pipe(Effect.provide(stores))
  )

  it.effect("onCommit runs in the checkpoint's transaction with the progress it commits", () =>
    Effect.gen(function* () {
      const { projection } = balancesProjection()
      yield* append(opened("a"), deposit("a", 1), deposit("a", 2), deposit("a", 3), deposit("a", 4))
      const commits: Array<number> = []
      const checkpoints = yield* CheckpointStore.CheckpointStore
      const result = yield* ProjectionRunner.catchUp(projection, {
        pageSize: 1,
        commitEvery: 2,
        onCommit: (progress) =>
          Effect.gen(function* () {
            commits.push(progress.position)
            // The checkpoint this transaction will write is not saved yet.
            const saved = yield* checkpoints.load("balances")
            expect(Option.map(saved, (c) => c.position)).not.toEqual(Option.some(progress.position))
          })
      })
      expect(commits).toEqual([2, 4, 5])
      expect(result.position).toBe(5)
    }).pipe(Effect.provide(stores))
  )

  describe("commits that take long are put off", () => {
    /** Catches up with commits every 2 events, each taking `commitSeconds` of the test clock. */
    const commitsOf = (commitSeconds: number, maxCommitShare?: number) =>
      Effect.gen(function* () {
        const { projection } = balancesProjection()
        yield* append(opened("a"), deposit("a", 1), deposit("a", 2), deposit("a", 3), deposit("a", 4))
        const commits: Array<number> = []
        const result = yield* ProjectionRunner.catchUp(projection, {
          pageSize: 1,
          commitEvery: 2,
          maxCommitShare,
          onCommit: (progress) =>
            Effect.sync(() => commits.push(progress.position)).pipe(
              Effect.zipRight(TestClock.adjust(Duration.seconds(commitSeconds)))
            )
        })
        expect(result).toEqual({ state: { a: 10 }, position: 5 })
        return commits
      }).pipe(Effect.provide(stores))

    it.effect("commits that take no time are made at every commitEvery", () =>
      Effect.map(commitsOf(0), (commits) => expect(commits).toEqual([2, 4, 5]))
    )

    it.effect("after a 1 s commit with a share of 0.5, no commit before 1 s more has passed; the last is made", () =>
      Effect.map(commitsOf(1, 0.5), (commits) => expect(commits).toEqual([2, 5]))
    )

    it.effect("a share of 1 commits at every commitEvery however long commits take", () =>
      Effect.map(commitsOf(1, 1), (commits) => expect(commits).toEqual([2, 4, 5]))
    )

    it.effect.each([0, -0.1, 1.5, Number.NaN])("a share of %s is refused with InvalidStoreRequest", (share) =>
      Effect.gen(function* () {
        const { projection } = balancesProjection()
        const error = yield* Effect.flip(ProjectionRunner.catchUp(projection, { maxCommitShare: share }))
        expect(error).toMatchObject({ _tag: "InvalidStoreRequest" })
        expect(error.message).toContain("maxCommitShare")
      }).pipe(Effect.provide(stores))
    )
  })

  it.effect("a failing onCommit rolls back its writes and the checkpoint; catchUp resumes from the last commit", () =>
    Effect.gen(function* () {
      const { calls, projection } = balancesProjection()
      yield* append(opened("a"), deposit("a", 1), deposit("a", 2), deposit("a", 3), deposit("a", 4))
      const checkpoints = yield* CheckpointStore.CheckpointStore
      const refuse = new EventStoreError.StoreFailure({ operation: "read model write", reason: "disk full" })
      const error = yield* Effect.flip(
        ProjectionRunner.catchUp(projection, {
          pageSize: 1,
          commitEvery: 2,
          onCommit: (progress) =>
            Effect.zipRight(
              checkpoints.save({ name: "read-model", version: 1, position: progress.position, state: null }),
              progress.position > 2 ? Effect.fail(refuse) : Effect.void
            )
        })
      )
      expect(error).toBe(refuse)
      expect(Option.map(yield* loadCheckpoint("balances"), (c) => c.position)).toEqual(Option.some(2))
      expect(Option.map(yield* loadCheckpoint("read-model"), (c) => c.position)).toEqual(Option.some(2))
      calls.evolve = 0
      expect(yield* ProjectionRunner.catchUp(projection)).toEqual({ state: { a: 10 }, position: 5 })
      expect(calls.evolve).toBe(3)
    }).pipe(Effect.provide(stores))
  )

  it.effect("catchUp with until stops at that position", () =>
    Effect.gen(function* () {
      const { projection } = balancesProjection()
      yield* append(opened("a"), deposit("a", 1), deposit("a", 2))
      expect(yield* ProjectionRunner.catchUp(projection, { until: 2 })).toEqual({ state: { a: 1 }, position: 2 })
      expect(yield* ProjectionRunner.catchUp(projection)).toEqual({ state: { a: 3 }, position: 3 })
    }).pipe(Effect.provide(stores))
  )
})

/** The memory store seen through positions multiplied by `gap`: strictly increasing, not contiguous. */
const gappedStore = (gap: number) =>
  Layer.effect(
    EventStore.EventStore,
    Effect.map(EventStore.EventStore, (store) => ({
      ...store,
      readAllPage: (after: number, limit: number) =>
        Effect.map(store.readAllPage(Math.floor(after / gap), limit), (page) =>
          page.map((event) => ({ ...event, position: event.position * gap }))
        ),
      headPosition: Effect.map(store.headPosition, (head) => head * gap)
    }))
  ).pipe(Layer.provide(EventStore.layerMemory))

const randomLog = fc.array(
  fc.record({
    accountId: fc.constantFrom("a", "b", "c"),
    amount: fc.integer({ min: 1, max: 1_000_000 }),
    withdraw: fc.boolean()
  }),
  { maxLength: 20 }
)

describe("ProjectionRunner.asOf", () => {
  for (const gap of [1, 3]) {
    it.effect.prop(
      `property: asOf(p) equals the fold of the log cut at p, for every p (positions ${gap === 1 ? "contiguous" : `${gap} apart`})`,
      { log: randomLog, pageSize: fc.integer({ min: 1, max: 5 }) },
      ({ log, pageSize }) =>
        Effect.gen(function* () {
          const events = log.map(({ accountId, amount, withdraw }) =>
            withdraw ? Withdrawn.make({ accountId, amount }) : deposit(accountId, amount)
          )
          yield* append(...events)
          const { projection } = balancesProjection()
          for (let p = 0; p <= events.length * gap + 1; p++) {
            const cut = Math.min(events.length, Math.floor(p / gap))
            const asOf = yield* ProjectionRunner.asOf(projection, p, { pageSize })
            expect(asOf.state).toEqual(foldBalances(events.slice(0, cut)))
            expect(asOf.position).toBe(cut * gap)
          }
        }).pipe(Effect.provide(gappedStore(gap))),
      { fastCheck: { numRuns: 20 } }
    )
  }
})
