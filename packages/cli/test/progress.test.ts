/**
 * Progress: plain lines, at the start and at each tenth of the work, when standard error is not a terminal; a
 * bar rewritten in place, ended once, on a terminal; and a rebuild reports its reads of the log.
 */
import { describe, expect, it } from "@effect/vitest"
import { ReadModelRunner, ReadModelStore } from "@kemitraan/eventsourcing"
import { ForumSummary } from "@kemitraan/core"
import { SqliteStore } from "@kemitraan/sqlite"
import { Effect, Either } from "effect"
import * as Progress from "../src/Progress.js"
import * as Transfer from "../src/Transfer.js"

const sink = (isTTY: boolean) => {
  const written: Array<string> = []
  return { isTTY, write: (text: string) => written.push(text), written }
}

const enrol = (i: number) =>
  JSON.stringify({
    _tag: "EnrolSme",
    participantId: `sme-progress-${i}`,
    legalName: `CV Progress ${i}`,
    province: "32",
    kbli: "10792",
    kind: "UKM",
    foundedYear: 2015
  })

describe("progress", () => {
  it("is plain lines without control characters when not on a terminal", () => {
    const out = sink(false)
    const report = Progress.make(out, "importing")
    for (let done = 1; done <= 200; done++) report(done, 200)
    // The start, then each tenth.
    expect(out.written).toHaveLength(11)
    expect(out.written[0]).toBe("importing: 1/200 (0%)\n")
    expect(out.written[1]).toBe("importing: 20/200 (10%)\n")
    expect(out.written[10]).toBe("importing: 200/200 (100%)\n")
    expect(out.written.join("")).not.toContain("\r")
    expect(out.written.join("")).not.toContain("\u001b")
  })

  it("is a bar rewritten in place on a terminal, ended by one newline", () => {
    const out = sink(true)
    const report = Progress.make(out, "importing")
    report(1, 2)
    report(2, 2)
    report(2, 2)
    expect(out.written.join("")).toBe(
      `\rimporting [${"#".repeat(15)}${"-".repeat(15)}] 50% 1/2\u001b[K` +
        `\rimporting [${"#".repeat(30)}] 100% 2/2\u001b[K\n`
    )
  })

  it.live("an import and a rebuild report as they go", () =>
    Effect.gen(function* () {
      const text = Array.from({ length: 30 }, (_, i) => enrol(i)).join("\n")
      const content = Either.getOrThrowWith(Transfer.decode("smes.jsonl", text, { format: "jsonl" }), (e) => e)
      const imported = sink(false)
      yield* Transfer.write("smes.jsonl", content, Progress.make(imported, "importing"))
      expect(imported.written.at(-1)).toBe("importing: 30/30 (100%)\n")

      yield* ReadModelStore.createTables([ForumSummary.readModel])
      const rebuilt = sink(false)
      const done = yield* ReadModelRunner.rebuild(ForumSummary.readModel, { pageSize: 10 }).pipe(
        Progress.readingLog(Progress.make(rebuilt, "rebuilding ForumSummary"))
      )
      expect(done.position).toBe(30)
      expect(rebuilt.written).toEqual([
        "rebuilding ForumSummary: 10/30 (33%)\n",
        "rebuilding ForumSummary: 20/30 (66%)\n",
        "rebuilding ForumSummary: 30/30 (100%)\n"
      ])
    }).pipe(Effect.provide(SqliteStore.layerMemory))
  )
})
