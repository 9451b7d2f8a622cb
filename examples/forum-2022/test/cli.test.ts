import { describe, expect, it } from "@effect/vitest"
import { Effect, Either } from "effect"
import * as fs from "node:fs/promises"
import * as os from "node:os"
import * as path from "node:path"
import { fileURLToPath } from "node:url"
import { afterEach, beforeEach } from "vitest"
import * as Cli from "../src/Cli.js"
import * as Program from "../src/Program.js"
import * as Progress from "../src/Progress.js"

const dataDir = fileURLToPath(new URL("../data/", import.meta.url))

let dir: string

beforeEach(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), "forum-2022-cli-"))
})

afterEach(async () => {
  await fs.rm(dir, { recursive: true, force: true })
})

const parsed = (argv: ReadonlyArray<string>) => Either.getOrThrow(Cli.parse(argv))

describe("arguments", () => {
  it("--db, --force, --synchronous and --help parse; the -- that npm passes on is ignored", () => {
    expect(parsed([])).toEqual({ db: undefined, force: false, help: false, synchronous: "NORMAL" })
    expect(parsed(["--", "--db", "x.sqlite", "--force"])).toEqual({
      db: "x.sqlite",
      force: true,
      help: false,
      synchronous: "NORMAL"
    })
    expect(parsed(["--synchronous", "full"]).synchronous).toBe("FULL")
    expect(parsed(["--synchronous", "normal"]).synchronous).toBe("NORMAL")
    expect(parsed(["-h"]).help).toBe(true)
  })

  it("a --synchronous other than full or normal is a usage error that names it", () => {
    const refused = Cli.parse(["--synchronous", "off"])
    expect(Either.isLeft(refused) && refused.left.message).toContain('not "off"')
  })

  it("an unknown option or a stray argument is a usage error", () => {
    expect(Either.isLeft(Cli.parse(["--database", "x"]))).toBe(true)
    expect(Either.isLeft(Cli.parse(["x.sqlite"]))).toBe(true)
  })

  it("a relative database is taken from where npm was run (INIT_CWD), else from the working directory", () => {
    expect(Cli.target(undefined, { INIT_CWD: "/repo" }, "/repo/examples/forum-2022")).toEqual({
      filename: path.resolve("/repo", "forum-2022.sqlite"),
      label: "./forum-2022.sqlite",
      isDefault: true
    })
    expect(Cli.target("out/f.sqlite", {}, "/here").filename).toBe(path.resolve("/here", "out/f.sqlite"))
    expect(Cli.target(":memory:", { INIT_CWD: "/repo" }, "/here").filename).toBe(":memory:")
  })
})

describe("making way for the database", () => {
  it.effect("the default file is replaced with its WAL companions; a missing file is fresh", () =>
    Effect.gen(function* () {
      const database = Cli.target(undefined, { INIT_CWD: dir }, "/elsewhere")
      expect(yield* Cli.prepare(database, false)).toBe("fresh")
      yield* Effect.promise(() => fs.writeFile(database.filename, "old"))
      yield* Effect.promise(() => fs.writeFile(`${database.filename}-wal`, "old"))
      expect(yield* Cli.prepare(database, false)).toBe("replaced")
      expect(yield* Effect.promise(() => fs.readdir(dir))).toEqual([])
    })
  )

  it.effect("another existing file is refused without --force and left alone, replaced with it", () =>
    Effect.gen(function* () {
      const database = Cli.target("mine.sqlite", { INIT_CWD: dir }, "/elsewhere")
      yield* Effect.promise(() => fs.writeFile(database.filename, "precious"))
      const refused = yield* Effect.flip(Cli.prepare(database, false))
      expect(refused._tag).toBe("DatabaseExists")
      expect(yield* Effect.promise(() => fs.readFile(database.filename, "utf8"))).toBe("precious")
      expect(yield* Cli.prepare(database, true)).toBe("replaced")
    })
  )
})

describe("the program", () => {
  const run = (argv: ReadonlyArray<string>) => {
    const out: Array<string> = []
    const err: Array<string> = []
    const io = { stdout: (text: string) => void out.push(text), stderr: { write: (text: string) => err.push(text) } }
    return Effect.map(Program.main({ argv, env: { INIT_CWD: dir }, cwd: dir, dataDir, io }), (status) => ({
      status,
      stdout: out.join(""),
      stderr: err.join("")
    }))
  }

  it.effect("--help prints the usage and exits 0", () =>
    Effect.map(run(["--help"]), ({ status, stdout }) => {
      expect(status).toBe(0)
      expect(stdout).toBe(`${Cli.usage}\n`)
    })
  )

  it.effect("bad arguments and a file in the way exit 2 with the reason on stderr, writing nothing", () =>
    Effect.gen(function* () {
      const unknown = yield* run(["--bogus"])
      expect(unknown.status).toBe(2)
      expect(unknown.stderr).toContain("bogus")
      yield* Effect.promise(() => fs.writeFile(path.join(dir, "mine.sqlite"), "precious"))
      const exists = yield* run(["--db", "mine.sqlite"])
      expect(exists).toEqual({
        status: 2,
        stdout: "",
        stderr: "forum-2022: mine.sqlite exists: pass --force to replace it, or choose another file with --db\n"
      })
    })
  )

  it.effect("a dataset that does not load exits 1, naming the file", () =>
    Effect.gen(function* () {
      const err: Array<string> = []
      const status = yield* Program.main({
        argv: ["--db", ":memory:"],
        env: {},
        cwd: dir,
        dataDir: dir,
        io: { stdout: () => undefined, stderr: { write: (text: string) => err.push(text) } }
      })
      expect(status).toBe(1)
      expect(err.join("")).toMatch(/^forum-2022: forum\.json: cannot be read/)
    })
  )
})

describe("progress", () => {
  it("is written in place on a terminal and cleared at the end; nothing is written elsewhere", () => {
    const written: Array<string> = []
    const report = Progress.make({ isTTY: true, write: (text) => written.push(text) }, "replaying")
    report?.(250, 1000)
    report?.(1000, 1000)
    expect(written).toEqual(["\rreplaying: 250/1000\u001b[K", "\r\u001b[K"])
    expect(Progress.make({ isTTY: false, write: () => true }, "replaying")).toBeUndefined()
    expect(Progress.make({ write: () => true }, "replaying")).toBeUndefined()
  })
})
