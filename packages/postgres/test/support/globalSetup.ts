/**
 * Vitest's global setup for the PostgreSQL tests: starts one cluster (fsync off) for the whole run
 * and hands its URL to the tests as `inject("postgresUrl")`, or hands on the URL in
 * `KEMITRAAN_TEST_POSTGRES_URL` when that names a server of one's own. If the server cannot start,
 * the run fails here, saying why.
 */
import type { TestProject } from "vitest/node"
import { start, urlVariable } from "./server.js"

declare module "vitest" {
  export interface ProvidedContext {
    /** The server the tests use: each test case makes its own schema in it. */
    readonly postgresUrl: string
  }
}

export default async function setup(project: TestProject): Promise<(() => Promise<void>) | undefined> {
  const given = process.env[urlVariable]
  if (given !== undefined && given !== "") {
    project.provide("postgresUrl", given)
    return undefined
  }
  const server = await start({ fsync: false }).catch((error: unknown) => {
    const reason = error instanceof Error ? error.message : String(error)
    throw new Error(`the PostgreSQL tests need a server, and none could be started: ${reason}`)
  })
  project.provide("postgresUrl", server.url)
  return () => server.stop()
}
