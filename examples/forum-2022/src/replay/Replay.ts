/**
 * The replay: every step of a timeline through its aggregate's command handler (participant, forum
 * or assessment, as `Kemitraan.handle` would send it), one command at a time, with the clock set to
 * the step's instant. Each command carries its deterministic id, so a replay sent again to the same
 * store writes nothing: every command answers with its first result.
 *
 * The handlers look other streams up through the core's store-backed `Directory`, which folds each
 * event of another stream once, however many commands look it up.
 *
 * @since 0.1.0
 */
import { Assessment, Directory, Forum, type Kemitraan, Participant } from "@kemitraan/core"
import type { EventStore } from "@kemitraan/eventsourcing"
import { Effect, Schema } from "effect"
import * as ReplayClock from "./ReplayClock.js"
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

const isParticipantCommand = Schema.is(Participant.ParticipantCommand)
const isForumCommand = Schema.is(Forum.ForumStreamCommand)

/** Sends a command to its aggregate's handler, as `Kemitraan.handle` does. */
const dispatch = (
  command: Kemitraan.Command,
  commandId: string
): Effect.Effect<Kemitraan.Result, Kemitraan.HandleError, EventStore.EventStore | Directory.Directory> =>
  isParticipantCommand(command)
    ? Participant.handler(command, { commandId })
    : isForumCommand(command)
      ? Forum.handler(command, { commandId })
      : Assessment.handler(command, { commandId })

const handleStep = (step: Step) =>
  dispatch(step.command, step.commandId).pipe(
    Effect.mapError(
      (error) =>
        new CommandFailed({
          commandId: step.commandId,
          at: new Date(step.at),
          error: error._tag,
          reason: error.message
        })
    )
  )

/** Handles every step in order, with the clock at each step's instant. Stops at the first failure. */
export const run = (
  steps: ReadonlyArray<Step>,
  options?: Options
): Effect.Effect<Stats, CommandFailed, EventStore.EventStore> => {
  const clock = ReplayClock.make(steps[0]?.at ?? 0)
  const every = options?.progressEvery ?? 250
  const report = options?.onProgress
  return Effect.gen(function* () {
    const directory = yield* Directory.make
    let events = 0
    let alreadyHandled = 0
    for (let i = 0; i < steps.length; i++) {
      const step = steps[i]!
      yield* clock.set(step.at)
      const result = yield* Effect.provideService(handleStep(step), Directory.Directory, directory)
      if (result.alreadyHandled) alreadyHandled += 1
      else events += result.events.length
      if (report !== undefined && ((i + 1) % every === 0 || i + 1 === steps.length)) report(i + 1, steps.length)
    }
    return { commands: steps.length, events, alreadyHandled }
  }).pipe(Effect.withClock(clock.clock))
}
