/**
 * Generates the forum dataset into `data/`, or with `--check` only compares: it exits with status 1
 * and names the files that differ when the committed files are not what the generator makes.
 *
 *   npx tsx examples/forum-2022/scripts/generate-dataset.ts           # write data/
 *   npx tsx examples/forum-2022/scripts/generate-dataset.ts --check   # verify data/
 */
import { Console, Effect, Exit } from "effect"
import { fileURLToPath } from "node:url"
import { Generator } from "../src/dataset/index.js"

const dataDir = fileURLToPath(new URL("../data/", import.meta.url))

const check = Generator.check(dataDir).pipe(
  Effect.flatMap((differing) =>
    differing.length === 0
      ? Console.log(`data/ is what the generator makes (seed ${Generator.seed})`)
      : Effect.fail(`data/ differs from the generator (seed ${Generator.seed}): ${differing.join(", ")}`)
  )
)

const write = Generator.write(dataDir).pipe(
  Effect.zipRight(Console.log(`wrote data/ (seed ${Generator.seed})`)),
  Effect.mapError((error) => error.message)
)

const exit = await Effect.runPromiseExit(process.argv.includes("--check") ? check : write)
if (Exit.isFailure(exit)) {
  console.error(Exit.match(exit, { onSuccess: () => "", onFailure: (cause) => String(cause) }))
  process.exitCode = 1
}
