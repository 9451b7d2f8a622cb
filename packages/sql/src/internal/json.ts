/** `JSON.stringify`, or `undefined` for a value JSON cannot hold (a function, a `bigint`, a cycle). */
export const stringify = (value: unknown): string | undefined => {
  try {
    return JSON.stringify(value)
  } catch {
    return undefined
  }
}
