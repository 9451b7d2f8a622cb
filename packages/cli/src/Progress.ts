/**
 * Progress of long work on stderr: a bar rewritten in place on a terminal, plain lines (one per
 * tenth of the work) otherwise, so that a log or CI shows progress without control characters.
 *
 * @since 0.1.0
 */
import { EventStore, type EventStoreError } from "@kemitraan/eventsourcing"
import { Effect } from "effect"

/** Where progress goes: a stream that may be a terminal. */
export interface Sink {
  readonly isTTY?: boolean | undefined
  readonly write: (text: string) => unknown
}

const width = 30

const bar = (done: number, total: number): string => {
  const filled = total === 0 ? width : Math.round((done / total) * width)
  return `[${"#".repeat(filled)}${"-".repeat(width - filled)}]`
}

const percent = (done: number, total: number): number => (total === 0 ? 100 : Math.floor((done / total) * 100))

/** A progress callback for `label`: called with the work done and the whole. */
export const make = (sink: Sink, label: string): ((done: number, total: number) => void) => {
  if (sink.isTTY === true) {
    let ended = false
    return (done, total) => {
      if (ended) return
      // \r returns to the line's start; ESC[K clears what a longer line left. The last call ends the line.
      sink.write(`\r${label} ${bar(done, total)} ${percent(done, total)}% ${done}/${total}\u001b[K`)
      if (done >= total) {
        ended = true
        sink.write("\n")
      }
    }
  }
  let shown = -1
  return (done, total) => {
    const tenth = Math.floor(percent(done, total) / 10)
    if (tenth === shown) return
    shown = tenth
    sink.write(`${label}: ${done}/${total} (${percent(done, total)}%)\n`)
  }
}

/**
 * Runs `self` with an event store that reports how far its reads of the log have come, as the
 * position reached against the head's (when `self` began): for work, such as a read model's
 * rebuild, that reads the whole log page by page.
 */
export const readingLog =
  (onProgress: (done: number, total: number) => void) =>
  <A, E, R>(
    self: Effect.Effect<A, E, R>
  ): Effect.Effect<A, E | EventStoreError.StoreError, R | EventStore.EventStore> =>
    Effect.gen(function* () {
      const store = yield* EventStore.EventStore
      const head = yield* store.headPosition
      const reading: EventStore.EventStore = {
        ...store,
        readAllPage: (after, limit) =>
          Effect.tap(store.readAllPage(after, limit), (page) =>
            Effect.sync(() => onProgress(Math.min(page[page.length - 1]?.position ?? head, head), head))
          )
      }
      const result = yield* Effect.provideService(self, EventStore.EventStore, reading)
      onProgress(head, head)
      return result
    })
