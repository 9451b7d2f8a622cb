import { describe, expect, it } from "@effect/vitest"
import { KemitraanEvent } from "@kemitraan/core"
import { Programme } from "@kemitraan/core/testing"
import { Either } from "effect"

const { KemitraanEvents } = KemitraanEvent

const logOf = (smes: number, seed?: number) => [...Programme.events(smes, seed)]

describe("Programme, the synthetic national programme", () => {
  it("is deterministic: the same seed gives the same log, another seed another", () => {
    const first = JSON.stringify(logOf(300))
    expect(JSON.stringify(logOf(300))).toBe(first)
    expect(JSON.stringify(logOf(300, 7))).not.toBe(first)
  })

  it("is made of valid domain events: each encodes through the catalogue and decodes to itself", () => {
    const log = logOf(500)
    for (const { event } of log) {
      const encoded = Either.getOrThrow(KemitraanEvents.encode(event))
      const decoded = KemitraanEvents.decodeData(encoded.type, JSON.parse(JSON.stringify(encoded.data)))
      expect(Either.getOrThrow(decoded)).toEqual(event)
    }
    expect(new Set(log.map(({ event }) => event._tag)).size).toBeGreaterThanOrEqual(14)
  })

  it("is shaped like the founding forum: about 10.8 events an SME, one registration each", () => {
    const smes = 2_400
    const log = logOf(smes)
    const registrations = log.filter(({ event }) => event._tag === "SmeRegistered")
    expect(registrations).toHaveLength(smes)
    // Counted without the forums' and counterparts' own events, which weigh more on a small programme.
    const perForum = new Set([
      "CounterpartEnrolled",
      "CounterpartJoined",
      "ForumScheduled",
      "ForumOpened",
      "ForumClosed"
    ])
    const ofSmes = log.filter(({ event }) => !perForum.has(event._tag)).length
    expect(ofSmes / smes).toBeGreaterThan(10)
    expect(ofSmes / smes).toBeLessThan(11.5)
    const assessed = log.filter(({ event }) => event._tag === "AssessmentRecorded").length
    // The founding forum: 750 assessments for 748 SMEs.
    expect(assessed / smes).toBeGreaterThan(0.85)
    expect(assessed / smes).toBeLessThan(1.15)
  })
})
