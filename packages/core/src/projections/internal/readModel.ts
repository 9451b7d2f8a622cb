/**
 * What the read models share: exact amounts, mutable maps with their schemas, ordered keys and rates.
 */
import { Schema } from "effect"

/**
 * An exact number of rupiah in a whole-state read model: a non-negative safe integer. Read models as
 * tables use `Rupiah` instead (docs/decisions/0008-read-model-money-is-rupiah.md); this stays only
 * until the last whole-state model moves. Sums stay exact up to
 * `Number.MAX_SAFE_INTEGER`, about Rp9 quadrillion (Rp9,007 trillion): sixteen years of all BUMN
 * procurement at 2022's Rp550 trillion. A sum past it fails the state's schema, so the checkpoint
 * fails loudly rather than store an inexact figure.
 */
export const Amount = Schema.NonNegativeInt.annotations({ identifier: "Amount" })

/** A count of businesses, consultations or assessments. */
export const Count = Schema.NonNegativeInt

/** A mutable map with string keys, encoded as an array of `[key, value]` pairs. */
export const StringMap = <V extends Schema.Schema.Any>(value: V) => Schema.Map({ key: Schema.String, value })

/**
 * The value at `key`, inserted with `make(key)` when there is none. Pass a function defined once,
 * not a fresh closure, on paths that run per event.
 */
export const getOrInsert = <K, V>(map: Map<K, V>, key: K, make: (key: K) => V): V => {
  const found = map.get(key)
  if (found !== undefined) return found
  const made = make(key)
  map.set(key, made)
  return made
}

/** Adds `amount` to the number at `key` (0 when absent). */
export const addTo = <K>(map: Map<K, number>, key: K, amount: number): void => {
  map.set(key, (map.get(key) ?? 0) + amount)
}

/** A new empty map, for {@link getOrInsert}. */
export const newMap = <K, V>(): Map<K, V> => new Map()

/** A new empty list, for {@link getOrInsert}. */
export const newList = <V>(): Array<V> => []

/** Orders strings by code unit, the same on every machine (unlike `localeCompare`). */
export const compareStrings = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0)

/** The keys of a map, ordered. */
export const sortedKeys = <V>(map: ReadonlyMap<string, V>): Array<string> => [...map.keys()].sort(compareStrings)

/** `part / whole`, or `null` when there is no whole to divide (0 of 0 is no rate at all). */
export const rate = (part: number, whole: number): number | null => (whole === 0 ? null : part / whole)

/** The UTC calendar year of an instant. */
export const yearOf = (at: Date): number => at.getUTCFullYear()
