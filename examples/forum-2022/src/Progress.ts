/**
 * Progress of long work on stderr, for a person at a terminal: one line rewritten in place. When
 * stderr is not a terminal (CI, a pipe, a file) it writes nothing.
 *
 * @since 0.1.0
 */

/** Where progress goes: a stream that may be a terminal. */
export interface Sink {
  readonly isTTY?: boolean | undefined
  readonly write: (text: string) => unknown
}

/** A progress callback for `label`, or undefined when `sink` is not a terminal. */
export const make = (sink: Sink, label: string): ((done: number, total: number) => void) | undefined =>
  sink.isTTY === true
    ? (done, total) => {
        // \r returns to the line's start, ESC[K clears what the previous, longer line left.
        sink.write(done < total ? `\r${label}: ${done}/${total}\u001b[K` : "\r\u001b[K")
      }
    : undefined
