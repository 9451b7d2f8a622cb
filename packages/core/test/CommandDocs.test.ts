import { describe, expect, it } from "@effect/vitest"
import { Kemitraan } from "@kemitraan/core"
import { SchemaAST } from "effect"
import { readFileSync } from "node:fs"
import { documentedTags, render } from "../src/internal/commandDocs.js"

/** The command schemas, from the one `Command` union. */
const members = (ast: SchemaAST.AST): ReadonlyArray<SchemaAST.AST> =>
  SchemaAST.isUnion(ast) ? ast.types.flatMap(members) : [ast]

const tagOf = (ast: SchemaAST.AST): string => {
  const tag = SchemaAST.getPropertySignatures(ast).find((signature) => signature.name === "_tag")?.type
  return tag !== undefined && SchemaAST.isLiteral(tag) ? String(tag.literal) : ""
}

const sectionOf = (markdown: string, tag: string): string => markdown.split(`### ${tag}\n`)[1]?.split("### ")[0] ?? ""

describe("the command reference (docs/commands.md)", () => {
  it("documents every command of the Command union, once", () => {
    const tags = members(Kemitraan.Command.ast).map(tagOf)
    expect([...documentedTags()].sort()).toEqual([...tags].sort())
    expect(new Set(documentedTags()).size).toBe(tags.length)
  })

  it("lists every field of every command, with its presence, and the aggregate that handles it", () => {
    const markdown = render()
    for (const ast of members(Kemitraan.Command.ast)) {
      const section = sectionOf(markdown, tagOf(ast))
      expect(section).toMatch(/Handled by: the `(Participant|Forum|Assessment)` aggregate/)
      for (const signature of SchemaAST.getPropertySignatures(ast)) {
        const presence = signature.isOptional ? "optional" : "required"
        expect(section).toMatch(new RegExp(`\\| \`${String(signature.name)}\` \\|[^\\n]*\\| ${presence} \\|`))
      }
    }
  })

  it("gives each field's brand and the rules no named type explains", () => {
    const markdown = render()
    expect(sectionOf(markdown, "Formalise")).toMatch(/\| `nib` \| `Nib` \| required \| branded `Nib` \|/)
    expect(sectionOf(markdown, "JoinCounterpart")).toContain("each need category is listed once")
  })

  it("is committed with a heading for every command", () => {
    const committed = readFileSync(new URL("../../../docs/commands.md", import.meta.url), "utf8")
    for (const tag of documentedTags()) expect(committed).toContain(`### ${tag}\n`)
  })
})
