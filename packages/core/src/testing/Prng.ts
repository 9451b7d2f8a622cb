/**
 * A small seeded pseudo-random generator (mulberry32) with the draws synthetic data needs: the one
 * behind the forum-2022 dataset generator and `Programme`. Every draw is integer arithmetic on
 * 32-bit words, so a seed gives the same sequence on every platform; no `Math.random`, no
 * `Math.log`/`Math.exp` (whose last bits may differ between engines). The checked-in dataset and the
 * benchmarks' logs depend on the exact sequence: changing a draw changes them.
 *
 * @since 0.1.0
 */

/** A deterministic source of draws. */
export interface Rng {
  /** The next 32-bit unsigned word. */
  readonly next: () => number
  /** An integer in `[min, max]`, both inclusive; the span must stay below 2^21. */
  readonly int: (min: number, max: number) => number
  /** True with probability `permille / 1000`. */
  readonly chance: (permille: number) => boolean
  /** One element, uniformly. */
  readonly pick: <A>(items: ReadonlyArray<A>) => A
  /** One element, with probability proportional to its integer weight. */
  readonly weighted: <A>(items: ReadonlyArray<readonly [A, number]>) => A
  /** A shuffled copy (Fisher-Yates). */
  readonly shuffle: <A>(items: ReadonlyArray<A>) => Array<A>
}

const TWO_POW_32 = 4_294_967_296
const MAX_SPAN = 2_097_152

const fnv1a = (text: string): number => {
  let hash = 0x811c9dc5
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i)
    hash = Math.imul(hash, 0x01000193)
  }
  return hash >>> 0
}

/** mulberry32: the 32-bit unsigned words of a seed, one per call. */
export const mulberry32 = (seed: number): (() => number) => {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) | 0
    let t = Math.imul(state ^ (state >>> 15), 1 | state)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return (t ^ (t >>> 14)) >>> 0
  }
}

const at = <A>(items: ReadonlyArray<A>, index: number): A => {
  const item = items[index]
  if (item === undefined) throw new Error(`prng: index ${index} out of ${items.length} items`)
  return item
}

/**
 * A generator for one stage of a generator, seeded from the generator's seed and the stage's label,
 * so that a change in one stage does not reshuffle the draws of the others.
 */
export const make = (seed: number, label: string): Rng => {
  const next = mulberry32(seed ^ fnv1a(label))
  const int = (min: number, max: number): number => {
    const span = max - min + 1
    if (!Number.isInteger(min) || !Number.isInteger(max) || span < 1 || span > MAX_SPAN) {
      throw new Error(`prng: cannot draw an integer in [${min}, ${max}]`)
    }
    // exact: next() * span < 2^53, and dividing by 2^32 only moves the binary point
    return min + Math.floor((next() * span) / TWO_POW_32)
  }
  const pick = <A>(items: ReadonlyArray<A>): A => at(items, int(0, items.length - 1))
  const weighted = <A>(items: ReadonlyArray<readonly [A, number]>): A => {
    const total = items.reduce((sum, [, weight]) => sum + weight, 0)
    let draw = int(0, total - 1)
    for (const [item, weight] of items) {
      if (draw < weight) return item
      draw -= weight
    }
    throw new Error("prng: weighted draw with no positive weight")
  }
  const shuffle = <A>(items: ReadonlyArray<A>): Array<A> => {
    const out = [...items]
    for (let i = out.length - 1; i > 0; i--) {
      const j = int(0, i)
      const item = at(out, i)
      out[i] = at(out, j)
      out[j] = item
    }
    return out
  }
  return { next, int, chance: (permille) => int(0, 999) < permille, pick, weighted, shuffle }
}
