/** The one list of test projects. `vitest.config.ts` passes it to `test.projects`. */
export default [
  "packages/eventsourcing",
  "packages/core",
  "packages/sql",
  "packages/sqlite",
  "packages/postgres",
  "packages/cli",
  "examples/forum-2022",
  "tests"
]
