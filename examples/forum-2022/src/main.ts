/**
 * `npm start`: replays the forum of 24 November 2022 into SQLite (`./forum-2022.sqlite` by default)
 * and prints the reconciliation with the published figures. See `Program` and `Cli.usage`.
 *
 * @since 0.1.0
 */
import { Effect } from "effect"
import { fileURLToPath } from "node:url"
import * as Program from "./Program.js"

process.exitCode = await Effect.runPromise(
  Program.main({
    argv: process.argv.slice(2),
    env: process.env,
    cwd: process.cwd(),
    dataDir: fileURLToPath(new URL("../data/", import.meta.url)),
    io: { stdout: (text) => void process.stdout.write(text), stderr: process.stderr }
  })
)
