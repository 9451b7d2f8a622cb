/**
 * Calendar arithmetic on ISO dates (`YYYY-MM-DD`) by whole days in UTC, and timestamps in WIB
 * (UTC+07:00, Jakarta's time zone). Plain integer arithmetic, the same on every machine.
 */

const DAY_MS = 86_400_000

/** The number of days from 1970-01-01 to an ISO date. */
export const dayNumber = (date: string): number => {
  const [year, month, day] = date.split("-").map(Number)
  if (year === undefined || month === undefined || day === undefined) throw new Error(`calendar: bad date ${date}`)
  return Date.UTC(year, month - 1, day) / DAY_MS
}

/** The ISO date of a day number. */
export const fromDayNumber = (days: number): string => new Date(days * DAY_MS).toISOString().slice(0, 10)

/** The ISO date `days` after `date`. */
export const addDays = (date: string, days: number): string => fromDayNumber(dayNumber(date) + days)

/** The number of days from `from` to `to`. */
export const daysBetween = (from: string, to: string): number => dayNumber(to) - dayNumber(from)

/** The date itself when it is a weekday, else the Monday after. */
export const weekday = (date: string): string => {
  const day = new Date(dayNumber(date) * DAY_MS).getUTCDay()
  return day === 6 ? addDays(date, 2) : day === 0 ? addDays(date, 1) : date
}

const pad = (n: number): string => n.toString().padStart(2, "0")

/** A WIB timestamp on `date`, `minutes` after midnight. */
export const wib = (date: string, minutes: number): string =>
  `${date}T${pad(Math.floor(minutes / 60))}:${pad(minutes % 60)}:00+07:00`
