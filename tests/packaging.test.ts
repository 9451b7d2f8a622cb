/**
 * The published packages' manifests, as the Effect ecosystem shapes them: `effect` and `@effect/*`
 * are peer dependencies with a caret range on the Effect 3 line, and the same packages are exact dev
 * pins that satisfy those ranges. `scripts/check-effect-peers.sh` installs the packed packages and
 * checks what npm does with them; this checks the shape without the network.
 */
import { describe, expect, it } from "@effect/vitest"
import { Schema } from "effect"
import { readFileSync } from "node:fs"

const Dependencies = Schema.optionalWith(Schema.Record({ key: Schema.String, value: Schema.String }), {
  default: () => ({})
})

const Manifest = Schema.Struct({
  name: Schema.String,
  private: Schema.optionalWith(Schema.Boolean, { default: () => false }),
  dependencies: Dependencies,
  peerDependencies: Dependencies,
  devDependencies: Dependencies
})

const manifest = (dir: string) =>
  Schema.decodeUnknownSync(Schema.parseJson(Manifest))(
    readFileSync(new URL(`../${dir}/package.json`, import.meta.url), "utf8")
  )

const published = [
  "packages/eventsourcing",
  "packages/core",
  "packages/sql",
  "packages/sqlite",
  "packages/postgres"
].map(manifest)

const isEffect = (name: string): boolean => name === "effect" || name.startsWith("@effect/")

/** Whether an exact version satisfies a caret range (`^3.22.4`: 3.x from 3.22.4; `^0.52.1`: 0.52.x). */
const satisfiesCaret = (range: string, version: string): boolean => {
  const floor = /^\^(\d+)\.(\d+)\.(\d+)$/.exec(range)?.slice(1).map(Number)
  const exact = /^(\d+)\.(\d+)\.(\d+)$/.exec(version)?.slice(1).map(Number)
  if (floor === undefined || exact === undefined) return false
  const [major = 0, minor = 0, patch = 0] = floor
  const [vMajor = 0, vMinor = 0, vPatch = 0] = exact
  if (vMajor !== major || (major === 0 && vMinor !== minor)) return false
  return vMinor > minor || (vMinor === minor && vPatch >= patch)
}

describe("the published packages take Effect as a peer", () => {
  it("the five are published (not private)", () => {
    expect(published.map((pkg) => [pkg.name, pkg.private])).toEqual([
      ["@kemitraan/eventsourcing", false],
      ["@kemitraan/core", false],
      ["@kemitraan/sql", false],
      ["@kemitraan/sqlite", false],
      ["@kemitraan/postgres", false]
    ])
  })

  it.each(published.map((pkg) => [pkg.name, pkg] as const))(
    "%s: no effect or @effect/* in dependencies; each peer is a caret range its exact dev pin satisfies",
    (_, pkg) => {
      expect(Object.keys(pkg.dependencies).filter(isEffect)).toEqual([])
      const peers = Object.entries(pkg.peerDependencies).filter(([name]) => isEffect(name) && name !== "@effect/vitest")
      expect(peers.map(([name]) => name)).toContain("effect")
      for (const [name, range] of peers) {
        const pin = pkg.devDependencies[name]
        expect(pin, `${name} is pinned as a dev dependency`).toMatch(/^\d+\.\d+\.\d+$/)
        expect(satisfiesCaret(range, pin ?? ""), `${name}: ${range} admits ${pin}`).toBe(true)
      }
    }
  )

  it("the effect peer is the Effect 3 line: it admits the pin and refuses Effect 4", () => {
    for (const pkg of published) {
      const range = pkg.peerDependencies["effect"] ?? ""
      expect(satisfiesCaret(range, "3.22.4")).toBe(true)
      expect(satisfiesCaret(range, "4.0.0")).toBe(false)
      expect(satisfiesCaret(range, "4.1.0")).toBe(false)
    }
  })

  it("the caret check itself: 0.x ranges stay within their minor", () => {
    expect(satisfiesCaret("^0.52.1", "0.52.3")).toBe(true)
    expect(satisfiesCaret("^0.52.1", "0.53.0")).toBe(false)
    expect(satisfiesCaret("^0.52.1", "0.52.0")).toBe(false)
    expect(satisfiesCaret("^3.22.4", "3.30.0")).toBe(true)
    expect(satisfiesCaret("3.22.4", "3.22.4")).toBe(false)
  })
})
