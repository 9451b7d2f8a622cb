/**
 * Progress of long work on stderr: a bar rewritten in place on a terminal, plain lines (one per
 * tenth of the work) otherwise, so that a log or CI shows progress without control characters.
 *
 * @since 0.1.0
 */

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
    return (done, total) => {
      // \r returns to the line's start; ESC[K clears what a longer line left. The last call ends the line.
      sink.write(`\r${label} ${bar(done, total)} ${percent(done, total)}% ${done}/${total}\u001b[K`)
      if (done >= total) sink.write("\n")
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
