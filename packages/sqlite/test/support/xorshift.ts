/** xorshift32 from `seed`: the same sequence of numbers below `below` on every run of a test. */
export const xorshift = (seed: number): ((below: number) => number) => {
  let state = seed >>> 0 || 1
  return (below) => {
    state ^= state << 13
    state ^= state >>> 17
    state ^= state << 5
    state >>>= 0
    return state % below
  }
}
