/**
 * An audit of fenced commits, for tests of several worker processes: the store's commits, each
 * followed inside its transaction, right after its lease's fence, by a statement of the test's (an
 * `INSERT` of the read model, the position, the committer and the lease row as the transaction sees
 * it). No vitest here: worker processes load it.
 */
import * as Effect from "effect/Effect"
import * as ReadModelStore from "../../ReadModelStore.js"

/** The store, each commit's fence followed by `audit(name, position)` in the same transaction. */
export const auditedStore = (
  store: ReadModelStore.ReadModelStore,
  audit: (name: string, position: number) => Effect.Effect<void>
): ReadModelStore.ReadModelStore =>
  ReadModelStore.ReadModelStore.of({
    ...store,
    commit: (commit) =>
      store.commit({
        ...commit,
        fence: Effect.zipRight(commit.fence ?? Effect.void, audit(commit.checkpoint.name, commit.checkpoint.position))
      })
  })
