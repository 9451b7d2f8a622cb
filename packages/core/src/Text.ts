/**
 * Short human texts: names, titles, venues, reasons. Non-empty, trimmed and bounded, so that a blank
 * or runaway field is a decode error at the boundary rather than a surprise in a report.
 *
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"

/** A short text: non-empty, trimmed, at most 500 characters. */
export const Text = Schema.Trimmed.pipe(
  Schema.minLength(1, { message: () => "the text must not be empty" }),
  Schema.maxLength(500, { message: () => "the text has at most 500 characters" }),
  Schema.annotations({
    identifier: "Text",
    description: "a short text: non-empty, trimmed, at most 500 characters"
  })
)

/** A short text. */
export type Text = typeof Text.Type
