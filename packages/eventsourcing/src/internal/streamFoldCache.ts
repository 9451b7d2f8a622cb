import * as Context from "effect/Context"
import type { EventStore } from "../EventStore.js"
import type { Folded } from "../StreamFold.js"
import { Lru } from "./lru.js"

/** Where a cache files the states of one stream fold: one slot per fold, with how many it keeps. */
export interface Slot<State> {
  readonly capacity: number
  /** Never read: it ties the slot to the type of the states filed under it. */
  readonly state?: State | undefined
}

/**
 * The states kept by the stream folds that read one store. It is built over that store and lives as
 * long as the layer that built it; folds reading any other store keep nothing in it.
 */
export interface Cache {
  /** The store whose streams it keeps. */
  readonly store: EventStore
  /** The state a fold kept for a stream, if it kept one. */
  readonly get: <State>(slot: Slot<State>, streamId: string) => Folded<State> | undefined
  /** Keeps a fold's state of a stream, dropping its least recently used one when the slot is full. */
  readonly set: <State>(slot: Slot<State>, streamId: string, folded: Folded<State>) => void
  /**
   * Whether a stream the slot keeps nothing of may be taken for a new one (acted on at version 0,
   * which an append at exactly that version checks): while such guesses held, or after a wrong
   * one, once the slot has read the streams it missed for a while (twice as long after each wrong
   * guess in a row, at most {@link maxGuessPause} misses). Never when the slot keeps nothing, nor
   * unless the store made the cache with `guessNew`.
   */
  readonly guessNew: <State>(slot: Slot<State>) => boolean
  /** Tells the slot whether a stream it took for a new one was new. */
  readonly guessed: <State>(slot: Slot<State>, held: boolean) => void
}

/** The most misses a slot reads after wrong guesses before it guesses again. */
export const maxGuessPause = 64

/** A slot's kept states, and how its guesses of new streams fared. */
interface Kept {
  readonly states: Lru<string, Folded<unknown>>
  /** Misses to read before the next guess. */
  pause: number
  /** The pause after the last wrong guess (0 after a right one). */
  backoff: number
}

/** The stream-fold cache service tag. */
export const Cache = Context.GenericTag<Cache>("@kemitraan/eventsourcing/StreamFold/Cache")

/** How a cache behaves. */
export interface CacheOptions {
  /**
   * Whether its slots may take a stream they keep nothing of for a new one (see `Cache.guessNew`).
   * A store turns it on where a refused exact-version append costs little beside the read it saves
   * for each new stream. Default false: a stream not kept is read.
   */
  readonly guessNew?: boolean | undefined
}

/** Makes an empty cache for the streams of `store`. */
export const makeCache = (store: EventStore, options?: CacheOptions): Cache => {
  const guessing = options?.guessNew === true
  const slots = new Map<Slot<unknown>, Kept>()
  const keptOf = (slot: Slot<unknown>): Kept => {
    let kept = slots.get(slot)
    if (kept === undefined) {
      kept = { states: new Lru(slot.capacity), pause: 0, backoff: 0 }
      slots.set(slot, kept)
    }
    return kept
  }
  return Cache.of({
    store,
    // Only `set` files states under a slot, and only with that slot's own type of state.
    get: <State>(slot: Slot<State>, streamId: string) => keptOf(slot).states.get(streamId) as Folded<State> | undefined,
    set: (slot, streamId, folded) => keptOf(slot).states.set(streamId, folded),
    guessNew: (slot) => {
      if (!guessing || slot.capacity <= 0) return false
      const kept = keptOf(slot)
      if (kept.pause === 0) return true
      kept.pause -= 1
      return false
    },
    guessed: (slot, held) => {
      const kept = keptOf(slot)
      kept.backoff = held ? 0 : Math.min(maxGuessPause, Math.max(1, kept.backoff * 2))
      kept.pause = kept.backoff
    }
  })
}
