/**
 * Money in Indonesian rupiah (IDR): an exact, non-negative, safe integer. Rupiah has no minor unit
 * in practice, so an integer number of rupiah is exact; floats are never used for money.
 *
 * @since 0.1.0
 */
import { Schema } from "effect"

/** An amount of rupiah: a non-negative safe integer. */
export const Rupiah = Schema.Int.pipe(
  Schema.nonNegative({ message: () => "an amount of rupiah must not be negative" }),
  Schema.brand("Rupiah"),
  Schema.annotations({
    identifier: "Rupiah",
    description: "an exact, non-negative integer number of rupiah (IDR)"
  })
)

/** An amount of rupiah. */
export type Rupiah = typeof Rupiah.Type

/** What the schema checks of an amount: a safe integer (`Schema.Int`), not negative. */
const isAmount = (amount: number): boolean => Number.isSafeInteger(amount) && amount >= 0

/**
 * Makes an amount from a number; throws when it is not a non-negative safe integer. The read models
 * add amounts on nearly every event: the check is the schema's own two filters, called directly
 * (the schema's validation took a few microseconds an amount), and a number that fails them goes
 * to the schema, which throws its own error.
 */
export const make = (amount: number): Rupiah =>
  isAmount(amount) ? Rupiah.make(amount, { disableValidation: true }) : Rupiah.make(amount)

/** Rp0. */
export const zero: Rupiah = Rupiah.make(0)

/** Rp1,000,000 (satu juta). */
export const million = 1_000_000

/** Rp1,000,000,000 (satu miliar). */
export const billion = 1_000_000_000

/** Adds amounts; fails loudly (throws) rather than lose precision past the safe-integer range. */
export const sum = (amounts: Iterable<Rupiah>): Rupiah => {
  let total = 0
  for (const amount of amounts) total += amount
  return make(total)
}

/** Adds two amounts; fails loudly (throws) rather than lose precision past the safe-integer range. */
export const add = (a: Rupiah, b: Rupiah): Rupiah => make(a + b)

/** Formats an amount the Indonesian way: `Rp224.800.000.000`. */
export const format = (amount: Rupiah): string => `Rp${amount.toString().replace(/\B(?=(\d{3})+(?!\d))/g, ".")}`
