/**
 * Writes docs/events.md, the event catalogue, from the event schemas. With `--check`, writes nothing and exits
 * non-zero when docs/events.md differs from what the schemas say.
 *
 *   npx tsx packages/core/scripts/generate-event-docs.ts          # regenerate
 *   npx tsx packages/core/scripts/generate-event-docs.ts --check  # fail when stale (CI)
 */
import { render } from "../src/internal/eventDocs.js"
import { writeOrCheck } from "./generatedDoc.js"

await writeOrCheck("events.md", render(), "event schemas", "generate-event-docs.ts")
