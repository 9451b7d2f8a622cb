import { type FixtureRun, pauseFor, spawnFixture, watchFixture } from "./fixtureProcess.js"

/** How a worker process ended, and what it printed. */
export type WorkerRun = FixtureRun

/** A projection-worker process: `ready` resolves once it has opened the store. */
export interface WorkerProcess {
  readonly owner: string
  readonly ready: Promise<void>
  readonly signal: (signal: NodeJS.Signals) => void
  readonly pauseFor: (millis: number) => Promise<void>
  readonly done: Promise<WorkerRun>
}

/** Starts `fixtures/projectionWorker.ts` in its own Node process, on the kernel's sources through tsx. */
export const startWorker = (filename: string, owner: string, leaseMillis: number): WorkerProcess => {
  const child = spawnFixture("projectionWorker.ts", [filename, owner, String(leaseMillis)])
  const { done, ready } = watchFixture(child)
  return {
    owner,
    ready,
    done,
    signal: (signal) => void child.kill(signal),
    pauseFor: (millis) => pauseFor(child, millis)
  }
}
