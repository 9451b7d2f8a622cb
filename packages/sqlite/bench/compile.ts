/**
 * The sides of (c) as plain JavaScript, for `node` without a TypeScript loader: under `tsx` a
 * process that has only loaded the code already peaks about 70 MB higher (the loader, its
 * transforms and their source maps), which is no part of what (c) measures.
 */
import { mkdirSync, readFileSync, writeFileSync } from "node:fs"
import { join } from "node:path"
import { fileURLToPath } from "node:url"
import ts from "typescript"

/** What `rebuild.ts` imports, itself included. */
const sides = ["rebuild", "library", "raw", "workload", "programme", "memoryRows"]

/** Writes the sides of (c) into `outDir` (inside the package, so that its dependencies resolve); answers the script. */
export const compileSides = (outDir: string): string => {
  const here = fileURLToPath(new URL(".", import.meta.url))
  mkdirSync(outDir, { recursive: true })
  for (const side of sides) {
    const source = readFileSync(join(here, `${side}.ts`), "utf8")
    const { outputText } = ts.transpileModule(source, {
      fileName: `${side}.ts`,
      compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022, verbatimModuleSyntax: true }
    })
    writeFileSync(join(outDir, `${side}.js`), outputText)
  }
  return join(outDir, "rebuild.js")
}
