/**
 * A node's continuous projection worker: it keeps the read models it holds a lease on caught up
 * with the log, for as long as it runs.
 *
 * Each round the worker announces itself (`ProjectionLeases.join`), gives up the leases it holds
 * beyond its fair share of the models (the nodes alive share them), takes free or expired ones up
 * to its share, and catches each held model up with `ReadModelRunner.catchUp`. Every write of a
 * catch-up is fenced: the store renews the lease, by owner and epoch, first thing in the write's
 * transaction, so a node that lost a lease (paused past its expiry, cut off from the database) fails
 * with `ProjectionLeaseLost`, writes nothing, and drops the model. A heartbeat renews the leases
 * between commits. A round starts at each wake-up of the store's `AppendSignal`, if it provides one,
 * and at least every `pollMillis`. When the worker stops (interrupted), it gives its leases up at
 * once; a node that dies holds them until they expire, and the others take them over then.
 *
 * ```ts
 * yield* ProjectionWorker.run(ReadModels.all, { leaseMillis: 15_000 }).pipe(Effect.forkScoped)
 * ```
 *
 * @since 0.3.0
 */
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Option from "effect/Option"
import * as Queue from "effect/Queue"
import * as Schedule from "effect/Schedule"
import * as Stream from "effect/Stream"
import * as AppendSignal from "./AppendSignal.js"
import type { EventStore } from "./EventStore.js"
import { InvalidStoreRequest, type StoreError } from "./EventStoreError.js"
import * as ProjectionLeases from "./ProjectionLeases.js"
import type { ReadModel } from "./ReadModel.js"
import * as ReadModelRunner from "./ReadModelRunner.js"
import * as ReadModelStore from "./ReadModelStore.js"

/** Options of a worker. */
export interface Options {
  /** This node's name in the leases: unique per running process. Default: a random UUID. */
  readonly owner?: string | undefined
  /** How long a lease lasts without renewal, in milliseconds. Default 15,000. */
  readonly leaseMillis?: number | undefined
  /** How often leases and the node's announcement are renewed. Default a third of `leaseMillis`. */
  readonly heartbeatMillis?: number | undefined
  /** The longest wait between two rounds, wake-up or not. Default 1,000. */
  readonly pollMillis?: number | undefined
  /** Options of each catch-up. */
  readonly catchUp?: ReadModelRunner.CatchUpOptions | undefined
}

/** A worker's failures: the store's, and the events' that do not decode (a worker does not skip them). */
export type WorkerError = ReadModelRunner.ReadModelError

/** The default `leaseMillis`. */
export const defaultLeaseMillis = 15_000

/** The default `pollMillis`. */
export const defaultPollMillis = 1_000

interface Settings {
  readonly owner: string
  readonly leaseMillis: number
  readonly heartbeatMillis: number
  readonly pollMillis: number
}

const settingsOf = (options: Options | undefined): Either.Either<Settings, InvalidStoreRequest> => {
  const leaseMillis = options?.leaseMillis ?? defaultLeaseMillis
  const heartbeatMillis = options?.heartbeatMillis ?? Math.max(1, Math.floor(leaseMillis / 3))
  const pollMillis = options?.pollMillis ?? defaultPollMillis
  const owner = options?.owner ?? crypto.randomUUID()
  const bad = [
    ["leaseMillis", leaseMillis],
    ["heartbeatMillis", heartbeatMillis],
    ["pollMillis", pollMillis]
  ].find(([, value]) => !(Number.isSafeInteger(value) && Number(value) >= 1))
  const reason =
    bad !== undefined
      ? `${bad[0]} must be a positive integer, got ${bad[1]}`
      : heartbeatMillis >= leaseMillis
        ? `heartbeatMillis (${heartbeatMillis}) must be less than leaseMillis (${leaseMillis})`
        : owner === ""
          ? "owner must not be empty"
          : undefined
  return reason === undefined
    ? Either.right({ owner, leaseMillis, heartbeatMillis, pollMillis })
    : Either.left(new InvalidStoreRequest({ operation: "start a projection worker", reason }))
}

/** The store with every commit and reset fenced: `fence` (a lease's renewal) runs first in its transaction. */
export const fenced = (
  store: ReadModelStore.ReadModelStore,
  fence: ReadModelStore.Fence
): ReadModelStore.ReadModelStore =>
  ReadModelStore.ReadModelStore.of({
    ...store,
    commit: (commit) => store.commit({ ...commit, fence }),
    reset: (name, tables, _fence, over) => store.reset(name, tables, fence, over)
  })

