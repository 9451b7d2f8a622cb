/**
 * Writes a generated reference under docs/, formatted with the repository's Prettier settings; with
 * `--check`, writes nothing and exits non-zero when the committed file differs (CI).
 */
import { readFile, writeFile } from "node:fs/promises"
import { fileURLToPath } from "node:url"
import * as prettier from "prettier"

/** Writes or checks `docs/<file>`; `source` says what it is generated from, `script` how to regenerate it. */
export const writeOrCheck = async (file: string, markdown: string, source: string, script: string): Promise<void> => {
  const target = fileURLToPath(new URL(`../../../docs/${file}`, import.meta.url))
  const options = await prettier.resolveConfig(target)
  const expected = await prettier.format(markdown, { ...options, parser: "markdown" })
  if (process.argv.includes("--check")) {
    const actual = await readFile(target, "utf8").catch(() => "")
    if (actual === expected) {
      console.log(`docs/${file} is up to date with the ${source}`)
    } else {
      console.error(`docs/${file} is stale: run \`npx tsx packages/core/scripts/${script}\` and commit it`)
      process.exitCode = 1
    }
  } else {
    await writeFile(target, expected)
    console.log(`wrote docs/${file}`)
  }
}
