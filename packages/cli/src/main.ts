/**
 * The `kemitraan` program: runs the command line on Node and exits with its status.
 *
 * @since 0.1.0
 */
import { NodeContext, NodeRuntime } from "@effect/platform-node"
import { Effect } from "effect"
import * as Cli from "./Cli.js"

NodeRuntime.runMain(
  Cli.run(process.argv).pipe(
    Effect.flatMap((code) =>
      Effect.sync(() => {
        process.exitCode = code
      })
    ),
    Effect.provide(NodeContext.layer)
  ),
  { disableErrorReporting: true }
)
