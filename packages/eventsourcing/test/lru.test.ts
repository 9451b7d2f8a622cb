import * as fc from "fast-check"
import { describe, expect, it } from "vitest"
import { Lru } from "../src/internal/lru.js"

/** The model: a `Map` in order of use, an entry moved by deleting and setting it again. */
class Model {
  readonly entries = new Map<number, number>()
  constructor(readonly capacity: number) {}
  get(key: number): number | undefined {
    const value = this.entries.get(key)
    if (value !== undefined) {
      this.entries.delete(key)
      this.entries.set(key, value)
    }
    return value
  }
  set(key: number, value: number): void {
    if (this.capacity <= 0) return
    this.entries.delete(key)
    this.entries.set(key, value)
    if (this.entries.size > this.capacity) this.entries.delete(this.entries.keys().next().value!)
  }
}

const operation = fc.oneof(
  fc.record({ op: fc.constant("get" as const), key: fc.nat(8) }),
  fc.record({ op: fc.constant("set" as const), key: fc.nat(8), value: fc.integer() }),
  fc.record({ op: fc.constant("delete" as const), key: fc.nat(8) })
)

describe("Lru: the most recently used entries, as a map in order of use keeps them", () => {
  it("property: answers every get as the model does, and keeps the same entries", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 5 }), fc.array(operation, { maxLength: 60 }), (capacity, operations) => {
        const lru = new Lru<number, number>(capacity)
        const model = new Model(capacity)
        for (const operation of operations) {
          if (operation.op === "get") expect(lru.get(operation.key)).toBe(model.get(operation.key))
          else if (operation.op === "set") {
            lru.set(operation.key, operation.value)
            model.set(operation.key, operation.value)
          } else {
            lru.delete(operation.key)
            model.entries.delete(operation.key)
          }
        }
        // Reading every key changes the order of both alike, so the answers stay comparable.
        for (let key = 0; key <= 8; key++) expect(lru.get(key)).toBe(model.get(key))
      }),
      { numRuns: 2000 }
    )
  })

  it("evicts the least recently used, a get counting as a use", () => {
    const lru = new Lru<string, number>(2)
    lru.set("a", 1)
    lru.set("b", 2)
    expect(lru.get("a")).toBe(1)
    lru.set("c", 3)
    expect([lru.get("a"), lru.get("b"), lru.get("c")]).toEqual([1, undefined, 3])
  })
})
