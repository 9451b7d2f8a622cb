import { describe, expect, it } from "@effect/vitest"
import { KemitraanEvent } from "@kemitraan/core"
import { SchemaAST } from "effect"
import { readFileSync } from "node:fs"
import { documentedTypes, render } from "../src/internal/eventDocs.js"

describe("the event catalogue (docs/events.md)", () => {
  it("documents every event of the catalogue, in catalogue order", () => {
    expect(documentedTypes()).toEqual(KemitraanEvent.KemitraanEvents.types)
  })

  it("lists every field of every event", () => {
    const markdown = render()
    for (const type of KemitraanEvent.KemitraanEvents.types) {
      const schema = KemitraanEvent.KemitraanEvents.schemaOf(type)
      const section = markdown.split(`### ${type}\n`)[1]?.split("### ")[0] ?? ""
      const fields =
        schema === undefined ? [] : SchemaAST.getPropertySignatures(schema.ast).map(({ name }) => String(name))
      expect(fields.length).toBeGreaterThan(1)
      for (const field of fields.filter((name) => name !== "_tag")) expect(section).toContain(`\`${field}\``)
    }
  })

  it("is committed with a heading for every event", () => {
    const committed = readFileSync(new URL("../../../docs/events.md", import.meta.url), "utf8")
    for (const type of KemitraanEvent.KemitraanEvents.types) expect(committed).toContain(`### ${type}\n`)
  })
})
