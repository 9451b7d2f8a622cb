import { fileURLToPath } from "node:url"
import type { ViteUserConfig } from "vitest/config"

const src = (path: string): string => fileURLToPath(new URL(path, import.meta.url))

/**
 * Shared by every project: tests run against the packages' TypeScript sources, so that a change in
 * one package is seen by the tests of the others without a build.
 */
export const shared: ViteUserConfig = {
  resolve: {
    alias: [
      {
        find: /^@kemitraan\/eventsourcing\/testing$/,
        replacement: src("./packages/eventsourcing/src/testing/index.ts")
      },
      { find: /^@kemitraan\/eventsourcing$/, replacement: src("./packages/eventsourcing/src/index.ts") },
      { find: /^@kemitraan\/core\/testing$/, replacement: src("./packages/core/src/testing/index.ts") },
      { find: /^@kemitraan\/core$/, replacement: src("./packages/core/src/index.ts") },
      { find: /^@kemitraan\/sql$/, replacement: src("./packages/sql/src/index.ts") },
      { find: /^@kemitraan\/sqlite$/, replacement: src("./packages/sqlite/src/index.ts") },
      { find: /^@kemitraan\/postgres$/, replacement: src("./packages/postgres/src/index.ts") },
      { find: /^@kemitraan\/example-forum-2022$/, replacement: src("./examples/forum-2022/src/index.ts") }
    ]
  },
  test: {
    include: ["test/**/*.test.ts"],
    testTimeout: 60_000,
    hookTimeout: 60_000
  }
}
