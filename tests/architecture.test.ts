/**
 * The arrows between packages: examples → core → eventsourcing ← sql ← sqlite. Only examples (and
 * benchmarks) may import the domain, and the kernel imports nothing but `effect` (its `testing`
 * entry may also import the test tools it serves). A new import that breaks an arrow fails here,
 * naming the file and the import.
 */
import { describe, expect, it } from "@effect/vitest"
import { readdirSync, readFileSync, statSync } from "node:fs"
import { join, relative } from "node:path"
import { fileURLToPath } from "node:url"

const root = fileURLToPath(new URL("..", import.meta.url))

const sources = (dir: string): Array<string> =>
  readdirSync(dir).flatMap((name) => {
    const path = join(dir, name)
    if (name === "node_modules" || name === "dist" || name === "build") return []
    if (statSync(path).isDirectory()) return sources(path)
    return /\.(ts|mts|tsx)$/.test(name) && !name.endsWith(".d.ts") ? [path] : []
  })

/** The modules a file imports or re-exports, static or dynamic; examples in comments do not count. */
const importsOf = (source: string): Array<string> => {
  const text = source.replace(/\/\*[\s\S]*?\*\//g, "").replace(/^\s*\/\/.*$/gm, "")
  const found: Array<string> = []
  const patterns = [
    /\b(?:import|export)\s[^"']*?\sfrom\s*["']([^"']+)["']/g,
    /\bimport\s*["']([^"']+)["']/g,
    /\bimport\s*\(\s*["']([^"']+)["']\s*\)/g
  ]
  for (const pattern of patterns) for (const match of text.matchAll(pattern)) found.push(match[1]!)
  return found
}

const packageOf = (specifier: string): string | undefined => {
  if (specifier.startsWith(".") || specifier.startsWith("node:")) return undefined
  const parts = specifier.split("/")
  return specifier.startsWith("@") ? parts.slice(0, 2).join("/") : parts[0]
}

interface Violation {
  readonly file: string
  readonly imports: string
}

const violations = (dirs: ReadonlyArray<string>, allowed: (pkg: string, file: string) => boolean) =>
  dirs.flatMap((dir) =>
    sources(join(root, dir)).flatMap((file): Array<Violation> =>
      importsOf(readFileSync(file, "utf8")).flatMap((specifier) => {
        const pkg = packageOf(specifier)
        return pkg === undefined || allowed(pkg, relative(root, file))
          ? []
          : [{ file: relative(root, file), imports: specifier }]
      })
    )
  )

const packagesBut = (...excluded: ReadonlyArray<string>): Array<string> =>
  readdirSync(join(root, "packages"))
    .filter((name) => !excluded.includes(name))
    .flatMap((name) => ["src", "test"].map((dir) => join("packages", name, dir)))
    .filter((dir) => {
      try {
        return statSync(join(root, dir)).isDirectory()
      } catch {
        return false
      }
    })

describe("architecture", () => {
  it("finds the imports of a file, static, re-exported and dynamic, but not those in comments", () => {
    const text = `/** import { z } from "doc" */\nimport { a } from "x"\nimport type { B } from "@s/y"\nexport * as C from "./c.js"\nimport "side"\n// import "gone"\nconst d = await import("dyn")`
    expect(importsOf(text)).toEqual(["x", "@s/y", "./c.js", "side", "dyn"])
  })

  it("no package but the examples and the CLI imports the domain, @kemitraan/core (benchmarks may)", () => {
    const found = violations(packagesBut("core", "cli"), (pkg) => pkg !== "@kemitraan/core")
    expect(found).toEqual([])
  })

  it("no package but the CLI imports an example", () => {
    const found = violations(packagesBut("cli"), (pkg) => !pkg.startsWith("@kemitraan/example-"))
    expect(found).toEqual([])
  })

  it("the kernel, @kemitraan/eventsourcing, imports nothing but effect (its testing entry also its test tools)", () => {
    const testTools = new Set(["@effect/vitest", "vitest", "fast-check"])
    const found = violations(
      ["packages/eventsourcing/src"],
      (pkg, file) =>
        pkg === "effect" || (file.startsWith(join("packages", "eventsourcing", "src", "testing")) && testTools.has(pkg))
    )
    expect(found).toEqual([])
  })

  it("the SQL layer and its drivers import the kernel, never the domain or each other upwards", () => {
    const found = violations(
      ["packages/sql/src"],
      (pkg) => !pkg.startsWith("@kemitraan/") || pkg === "@kemitraan/eventsourcing"
    )
    expect(found).toEqual([])
  })
})
