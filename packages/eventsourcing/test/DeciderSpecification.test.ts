import { describe, expect, it } from "@effect/vitest"
import { DeciderSpecification } from "@kemitraan/eventsourcing/testing"
import { Effect, TestClock } from "effect"
import { account, AlreadyOpened, Deposited, InsufficientFunds, Opened, Withdrawn } from "./fixtures/Account.js"

const spec = DeciderSpecification.for(account)
const opened = Opened.make({ accountId: "a", openedAt: new Date(0) })
const deposited = (amount: number) => Deposited.make({ accountId: "a", amount })

describe("DeciderSpecification", () => {
  it.effect("then holds when decide returns equal events (compared by value, dates included)", () =>
    Effect.gen(function* () {
      yield* spec
        .given([])
        .when({ _tag: "Open", accountId: "a" })
        .then([Opened.make({ accountId: "a", openedAt: new Date(0) })])
      yield* spec
        .given([opened, deposited(500)])
        .when({ _tag: "Withdraw", accountId: "a", amount: 200 })
        .then([Withdrawn.make({ accountId: "a", amount: 200 })])
    })
  )

  it.effect("decide sees the TestClock", () =>
    Effect.gen(function* () {
      const at = new Date("2022-11-24T02:00:00.000Z")
      yield* TestClock.setTime(at.getTime())
      yield* spec
        .given([])
        .when({ _tag: "Open", accountId: "a" })
        .then([Opened.make({ accountId: "a", openedAt: at })])
    })
  )

  it.effect("decide decides at the business time `when` was given", () =>
    Effect.gen(function* () {
      yield* TestClock.setTime(Date.parse("2022-11-24T02:00:00.000Z"))
      const occurredAt = new Date("2022-11-23T09:30:00.000Z")
      yield* spec
        .given([])
        .when({ _tag: "Open", accountId: "a" }, { occurredAt })
        .then([Opened.make({ accountId: "a", openedAt: occurredAt })])
    })
  )

  it.effect("thenFails holds when decide fails with an equal error", () =>
    spec
      .given([opened, deposited(100)])
      .when({ _tag: "Withdraw", accountId: "a", amount: 101 })
      .thenFails(new InsufficientFunds({ balance: 100, amount: 101 }))
  )

  it.effect("then fails with SpecificationFailed naming both event lists when the events differ", () =>
    Effect.gen(function* () {
      const error = yield* Effect.flip(
        spec
          .given([opened])
          .when({ _tag: "Deposit", accountId: "a", amount: 5 })
          .then([deposited(6)])
      )
      expect(error._tag).toBe("SpecificationFailed")
      expect(error.reason).toBe("decide returned other events than expected")
      expect(error.expected).toContain("amount: 6")
      expect(error.actual).toContain("amount: 5")
      expect(error.message).toContain("Deposit")
    })
  )

  it.effect("then fails when decide returns more events than expected", () =>
    Effect.gen(function* () {
      const error = yield* Effect.flip(
        spec.given([opened]).when({ _tag: "Deposit", accountId: "a", amount: 5 }).then([])
      )
      expect(error.reason).toBe("decide returned other events than expected")
    })
  )

  it.effect("then fails with the domain error shown when decide failed where events were expected", () =>
    Effect.gen(function* () {
      const error = yield* Effect.flip(spec.given([opened]).when({ _tag: "Open", accountId: "a" }).then([opened]))
      expect(error.reason).toBe("decide failed where events were expected")
      expect(error.actual).toContain("AlreadyOpened")
    })
  )

  it.effect("thenFails fails when decide succeeded where a failure was expected", () =>
    Effect.gen(function* () {
      const error = yield* Effect.flip(
        spec
          .given([])
          .when({ _tag: "Open", accountId: "a" })
          .thenFails(new AlreadyOpened({ accountId: "a" }))
      )
      expect(error.reason).toBe("decide succeeded where a failure was expected")
      expect(error.actual).toContain("Opened")
      expect(error.expected).toContain("AlreadyOpened")
    })
  )

  it.effect("thenFails fails when decide failed with another error, even of the same tag", () =>
    Effect.gen(function* () {
      const withdraw = spec.given([opened, deposited(100)]).when({ _tag: "Withdraw", accountId: "a", amount: 101 })
      const other = yield* Effect.flip(withdraw.thenFails(new AlreadyOpened({ accountId: "a" })))
      expect(other.reason).toBe("decide failed with another error than expected")
      const sameTag = yield* Effect.flip(withdraw.thenFails(new InsufficientFunds({ balance: 100, amount: 102 })))
      expect(sameTag.reason).toBe("decide failed with another error than expected")
    })
  )

  it("awaiting a step instead of running it fails with a clear message", async () => {
    const step = spec.given([]).when({ _tag: "Open", accountId: "a" })
    await expect(Promise.resolve(step)).rejects.toThrow(/is an Effect/)
  })
})
