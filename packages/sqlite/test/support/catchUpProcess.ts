import { type FixtureRun, spawnFixture, watchFixture } from "./fixtureProcess.js"

/** The arguments of `fixtures/readModelCatchUp.ts`. */
export interface CatchUpArgs {
  readonly filename: string
  readonly pageSize: number
  readonly commitEvery: number
  readonly cacheRows: number
}

/** How a catch-up process ended, and what it printed. */
export type CatchUpRun = FixtureRun

/** A catch-up process: `ready` resolves once it has opened the store; `go` starts its catch-up. */
export interface CatchUpProcess {
  readonly ready: Promise<void>
  readonly go: () => void
  readonly kill: () => void
  readonly done: Promise<CatchUpRun>
}

/** Starts `fixtures/readModelCatchUp.ts` in its own Node process, on the kernel's sources through tsx. */
export const startCatchUp = (args: CatchUpArgs): CatchUpProcess => {
  const argv = [args.filename, args.pageSize, args.commitEvery, args.cacheRows].map(String)
  const child = spawnFixture("readModelCatchUp.ts", argv)
  const { done, ready } = watchFixture(child)
  return { ready, done, go: () => void child.stdin.end("go\n"), kill: () => void child.kill("SIGKILL") }
}
