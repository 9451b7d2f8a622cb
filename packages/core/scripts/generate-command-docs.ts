/**
 * Writes docs/commands.md, the command reference, from the command schemas. With `--check`, writes nothing and exits
 * non-zero when docs/commands.md differs from what the schemas say.
 *
 *   npx tsx packages/core/scripts/generate-command-docs.ts          # regenerate
 *   npx tsx packages/core/scripts/generate-command-docs.ts --check  # fail when stale (CI)
 */
import { render } from "../src/internal/commandDocs.js"
import { writeOrCheck } from "./generatedDoc.js"

await writeOrCheck("commands.md", render(), "command schemas", "generate-command-docs.ts")
