/**
 * Money in Indonesian rupiah (IDR), exact. Rupiah has no minor unit in practice, so a whole number
 * of rupiah is exact; floats are never used for money.
 *
 * One amount (`Rupiah`: a business's annual sales, a contract, an assessment's potential) is a
 * non-negative integer of at most {@link max}, Rp1.000 triliun: more than any SME figure or any one
 * partnership contract could be, so an amount above it is a typing error, and refused with the
 * schema's message. Being below 2^53, every amount is an exact JavaScript number.
 *
 * A sum of amounts (`Total`: what read models add up over a forum or a programme) has no bound: it
 * is a bigint, encoded as the text of its digits, so that no total loses a rupiah however many
 * amounts go into it, and a read model's rows encode at any total.
 *
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"

/** The largest amount of one figure: Rp1,000,000,000,000,000 (Rp1.000 triliun, 10^15). */
export const max = 1_000_000_000_000_000

/** An amount of rupiah: an integer from 0 to {@link max}. */
export const Rupiah = Schema.Int.pipe(
  Schema.nonNegative({ message: () => "an amount of rupiah must not be negative" }),
  Schema.lessThanOrEqualTo(max, {
    message: () => "an amount of rupiah must be at most Rp1.000.000.000.000.000 (Rp1.000 triliun)"
  }),
  Schema.brand("Rupiah"),
  Schema.annotations({
    identifier: "Rupiah",
    description: "an exact integer number of rupiah (IDR), from 0 to 10^15"
  })
)

/** An amount of rupiah. */
export type Rupiah = typeof Rupiah.Type

/** What the schema checks of an amount: an integer (`Schema.Int`), from 0 to {@link max}. */
const isAmount = (amount: number): boolean => Number.isSafeInteger(amount) && amount >= 0 && amount <= max

/**
 * Makes an amount from a number; throws when it is not an integer from 0 to {@link max}. The check
 * is the schema's own filters, called directly (the schema's validation took a few microseconds an
 * amount), and a number that fails them goes to the schema, which throws its own error.
 */
export const make = (amount: number): Rupiah =>
  isAmount(amount) ? Rupiah.make(amount, { disableValidation: true }) : Rupiah.make(amount)

/** Rp0. */
export const zero: Rupiah = Rupiah.make(0)

/** Rp1,000,000 (satu juta). */
export const million = 1_000_000

/** Rp1,000,000,000 (satu miliar). */
export const billion = 1_000_000_000

/** A sum of rupiah: a non-negative bigint of any size, encoded as its decimal digits. */
export const Total = Schema.BigInt.pipe(
  Schema.nonNegativeBigInt({ message: () => "a total of rupiah must not be negative" }),
  Schema.brand("RupiahTotal"),
  Schema.annotations({
    identifier: "RupiahTotal",
    description: "an exact, non-negative sum of rupiah (IDR) of any size, written as its decimal digits"
  })
)

/** A sum of rupiah. */
export type Total = typeof Total.Type

/** Either an amount or a sum. */
export type Money = Rupiah | Total

/** A total from a bigint; throws when it is negative. */
export const total = (amount: bigint): Total =>
  amount >= 0n ? Total.make(amount, { disableValidation: true }) : Total.make(amount)

/** A total of Rp0. */
export const zeroTotal: Total = total(0n)

/** Adds amounts or totals, exactly. */
export const sum = (amounts: Iterable<Money>): Total => {
  let result = 0n
  for (const amount of amounts) result += BigInt(amount)
  return total(result)
}

/** Adds two amounts or totals, exactly. */
export const add = (a: Money, b: Money): Total => total(BigInt(a) + BigInt(b))

/**
 * A total with one of its parts replaced: `total - before + after`. Throws when `before` was more
 * than the total, which a total that contains `before` never is.
 */
export const replace = (sumOf: Total, before: Money, after: Money): Total =>
  total(sumOf - BigInt(before) + BigInt(after))

/** Orders amounts or totals, smallest first. */
export const compare = (a: Money, b: Money): number => {
  const difference = BigInt(a) - BigInt(b)
  return difference < 0n ? -1 : difference > 0n ? 1 : 0
}

/** `part / whole` as a fraction (to show as a percentage), or null when the whole is Rp0. */
export const share = (part: Money, whole: Money): number | null => {
  const of = BigInt(whole)
  if (of === 0n) return null
  // Scaled by 10^9 in bigints first, so that totals beyond 2^53 still give a close fraction.
  return Number((BigInt(part) * 1_000_000_000n) / of) / 1_000_000_000
}

/** Formats an amount or a total the Indonesian way: `Rp224.800.000.000`. */
export const format = (amount: Money): string => `Rp${amount.toString().replace(/\B(?=(\d{3})+(?!\d))/g, ".")}`
