/**
 * Levenshtein distance, for naming the known word nearest to a typo (an unknown command's tag).
 * Quadratic, which is fine for tags; the input is clipped so that a hostile megabyte stays cheap.
 */
const limit = 100

/** The number of single-character insertions, deletions and substitutions that turn `a` into `b`. */
export const editDistance = (a: string, b: string): number => {
  const left = a.slice(0, limit)
  const right = b.slice(0, limit)
  let previous = Array.from({ length: right.length + 1 }, (_, j) => j)
  for (let i = 1; i <= left.length; i++) {
    const current = [i]
    for (let j = 1; j <= right.length; j++) {
      const substitution = (previous[j - 1] ?? 0) + (left[i - 1] === right[j - 1] ? 0 : 1)
      current.push(Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, substitution))
    }
    previous = current
  }
  return previous[right.length] ?? 0
}

/** The candidate nearest to `word`, ignoring case; the first of equals wins. */
export const closest = <A extends string>(word: string, candidates: readonly [A, ...Array<A>]): A => {
  const target = word.toLowerCase()
  let best = candidates[0]
  let bestDistance = Number.POSITIVE_INFINITY
  for (const candidate of candidates) {
    const distance = editDistance(target, candidate.toLowerCase())
    if (distance < bestDistance) {
      best = candidate
      bestDistance = distance
    }
  }
  return best
}
