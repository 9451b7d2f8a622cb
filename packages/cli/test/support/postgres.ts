/**
 * The PostgreSQL server of the CLI's tests: the one `packages/postgres/test/support/globalSetup.ts`
 * starts for this project too (see vitest.config.ts), or the server `KEMITRAAN_TEST_POSTGRES_URL`
 * names. Each test makes its own schema in it.
 */
import { randomBytes } from "node:crypto"
import { inject } from "vitest"

declare module "vitest" {
  export interface ProvidedContext {
    /** Provided by the postgres package's global setup. */
    readonly postgresUrl: string
  }
}

/** The server's URL. */
export const url = (): string => inject("postgresUrl")

/** A new schema name, `cli_` and 12 hex digits. */
export const freshSchema = (): string => `cli_${randomBytes(6).toString("hex")}`
