/**
 * The text `Date.prototype.toISOString` gives an instant, written in JavaScript for the years 0 to
 * 9999: V8's own calls into its runtime and costs a few hundred nanoseconds, and a command's
 * append writes its instants three to four times (the fingerprint, the event's data, the metadata,
 * the row). Other years (six digits and a sign) are left to `toISOString`. A test holds the
 * two to the same text over the whole range of a `Date`.
 */

const millisPerDay = 86_400_000

/** "00" to "99". */
const twoDigits: ReadonlyArray<string> = Array.from({ length: 100 }, (_, n) => (n < 10 ? `0${n}` : `${n}`))

const threeDigits = (n: number): string => (n < 10 ? `00${n}` : n < 100 ? `0${n}` : `${n}`)

/**
 * The ISO 8601 text of milliseconds since the epoch, as `new Date(millis).toISOString()` writes it
 * (which drops a fraction of a millisecond, and throws for a time no `Date` holds).
 */
export const isoText = (millis: number): string => {
  if (!Number.isSafeInteger(millis)) return new Date(millis).toISOString()
  const days = Math.floor(millis / millisPerDay)
  const ofDay = millis - days * millisPerDay
  // The civil date of a day count, in the proleptic Gregorian calendar: 400-year eras from March 1st
  // of year 0, so that a leap day ends its year.
  const shifted = days + 719_468
  const era = Math.floor(shifted / 146_097)
  const dayOfEra = shifted - era * 146_097
  const yearOfEra = Math.floor(
    (dayOfEra - Math.floor(dayOfEra / 1460) + Math.floor(dayOfEra / 36_524) - Math.floor(dayOfEra / 146_096)) / 365
  )
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100))
  const monthFromMarch = Math.floor((5 * dayOfYear + 2) / 153)
  const day = dayOfYear - Math.floor((153 * monthFromMarch + 2) / 5) + 1
  const month = monthFromMarch < 10 ? monthFromMarch + 3 : monthFromMarch - 9
  const year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
  if (year < 0 || year > 9999) return new Date(millis).toISOString()
  const seconds = Math.floor(ofDay / 1000)
  const minutes = Math.floor(seconds / 60)
  const yearText = year >= 1000 ? `${year}` : `${twoDigits[Math.floor(year / 100)]}${twoDigits[year % 100]}`
  return `${yearText}-${twoDigits[month]}-${twoDigits[day]}T${twoDigits[Math.floor(minutes / 60)]}:${twoDigits[minutes % 60]}:${twoDigits[seconds % 60]}.${threeDigits(ofDay % 1000)}Z`
}

/**
 * `toISOString` of a date, or "Invalid Date": through {@link isoText} for a plain `Date` (the same
 * text at a fraction of the cost), through its own method for a subclass.
 */
export const dateText = (date: Date): string => {
  const millis = date.getTime()
  if (Number.isNaN(millis)) return "Invalid Date"
  return Object.getPrototypeOf(date) === Date.prototype ? isoText(millis) : date.toISOString()
}
