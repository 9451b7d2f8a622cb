/**
 * Calendar dates (`2022-11-24`) and years, for facts that are days rather than instants: the day a
 * forum is held, the day its results are announced, the year business figures describe.
 *
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"

const isCalendarDate = (value: string): boolean => {
  const date = new Date(`${value}T00:00:00.000Z`)
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value
}

const firstDay = Date.UTC(1900, 0, 1)
const dayMillis = 86_400_000

/** An ISO-8601 calendar date `YYYY-MM-DD` that exists (no 30 February). */
export const CalendarDate = Schema.String.pipe(
  Schema.pattern(/^\d{4}-\d{2}-\d{2}$/, { message: () => "a date is written YYYY-MM-DD" }),
  Schema.filter(isCalendarDate, {
    message: () => "the date does not exist in the calendar",
    arbitrary: () => (fc) =>
      fc
        .integer({ min: 0, max: 200 * 365 })
        .map((days) => new Date(firstDay + days * dayMillis).toISOString().slice(0, 10))
  }),
  Schema.brand("CalendarDate"),
  Schema.annotations({ identifier: "CalendarDate", description: "an ISO-8601 calendar date, YYYY-MM-DD" })
)

/** A calendar date. */
export type CalendarDate = typeof CalendarDate.Type

/** Makes a calendar date; throws when it is not a valid `YYYY-MM-DD`. */
export const make = (date: string): CalendarDate => CalendarDate.make(date)

/** The UTC calendar date of an instant. */
export const fromMillis = (millis: number): CalendarDate =>
  CalendarDate.make(new Date(millis).toISOString().slice(0, 10))

/** A calendar year from 1900 to 2100. */
export const Year = Schema.Int.pipe(
  Schema.between(1900, 2100, { message: () => "a year is an integer from 1900 to 2100" }),
  Schema.annotations({ identifier: "Year", description: "a calendar year, 1900 to 2100" })
)

/** A calendar year. */
export type Year = typeof Year.Type
