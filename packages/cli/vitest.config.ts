import { defineProject, mergeConfig } from "vitest/config"
import { shared } from "../../vitest.shared.js"

// The PostgreSQL tests get the server the postgres package's tests start (or KEMITRAAN_TEST_POSTGRES_URL's).
export default mergeConfig(
  shared,
  defineProject({ test: { globalSetup: ["../postgres/test/support/globalSetup.ts"] } })
)
