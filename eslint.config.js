import js from "@eslint/js"
import tseslint from "typescript-eslint"

export default tseslint.config(
  { ignores: ["**/node_modules/**", "**/dist/**", "**/build/**", "**/*.js", "**/*.cjs"] },
  { files: ["**/*.mjs"], languageOptions: { globals: { console: "readonly", process: "readonly" } } },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      "@typescript-eslint/no-explicit-any": "error",
      "@typescript-eslint/ban-ts-comment": "error",
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "@typescript-eslint/consistent-type-imports": ["error", { fixStyle: "inline-type-imports" }],
      "no-constant-condition": ["error", { checkLoops: false }]
    }
  },
  {
    // The index of `effect` loads all of its modules, and that of `@effect/sql` loads
    // @effect/platform and msgpackr besides: a process that imports the library holds their heap,
    // and peaks at about four times its live heap (docs/performance.md, "Memory"). Modules one by one.
    // Likewise the domain's index in the bench's rebuild sides: a rebuild needs its read models,
    // not the deciders (docs/performance.md, "Issue 10, stop 21").
    files: [
      "packages/{eventsourcing,sql,sqlite,core}/src/**/*.ts",
      "packages/sqlite/bench/{rebuild,library,raw,workload,programme,memoryRows}.ts"
    ],
    rules: {
      "@typescript-eslint/no-restricted-imports": [
        "error",
        {
          paths: [
            { name: "effect", allowTypeImports: true, message: 'Import the module itself: "effect/Effect", say.' },
            {
              name: "@effect/sql",
              allowTypeImports: true,
              message: 'Import the module itself: "@effect/sql/SqlClient", say.'
            },
            {
              name: "@effect/sql-sqlite-node",
              allowTypeImports: true,
              message: 'Its index also loads its migrator and @effect/platform: "@effect/sql-sqlite-node/SqliteClient".'
            },
            {
              name: "@kemitraan/core",
              allowTypeImports: true,
              message: 'Its index loads the whole domain: "@kemitraan/core/ForumSummary", say.'
            }
          ]
        }
      ]
    }
  }
)
