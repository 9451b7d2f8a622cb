/**
 * Writes docs/events.md, the event catalogue, from the event schemas. With `--check`, writes
 * nothing and exits non-zero when docs/events.md differs from what the schemas say.
 *
 *   npx tsx packages/core/scripts/generate-event-docs.ts          # regenerate
 *   npx tsx packages/core/scripts/generate-event-docs.ts --check  # fail when stale (CI)
 */
import { readFile, writeFile } from "node:fs/promises"
import { fileURLToPath } from "node:url"
import * as prettier from "prettier"
import { render } from "../src/internal/eventDocs.js"

const target = fileURLToPath(new URL("../../../docs/events.md", import.meta.url))
const options = await prettier.resolveConfig(target)
const expected = await prettier.format(render(), { ...options, parser: "markdown" })

if (process.argv.includes("--check")) {
  const actual = await readFile(target, "utf8").catch(() => "")
  if (actual === expected) {
    console.log("docs/events.md is up to date with the event schemas")
  } else {
    console.error("docs/events.md is stale: run `npx tsx packages/core/scripts/generate-event-docs.ts` and commit it")
    process.exitCode = 1
  }
} else {
  await writeFile(target, expected)
  console.log("wrote docs/events.md")
}
