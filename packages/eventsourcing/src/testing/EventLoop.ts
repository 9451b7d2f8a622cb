/**
 * Long runs that leave the event loop its turn. A test runner talks to its workers through messages
 * with a deadline (vitest: 60 s); a test that keeps the loop busy for longer, which a long replay or
 * property does on a loaded machine, has the answer to such a message wait behind that deadline and
 * fails the run although every assertion held.
 *
 * @since 0.1.0
 */
import * as Effect from "effect/Effect"
import * as FiberRef from "effect/FiberRef"
import * as Scheduler from "effect/Scheduler"

/**
 * A scheduler that runs like Effect's default one, on microtasks, but yields once a slice of
 * `sliceMillis` is used up and resumes through `setImmediate`, so that timers and I/O run in
 * between. It yields by the clock, not only by Effect's count of operations: that count starts
 * again whenever a fiber resumes, and a fiber resumed synchronously at every statement (a SQLite
 * transaction takes the connection so) never reaches it. Batches keep their order, so fibers
 * interleave as they do on the default scheduler.
 */
export const scheduler = (sliceMillis = 20): Scheduler.Scheduler => {
  let sliceStart = performance.now()
  let ops = 0
  const sliceUsed = () => performance.now() - sliceStart >= sliceMillis
  return Scheduler.makeBatched(
    (runBatch) => {
      if (!sliceUsed()) {
        queueMicrotask(runBatch)
      } else {
        setImmediate(() => {
          sliceStart = performance.now()
          runBatch()
        })
      }
    },
    (fiber) => {
      const byCount = Scheduler.defaultShouldYield(fiber)
      if (byCount !== false) return byCount
      // Reading the clock at every operation would cost more than many operations do.
      ops = (ops + 1) % 64
      return ops === 0 && sliceUsed() ? fiber.getFiberRef(FiberRef.currentSchedulingPriority) : false
    }
  )
}

/** Runs `self`, and the fibers it forks, on a fresh `scheduler()`. */
export const breathing = <A, E, R>(self: Effect.Effect<A, E, R>): Effect.Effect<A, E, R> =>
  Effect.suspend(() => Effect.withScheduler(self, scheduler()))
