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
}

/** The stream-fold cache service tag. */
export const Cache = Context.GenericTag<Cache>("@kemitraan/eventsourcing/StreamFold/Cache")

/** Makes an empty cache for the streams of `store`. */
export const makeCache = (store: EventStore): Cache => {
  const slots = new Map<Slot<unknown>, Lru<string, Folded<unknown>>>()
  const statesOf = (slot: Slot<unknown>): Lru<string, Folded<unknown>> => {
    let states = slots.get(slot)
    if (states === undefined) {
      states = new Lru(slot.capacity)
      slots.set(slot, states)
    }
    return states
  }
  return Cache.of({
    store,
    // Only `set` files states under a slot, and only with that slot's own type of state.
    get: <State>(slot: Slot<State>, streamId: string) => statesOf(slot).get(streamId) as Folded<State> | undefined,
    set: (slot, streamId, folded) => statesOf(slot).set(streamId, folded)
  })
}
