/**
 * The `kemitraan` program as a user runs it (the bin, on the built packages): help, and the exit
 * status of each kind of outcome, as docs/cli.md lists them.
 */
import { describe, expect, it } from "@effect/vitest"
import { spawnSync } from "node:child_process"
import * as fs from "node:fs"
import * as os from "node:os"
import * as path from "node:path"
import { fileURLToPath } from "node:url"
import { afterAll } from "vitest"
import { ExitCode } from "../src/Errors.js"

const bin = fileURLToPath(new URL("../bin/kemitraan.js", import.meta.url))
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "kemitraan-cli-"))
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }))

const kemitraan = (...args: ReadonlyArray<string>) => {
  const result = spawnSync(process.execPath, [bin, ...args], { cwd: dir, encoding: "utf8", timeout: 50_000 })
  return { status: result.status, stdout: result.stdout, stderr: result.stderr }
}

const enrol = (participantId: string) => ({
  _tag: "EnrolSme",
  participantId,
  legalName: "CV Maju Bersama",
  province: "32",
  kbli: "10792",
  kind: "UKM",
  foundedYear: 2015
})

describe("the kemitraan program", () => {
  it("--help names every subcommand and the exit statuses", { timeout: 120_000 }, () => {
    const { status, stdout } = kemitraan("--help")
    expect(status).toBe(ExitCode.ok)
    for (const command of ["replay", "import", "export", "rebuild", "report", "stats"]) {
      expect(stdout).toContain(`- ${command}`)
    }
    expect(stdout).toContain("4 bad input file")
  })

  it("--help and messages carry no colour codes when not written to a terminal", { timeout: 120_000 }, () => {
    for (const args of [["--help"], ["report", "--help"]]) {
      const { status, stdout } = kemitraan(...args)
      expect(status).toBe(ExitCode.ok)
      expect(stdout).toContain("USAGE")
      expect(stdout).not.toContain("\u001b")
    }
    const unknown = kemitraan("report", "--frmat", "html")
    expect(unknown.status).toBe(ExitCode.usage)
    expect(unknown.stderr).toContain("--frmat")
    expect(unknown.stderr).not.toContain("\u001b")
  })

  it("imports commands, counts them, exports them; bad arguments exit 2, a bad file 4", { timeout: 300_000 }, () => {
    const commands = path.join(dir, "commands.jsonl")
    fs.writeFileSync(commands, [enrol("sme-bin-1"), enrol("sme-bin-2")].map((c) => JSON.stringify(c)).join("\n"))
    expect(kemitraan("import", commands).status).toBe(ExitCode.ok)

    // A store with no read-model tables yet: rebuild makes them, with plain progress lines off a terminal.
    const rebuilt = kemitraan("rebuild")
    expect(rebuilt.status).toBe(ExitCode.ok)
    expect(rebuilt.stderr).toContain("rebuilding ForumSummary: 2/2 (100%)\n")
    expect(rebuilt.stderr).toContain("rebuilt SupplyChain:")
    expect(rebuilt.stderr).not.toContain("\r")

    const stats = kemitraan("stats", "--format", "json")
    expect(stats.status).toBe(ExitCode.ok)
    expect(JSON.parse(stats.stdout)).toMatchObject({ events: 2, streams: 2, byType: { SmeEnrolled: 2 } })

    const out = path.join(dir, "events.jsonl")
    expect(kemitraan("export", "--out", out).status).toBe(ExitCode.ok)
    expect(fs.readFileSync(out, "utf8").trimEnd().split("\n")).toHaveLength(2)

    const bad = path.join(dir, "bad.jsonl")
    fs.writeFileSync(bad, `${JSON.stringify(enrol("sme-bin-3"))}\n{"_tag":"EnrolSmee"}\n`)
    const refused = kemitraan("import", bad)
    expect(refused.status).toBe(ExitCode.badInput)
    expect(refused.stderr).toContain('line 2: unknown command "EnrolSmee"')
    expect(JSON.parse(kemitraan("stats", "--format", "json").stdout)).toMatchObject({ events: 2 })

    expect(kemitraan("report", "--as-of", "someday").status).toBe(ExitCode.usage)
    expect(kemitraan("report", "--frmat", "html").status).toBe(ExitCode.usage)
    const schema = kemitraan("stats", "--schema", "forum")
    expect(schema.status).toBe(ExitCode.usage)
    expect(schema.stderr).toContain("--schema goes with a PostgreSQL --store")
  })
})
