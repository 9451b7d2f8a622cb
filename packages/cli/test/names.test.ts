/**
 * The names the command line knows before it loads the domain and the stores (`Names`, for a quick
 * `--help`) are those of the modules they stand for.
 */
import { describe, expect, it } from "@effect/vitest"
import { ReadModels } from "@kemitraan/example-forum-2022"
import { PgStore } from "@kemitraan/postgres"
import * as Formats from "../src/Formats.js"
import * as Names from "../src/Names.js"

describe("the names of the command line", () => {
  it("are the read models, the default schema and the report formats", () => {
    expect(Names.readModels).toEqual(ReadModels.all.map((model) => model.name))
    expect(Names.defaultSchema).toBe(PgStore.defaultSchema)
    expect(Formats.formats).toEqual(["text", "json", "csv", "html"])
  })
})
