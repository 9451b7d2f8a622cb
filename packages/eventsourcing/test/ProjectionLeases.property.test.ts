import { describe, expect, it } from "@effect/vitest"
import { ProjectionLeases } from "@kemitraan/eventsourcing"
import { Effect, Exit, Option, TestClock } from "effect"
import * as fc from "fast-check"

/** One step of a node against the leases, or time passing. */
type Step =
  | { readonly kind: "acquire" | "renew" | "release" | "leave"; readonly owner: string; readonly name: string }
  | { readonly kind: "elapse"; readonly millis: number }

const owner = fc.constantFrom("a", "b", "c")
const name = fc.constantFrom("m", "n")
const step: fc.Arbitrary<Step> = fc.oneof(
  fc.record({
    kind: fc.constantFrom("acquire" as const, "renew" as const, "release" as const, "leave" as const),
    owner,
    name
  }),
  fc.record({ kind: fc.constant("elapse" as const), millis: fc.integer({ min: 1, max: 250 }) })
)

const ttl = 100

/** The reference: who holds each lease, at which epoch, until when; plus what each node believes it holds. */
interface Reference {
  now: number
  readonly rows: Map<string, { owner: string | null; epoch: number; until: number }>
}

describe("projection leases in memory (TestClock)", () => {
  it.effect.prop(
    "any sequence of steps: at most one live holder per read model, the epoch goes up exactly at each change of owner, and a node holding an older epoch can neither renew nor take the lease back while it is live",
    [fc.array(step, { maxLength: 60 })],
    ([steps]) =>
      Effect.gen(function* () {
        const leases = ProjectionLeases.makeMemory()
        const reference: Reference = { now: 0, rows: new Map() }
        // What each node last obtained, by read model: the lease it would fence its commits with.
        const believed = new Map<string, ProjectionLeases.Held>()
        for (const s of steps) {
          if (s.kind === "elapse") {
            yield* TestClock.adjust(`${s.millis} millis`)
            reference.now += s.millis
            continue
          }
          const key = `${s.owner}/${s.name}`
          const row = reference.rows.get(s.name)
          if (s.kind === "acquire") {
            const got = yield* leases.acquire(s.name, s.owner, ttl)
            const free = row === undefined || row.owner === null || row.owner === s.owner || row.until <= reference.now
            expect(Option.isSome(got)).toBe(free)
            if (Option.isSome(got)) {
              const epoch = row === undefined ? 1 : row.owner === s.owner ? row.epoch : row.epoch + 1
              expect(got.value.epoch).toBe(epoch)
              reference.rows.set(s.name, { owner: s.owner, epoch, until: reference.now + ttl })
              believed.set(key, got.value)
            }
          } else if (s.kind === "renew") {
            const held = believed.get(key)
            if (held === undefined) continue
            const exit = yield* Effect.exit(leases.renew(held, ttl))
            const valid = row !== undefined && row.owner === held.owner && row.epoch === held.epoch
            expect(Exit.isSuccess(exit)).toBe(valid)
            if (valid) row.until = reference.now + ttl
          } else if (s.kind === "release") {
            const held = believed.get(key)
            if (held === undefined) continue
            yield* leases.release(held)
            if (row !== undefined && row.owner === held.owner && row.epoch === held.epoch) {
              reference.rows.set(s.name, { owner: null, epoch: row.epoch, until: 0 })
            }
          } else {
            yield* leases.leave(s.owner)
            for (const [n, r] of reference.rows) {
              if (r.owner === s.owner) reference.rows.set(n, { owner: null, epoch: r.epoch, until: 0 })
            }
          }
          const live = [...reference.rows]
            .sort(([a], [b]) => (a < b ? -1 : 1))
            .filter(([, r]) => r.owner !== null && r.until > reference.now)
            .map(([n, r]) => ({ name: n, owner: r.owner, epoch: r.epoch, leaseUntil: r.until }))
          expect(yield* leases.held).toEqual(live)
        }
      })
  )

  it.effect("nodes alive: each announcement lasts its time, and the fair share divides the models among them", () =>
    Effect.gen(function* () {
      const leases = ProjectionLeases.makeMemory()
      expect(yield* leases.join("a", 100)).toBe(1)
      yield* TestClock.adjust("60 millis")
      expect(yield* leases.join("b", 100)).toBe(2)
      yield* TestClock.adjust("50 millis")
      expect(yield* leases.join("b", 100)).toBe(1)
      expect([1, 2, 3, 4].map((nodes) => ProjectionLeases.fairShare(7, nodes))).toEqual([7, 4, 3, 2])
      expect(ProjectionLeases.fairShare(3, 0)).toBe(3)
    })
  )
})
