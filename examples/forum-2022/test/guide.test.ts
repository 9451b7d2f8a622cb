import { describe, expect, it } from "@effect/vitest"
import { execFile } from "node:child_process"
import * as fs from "node:fs/promises"
import { createRequire } from "node:module"
import * as os from "node:os"
import * as path from "node:path"
import { fileURLToPath, pathToFileURL } from "node:url"
import { promisify } from "node:util"
import { blockAfter } from "./support/markdown.js"

const program = fileURLToPath(new URL("../src/guide/getting-started.ts", import.meta.url))
const guide = new URL("../../../docs/guide/getting-started.md", import.meta.url)
const tsx = pathToFileURL(createRequire(import.meta.url).resolve("tsx")).href

describe("docs/guide/getting-started.md", () => {
  it("shows the program of src/guide/getting-started.ts, exactly (the project typechecks that file)", async () => {
    const shown = await blockAfter(guide, "<!-- getting-started: the test suite", "ts")
    expect(`${shown}\n`).toBe(await fs.readFile(program, "utf8"))
  })

  // The program runs as a reader runs it, in a process of its own; it imports the built packages.
  it("its program runs in an empty directory and prints what the guide shows, again on a second run", async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), "getting-started-"))
    try {
      const run = () => promisify(execFile)(process.execPath, ["--import", tsx, program], { cwd: dir })
      const expected = `${await blockAfter(guide, "<!-- getting-started-output", "text")}\n`
      expect((await run()).stdout).toBe(expected)
      expect((await run()).stdout).toBe(expected)
      expect(await fs.readdir(dir)).toContain("forum.sqlite")
    } finally {
      await fs.rm(dir, { recursive: true, force: true })
    }
  }, 60_000)
})
