import { defineProject, mergeConfig } from "vitest/config"
import { shared } from "../../vitest.shared.js"

// The replay on PostgreSQL runs on the test server of @kemitraan/postgres (or KEMITRAAN_TEST_POSTGRES_URL).
export default mergeConfig(
  shared,
  defineProject({ test: { globalSetup: ["../../packages/postgres/test/support/globalSetup.ts"] } })
)
