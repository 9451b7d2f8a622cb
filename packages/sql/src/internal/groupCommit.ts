import type * as Context from "effect/Context"
import * as Deferred from "effect/Deferred"
import * as Effect from "effect/Effect"
import * as Exit from "effect/Exit"
import type { EventStore, EventStoreError } from "@kemitraan/eventsourcing"
import type { AppendBatch, AppendNow, AppendOutcome, AppendRequest } from "../SqlDriver.js"

type Result = Effect.Effect<EventStore.AppendResult, EventStoreError.AppendError>

interface Waiting {
  readonly request: AppendRequest
  readonly done: Deferred.Deferred<EventStore.AppendResult, EventStoreError.AppendError>
}

const noOutcome = "the append batch gave no outcome for this append"

/** Answers the waiting appends with the batch's outcomes, from `offset` on. */
const settle = (
  waiting: ReadonlyArray<Waiting>,
  exit: Exit.Exit<ReadonlyArray<AppendOutcome>>,
  offset: number
): Effect.Effect<void> =>
  Effect.forEach(
    waiting,
    (w, i) => {
      if (Exit.isFailure(exit)) return Deferred.failCause(w.done, exit.cause)
      const outcome = exit.value[i + offset]
      return outcome === undefined ? Deferred.die(w.done, new Error(noOutcome)) : Deferred.complete(w.done, outcome)
    },
    { discard: true }
  )

/** How often an append that found itself alone lets other fibers catch up with it anyway. */
const probeEvery = 16

/**
 * Group commit: the appends of one store that wait together are handed to `batch` together. The
 * first append to arrive leads: it lets the fibers that are about to append join (one yield), then
 * writes its own request with every waiting one; before it returns it writes the requests that
 * arrived meanwhile, until none wait. The leader's work is uninterruptible, so that no waiting
 * append is left without an outcome.
 *
 * The yield costs a trip through the scheduler, for nothing when one fiber appends after another.
 * So a leader yields while the last batch had company, and otherwise only every
 * {@link probeEvery}-th time, to find out whether other fibers are appending too; alone, an
 * append is written at once, in a batch of one: with the driver's `now`, in the caller's own
 * Effect step (no leader counted, no fiber can join meanwhile), else as a batch of one. A leader
 * that yielded and found that no one joined writes its batch of one with `now` too, when it can.
 *
 * `lanes` is how many batches may be in flight at once (one by default; the driver's
 * `appendLanes`). With two, the next batch goes to the server while the last one commits, and
 * waits there for the log's head, so that the server is not idle while this process settles one
 * batch and gathers the next: that pays when one process does all the appending. When several
 * processes append to one log, the others keep the server busy, and a second lane only splits
 * this process's appends into smaller batches, each paying a commit of its own.
 */
export const make = (
  batch: AppendBatch,
  lanes = 1,
  now?: AppendNow | undefined
): ((request: AppendRequest, context?: Context.Context<never>) => Result) => {
  let pending: Array<Waiting> = []
  let leaders = 0
  let company = false
  let alone = 0

  const take = (): Array<Waiting> => {
    const waiting = pending
    pending = []
    return waiting
  }

  /** Writes whatever waits, until nothing does; then no one leads. Checking and leaving are one step. */
  const drain: Effect.Effect<void> = Effect.suspend(() => {
    const waiting = take()
    if (waiting.length === 0) {
      leaders -= 1
      return Effect.void
    }
    return Effect.exit(batch(waiting.map((w) => w.request))).pipe(
      Effect.flatMap((exit) => settle(waiting, exit, 0)),
      // The fibers just answered are likely to append again at once: let them, and write them too.
      Effect.zipRight(Effect.yieldNow()),
      Effect.zipRight(drain)
    )
  })

  /** The first outcome of a batch of one. */
  const first = (outcomes: ReadonlyArray<AppendOutcome>): Result => outcomes[0] ?? Effect.dieMessage(noOutcome)

  /** Leads a batch with `own` first (the caller counted itself among the leaders); uninterruptible. */
  const lead = (own: AppendRequest, yielding: boolean, context: Context.Context<never> | undefined): Result => {
    // Alone, with no one to let join and no one waiting: its own batch of one, in fewer steps.
    if (!yielding && pending.length === 0) {
      company = false
      return Effect.matchCauseEffect(batch([own]), {
        onFailure: (cause) => Effect.zipRight(drain, Effect.failCause(cause)),
        onSuccess: (outcomes) => Effect.zipRight(drain, first(outcomes))
      })
    }
    let joined = 0
    return Effect.gen(function* () {
      if (yielding) yield* Effect.yieldNow()
      const waiting = take()
      joined = waiting.length
      company = joined > 0
      // No one joined: its batch of one with the driver's `now` when it can, in this step (the
      // batch's own path takes some twenty more); the leader drains what arrives after.
      if (joined === 0 && now !== undefined && context !== undefined) {
        const outcome = now(own, context)
        if (outcome !== undefined) return yield* outcome
      }
      const exit = yield* Effect.exit(batch([own, ...waiting.map((w) => w.request)]))
      yield* settle(waiting, exit, 1)
      if (Exit.isFailure(exit)) return yield* Effect.failCause(exit.cause)
      const mine = exit.value[0]
      return mine === undefined ? yield* Effect.dieMessage(noOutcome) : yield* mine
    }).pipe(Effect.ensuring(Effect.suspend(() => (joined > 0 ? Effect.zipRight(Effect.yieldNow(), drain) : drain))))
  }

  const wait = (request: AppendRequest): Result =>
    Effect.flatMap(Deferred.make<EventStore.AppendResult, EventStoreError.AppendError>(), (done) => {
      pending.push({ request, done })
      return Deferred.await(done)
    })

  return (request, context) => {
    const yielding = company || ++alone % probeEvery === 0
    // Alone (no batch in flight, none had company of late), an append is written in the caller's
    // own step when the driver can (`now`): no other fiber runs meanwhile, so none could join it.
    if (!yielding && leaders === 0 && now !== undefined && context !== undefined) {
      const outcome = now(request, context)
      if (outcome !== undefined) return outcome
    }
    // Choosing to lead and counting oneself a leader are one uninterruptible step, so that no
    // interruption leaves a leader counted that never drains.
    return Effect.uninterruptibleMask((restore) =>
      Effect.suspend(() => {
        if (leaders >= lanes) return restore(wait(request))
        leaders += 1
        return lead(request, yielding, context)
      })
    )
  }
}
