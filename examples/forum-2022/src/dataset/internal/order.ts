/**
 * Orderings that are the same on every machine: strings by code unit (unlike `localeCompare`,
 * which follows the runtime's locale and collation data).
 */

/** Compares two strings by code unit. */
export const compareText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0)
