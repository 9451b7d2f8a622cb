/**
 * The log the projections' benchmark folds: the synthetic national programme of
 * `@kemitraan/core/testing` (shaped like the founding forum), held in memory as recorded events,
 * positions from 1. Events of one instant share their metadata, so that the whole log in memory
 * leaves the collector less to walk (a rebuild from a store holds one page at a time).
 */
import type { KemitraanEvent } from "@kemitraan/core"
import { Programme } from "@kemitraan/core/testing"
import type { RecordedEvent } from "@kemitraan/eventsourcing"

/** The programme of `smes` SMEs as recorded events, in log order. */
export const generate = (
  smes: number,
  seed = 2022
): Array<RecordedEvent.RecordedEvent<KemitraanEvent.KemitraanEvent>> => {
  const log: Array<RecordedEvent.RecordedEvent<KemitraanEvent.KemitraanEvent>> = []
  const versions = new Map<string, number>()
  const metadata = new Map<number, RecordedEvent.EventMetadata>()
  for (const { event, streamId } of Programme.events(smes, seed)) {
    const streamVersion = (versions.get(streamId) ?? 0) + 1
    versions.set(streamId, streamVersion)
    const instant = event.at.getTime()
    let shared = metadata.get(instant)
    if (shared === undefined) {
      shared = { occurredAt: event.at }
      metadata.set(instant, shared)
    }
    const position = log.length + 1
    log.push({ eventId: `e-${position}`, streamId, streamVersion, position, type: event._tag, event, metadata: shared })
  }
  return log
}
