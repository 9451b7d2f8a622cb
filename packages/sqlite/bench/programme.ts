/**
 * The log of (c): the core's synthetic national programme (`Programme` in `@kemitraan/core/testing`,
 * shaped like the founding forum), each event encoded through the domain's catalogue so that the
 * store decodes it with the real schemas.
 */
import * as KemitraanEvent from "@kemitraan/core/KemitraanEvent"
import { Programme } from "@kemitraan/core/testing"
import * as Either from "effect/Either"

/** One event of the log, encoded, with its stream. */
export interface Entry {
  readonly streamId: string
  readonly type: string
  readonly data: unknown
}

/** The encoded events of a programme of `smes` SMEs, in log order. */
export function* programme(smes: number): Generator<Entry> {
  for (const { event, streamId } of Programme.events(smes)) {
    const encoded = Either.getOrThrow(KemitraanEvent.KemitraanEvents.encode(event))
    yield { streamId, type: encoded.type, data: encoded.data }
  }
}
