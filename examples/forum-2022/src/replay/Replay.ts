/**
 * The replay: every step of a timeline through `Kemitraan.route`, one command at a time, each with
 * its business time (`occurredAt`, the step's instant) and its provenance; the events record when
 * they were recorded from Effect's `Clock`. Each command carries its deterministic id, so a replay
 * sent again to the same store writes nothing: every command answers with its first result.
 *
 * The handlers look other streams up through the core's store-backed `Directory`, one for the whole
 * replay, which folds each event of another stream once, however many commands look it up, when the
 * store comes with a `StreamFold.Cache` (see `Program.ts`).
 *
 * @since 0.1.0
 */
import { Directory, Kemitraan } from "@kemitraan/core"
import type { EventStore } from "@kemitraan/eventsourcing"
import { Effect } from "effect"
import { CommandFailed } from "./ReplayError.js"
import type { Step } from "./Timeline.js"

/** How a replay reports its progress. */
export interface Options {
  /** Called every `progressEvery` commands and after the last one. */
  readonly onProgress?: ((done: number, total: number) => void) | undefined
  /** Default 250. */
  readonly progressEvery?: number | undefined
}

/** What a replay did. */
export interface Stats {
  readonly commands: number
  /** Events appended by this replay (0 when every command had been handled before). */
  readonly events: number
  /** Commands whose id the store had seen: they wrote nothing. */
  readonly alreadyHandled: number
}

const handleStep = (step: Step) =>
  Kemitraan.route(step.command, {
    commandId: step.commandId,
    occurredAt: new Date(step.at),
    provenance: step.provenance
  })

const failedAt = (step: Step, error: Kemitraan.HandleError) =>
  new CommandFailed({
    commandId: step.commandId,
    at: new Date(step.at),
    error: error._tag,
    reason: error.message
  })

/**
 * Handles every step in order, each at its business time. Stops at the first failure. One loop of
 * `flatMap`s, its failure named after the step it stopped at by one `mapError` around it all, not
 * one a command.
 */
export const run = (
  steps: ReadonlyArray<Step>,
  options?: Options
): Effect.Effect<Stats, CommandFailed, EventStore.EventStore> => {
  const every = options?.progressEvery ?? 250
  const report = options?.onProgress
  return Effect.suspend(() => {
    let events = 0
    let alreadyHandled = 0
    let i = 0
    const next = (
      result: Kemitraan.Result
    ): Effect.Effect<Stats, Kemitraan.HandleError, EventStore.EventStore | Directory.Directory> => {
      if (result.alreadyHandled) alreadyHandled += 1
      else events += result.events.length
      i += 1
      if (report !== undefined && (i % every === 0 || i === steps.length)) report(i, steps.length)
      return i === steps.length
        ? Effect.succeed({ commands: steps.length, events, alreadyHandled })
        : Effect.flatMap(handleStep(steps[i]!), next)
    }
    const all =
      steps.length === 0
        ? Effect.succeed({ commands: 0, events: 0, alreadyHandled: 0 })
        : Effect.flatMap(handleStep(steps[0]!), next)
    return Effect.mapError(all, (error) => failedAt(steps[i]!, error))
  }).pipe(Effect.provide(Directory.layer))
}
