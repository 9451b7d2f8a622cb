/**
 * What the read models share: counts, string order, rates and years.
 */
import * as Schema from "effect/Schema"

/** A count of things: a non-negative safe integer. */
export const Count = Schema.NonNegativeInt

/** Orders strings by UTF-16 code units, as `<` does: the same answer in any locale. */
export const compareStrings = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0)

/** `part / whole`, or null when there is no whole. */
export const rate = (part: number, whole: number): number | null => (whole === 0 ? null : part / whole)

/** The calendar year (UTC) of an instant. */
export const yearOf = (at: Date): number => at.getUTCFullYear()
