/**
 * The package's entry points, resolved as Node resolves them (the package naming itself, through its
 * `exports`): each namespace of the index is also a subpath of its own, to the very file the index
 * re-exports, and the modules the index does not export stay private. Resolves the built `dist/`.
 */
import { describe, expect, it } from "@effect/vitest"
import { readFileSync } from "node:fs"
import { createRequire } from "node:module"
import { fileURLToPath } from "node:url"

const require = createRequire(import.meta.url)
const dist = (path: string) => fileURLToPath(new URL(`../dist/${path}`, import.meta.url))

/** The index's namespaces and the files they re-export (`export * as Name from "./path.js"`). */
const namespaces = [
  ...readFileSync(new URL("../src/index.ts", import.meta.url), "utf8").matchAll(
    /^export \* as (\w+) from "\.\/([\w/]+\.js)"$/gm
  )
].map(([, name, path]) => [name!, path!] as const)

const refusal = (specifier: string): string | undefined => {
  try {
    require.resolve(specifier)
    return undefined
  } catch (error) {
    return error instanceof Error && "code" in error ? String(error.code) : String(error)
  }
}

describe("the entry points of @kemitraan/core", () => {
  it("the index re-exports the domain's modules (the list below is not empty)", () => {
    expect(namespaces.length).toBeGreaterThan(25)
    expect(namespaces).toContainEqual(["ForumSummary", "projections/ForumSummary.js"])
    expect(namespaces).toContainEqual(["KemitraanEvent", "KemitraanEvent.js"])
  })

  it.each(namespaces)("@kemitraan/core/%s is the file the index re-exports", (name, path) => {
    expect(require.resolve(`@kemitraan/core/${name}`)).toBe(dist(path))
  })

  it("the index and the testing entry resolve as before", () => {
    expect(require.resolve("@kemitraan/core")).toBe(dist("index.js"))
    expect(require.resolve("@kemitraan/core/testing")).toBe(dist("testing/index.js"))
  })

  it.each([
    "@kemitraan/core/index",
    "@kemitraan/core/internal/issues",
    "@kemitraan/core/projections/ForumSummary",
    "@kemitraan/core/projections/ForumSummary/evolve",
    "@kemitraan/core/projections/internal/readModel",
    "@kemitraan/core/testing/Programme"
  ])("%s is not exported", (specifier) => {
    expect(refusal(specifier)).toBe("ERR_PACKAGE_PATH_NOT_EXPORTED")
  })
})
