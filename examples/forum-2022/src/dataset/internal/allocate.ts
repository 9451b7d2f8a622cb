/**
 * Largest-remainder apportionment in exact integer arithmetic (bigint), so that the parts always
 * add up to the whole: the dataset's total potential is exactly the published figure.
 */

/**
 * Splits the non-negative integer `total` into parts proportional to the non-negative integer
 * `weights`. Each part gets the floor of its quota; the units left over go to the largest
 * remainders, ties to the earlier index.
 */
export const largestRemainder = (total: number, weights: ReadonlyArray<number>): Array<number> => {
  if (!Number.isSafeInteger(total) || total < 0) throw new Error(`allocate: total ${total} is not a safe integer >= 0`)
  if (weights.some((weight) => !Number.isSafeInteger(weight) || weight < 0)) {
    throw new Error("allocate: every weight must be a safe integer >= 0")
  }
  const sum = weights.reduce((acc, weight) => acc + BigInt(weight), 0n)
  if (sum === 0n) throw new Error("allocate: the weights add up to zero")
  const whole = BigInt(total)
  const quotas = weights.map((weight) => whole * BigInt(weight))
  const parts = quotas.map((quota) => quota / sum)
  const given = parts.reduce((acc, part) => acc + part, 0n)
  const byRemainder = quotas
    .map((quota, index) => ({ index, remainder: quota % sum }))
    .sort((a, b) => (a.remainder === b.remainder ? a.index - b.index : a.remainder > b.remainder ? -1 : 1))
  for (let k = 0; k < Number(whole - given); k++) {
    const entry = byRemainder[k]
    if (entry !== undefined) parts[entry.index] = (parts[entry.index] ?? 0n) + 1n
  }
  return parts.map(Number)
}
