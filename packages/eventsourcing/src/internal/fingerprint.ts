/**
 * A fingerprint of a command: 64 bits of a hash of its canonical JSON (object keys sorted, dates
 * as ISO-8601, bigints as decimal text). It tells a resent command from another command under the
 * same id; it is no security measure (two different commands share one by accident with odds of
 * about 2^-64).
 */

const canonical = (value: unknown): unknown => {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? "Invalid Date" : value.toISOString()
  if (typeof value === "bigint") return `${value}n`
  if (Array.isArray(value)) return value.map(canonical)
  if (typeof value === "object" && value !== null) {
    const out: Record<string, unknown> = {}
    for (const key of Object.keys(value).sort()) {
      const field: unknown = Reflect.get(value, key)
      if (field !== undefined) out[key] = canonical(field)
    }
    return out
  }
  return value
}

/** Two 32-bit FNV-1a hashes with different offsets, as 16 hex digits. */
const hash64 = (text: string): string => {
  let a = 0x811c9dc5
  let b = 0x01000193 ^ 0x9e3779b9
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i)
    a = Math.imul(a ^ code, 0x01000193)
    b = Math.imul(b ^ code, 0x5bd1e995)
    b ^= b >>> 15
  }
  return (a >>> 0).toString(16).padStart(8, "0") + (b >>> 0).toString(16).padStart(8, "0")
}

/** The fingerprint of a command and the business time it carried, if any. */
export const fingerprint = (command: unknown, occurredAt: Date | undefined): string =>
  hash64(JSON.stringify(canonical({ command, occurredAt })) ?? "undefined")
