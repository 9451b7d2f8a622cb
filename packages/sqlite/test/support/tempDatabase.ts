import { mkdtempSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { Effect, type Scope } from "effect"

/** A fresh directory for database files, removed when the scope closes. */
export const tempDirectory: Effect.Effect<string, never, Scope.Scope> = Effect.acquireRelease(
  Effect.sync(() => mkdtempSync(join(tmpdir(), "kemitraan-sqlite-"))),
  (dir) => Effect.sync(() => rmSync(dir, { recursive: true, force: true }))
)

/** A database file path in a fresh temporary directory (synchronous, for `beforeAll` and scripts). */
export const tempDatabaseFile = (): { readonly filename: string; readonly remove: () => void } => {
  const dir = mkdtempSync(join(tmpdir(), "kemitraan-sqlite-"))
  return { filename: join(dir, "store.db"), remove: () => rmSync(dir, { recursive: true, force: true }) }
}