/**
 * Runs the worker until interrupted: keeps the read models this node holds a lease on caught up.
 * All nodes should run it with the same models; each takes at most its fair share of them.
 */
export const run = <Event extends { readonly _tag: string }>(
  models: ReadonlyArray<ReadModel<Event>>,
  options?: Options
): Effect.Effect<never, WorkerError, EventStore | ReadModelStore.ReadModelStore | ProjectionLeases.ProjectionLeases> =>
  Effect.flatMap(settingsOf(options), (settings) =>
    Effect.scoped(
      Effect.gen(function* () {
        const { heartbeatMillis, leaseMillis, owner, pollMillis } = settings
        const leases = yield* ProjectionLeases.ProjectionLeases
        const store = yield* ReadModelStore.ReadModelStore
        const held = new Map<string, ProjectionLeases.Held>()
        // Only the lease of that epoch is gone: a late failure must not drop a lease taken again since.
        const lost = (error: ProjectionLeases.ProjectionLeaseLost) =>
          Effect.zipRight(
            Effect.logInfo(error.message),
            Effect.sync(() => {
              if (held.get(error.name)?.epoch === error.epoch) held.delete(error.name)
            })
          )
        const wake = yield* Queue.sliding<void>(1)
        yield* Effect.addFinalizer(() => Effect.ignoreLogged(leases.leave(owner)))

        const heartbeat = Effect.zipRight(
          leases.join(owner, leaseMillis),
          Effect.suspend(() =>
            Effect.forEach(
              [...held.values()],
              (lease) => Effect.catchTag(leases.renew(lease, leaseMillis), "ProjectionLeaseLost", lost),
              { discard: true }
            )
          )
        )
        yield* heartbeat.pipe(
          Effect.catchAll((error: StoreError) => Effect.logWarning(`projection heartbeat: ${error.message}`)),
          Effect.repeat(Schedule.spaced(Duration.millis(heartbeatMillis))),
          Effect.forkScoped
        )

        const signal = yield* Effect.serviceOption(AppendSignal.AppendSignal)
        if (Option.isSome(signal)) {
          // A broken channel only loses wake-ups: polling goes on, and the channel is opened again.
          yield* Stream.runForEach(signal.value.wakeUps, () => Queue.offer(wake, undefined)).pipe(
            Effect.tapError((error) => Effect.logWarning(`projection wake-ups: ${error.message}`)),
            Effect.retry(Schedule.spaced(Duration.millis(pollMillis))),
            Effect.ignore,
            Effect.forkScoped
          )
        }

        const rebalance = Effect.gen(function* () {
          const share = ProjectionLeases.fairShare(models.length, yield* leases.join(owner, leaseMillis))
          const mine = [...held.values()].sort((a, b) => (a.name < b.name ? -1 : 1))
          for (const extra of mine.slice(share)) {
            held.delete(extra.name)
            yield* leases.release(extra)
          }
          // Start the search at a place of the owner's own, so that nodes do not all reach for the same model first.
          const offset = [...owner].reduce((sum, char) => sum + char.charCodeAt(0), 0)
          for (let i = 0; i < models.length && held.size < share; i++) {
            const { name } = models[(offset + i) % models.length]!
            if (held.has(name)) continue
            const taken = yield* leases.acquire(name, owner, leaseMillis)
            if (Option.isSome(taken)) held.set(name, taken.value)
          }
        })

        const catchUp = (model: ReadModel<Event>) =>
          Effect.suspend(() => {
            const lease = held.get(model.name)
            if (lease === undefined) return Effect.void
            return ReadModelRunner.catchUp(model, options?.catchUp).pipe(
              Effect.provideService(ReadModelStore.ReadModelStore, fenced(store, leases.renew(lease, leaseMillis))),
              Effect.asVoid,
              Effect.catchTag("ProjectionLeaseLost", lost)
            )
          })

        // A busy store (another node's long write) is waited out: the next round tries again.
        const round = Effect.zipRight(rebalance, Effect.forEach(models, catchUp, { discard: true })).pipe(
          Effect.catchTag("StoreBusy", (busy) => Effect.logWarning(`projection round: ${busy.message}`))
        )
        const pause = Effect.raceFirst(Queue.take(wake), Effect.sleep(Duration.millis(pollMillis)))
        return yield* Effect.forever(Effect.zipRight(round, pause))
      })
    )
  )
