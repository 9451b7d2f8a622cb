/**
 * A schema's parse error as a form's issues: one per failing path, each with one short message.
 * Effect's formatter gives one issue per failing union member ("Expected "UKM", actual "X"" and
 * "Expected "IKM", actual "X""); a form wants one line per field, so those become one.
 */
import * as Arr from "effect/Array"
import * as ParseResult from "effect/ParseResult"
import type { CommandIssue, IssuePath } from "../CommandError.js"

/** Long enough for any rule's message; a caller's runaway value is not echoed in full. */
const maxMessage = 200

const clip = (text: string): string => (text.length > maxMessage ? `${text.slice(0, maxMessage - 1)}…` : text)

const expected = /^Expected (.*), actual (.*)$/s

/** Several messages for one path as one: alternatives of the same actual value are joined with `|`. */
const merge = (messages: Arr.NonEmptyReadonlyArray<string>): string => {
  const matches = messages.map((message) => expected.exec(message))
  const actuals = new Set(matches.map((match) => match?.[2]))
  if (messages.length > 1 && actuals.size === 1 && matches.every((match) => match !== null)) {
    const alternatives = [...new Set(matches.map((match) => match?.[1]))].join(" | ")
    return `Expected ${alternatives}, actual ${matches[0]?.[2] ?? ""}`
  }
  return [...new Set(messages)].join("; ")
}

const pathOf = (path: ReadonlyArray<PropertyKey>): IssuePath =>
  path.map((key) => (typeof key === "symbol" ? String(key) : key))

/** The issues of a parse error, one per path, in the order the schema met them. */
export const issuesOf = (error: ParseResult.ParseError): Arr.NonEmptyReadonlyArray<CommandIssue> => {
  const byPath = new Map<string, { path: IssuePath; messages: Array<string> }>()
  for (const issue of ParseResult.ArrayFormatter.formatErrorSync(error)) {
    const path = pathOf(issue.path)
    const key = JSON.stringify(path)
    const group = byPath.get(key) ?? { path, messages: [] }
    group.messages.push(issue.message)
    byPath.set(key, group)
  }
  const issues = [...byPath.values()].flatMap(({ path, messages }) =>
    Arr.isNonEmptyReadonlyArray(messages) ? [{ path, message: clip(merge(messages)) }] : []
  )
  // A parse error always has a leaf; should one not, the input itself is what failed.
  return Arr.isNonEmptyReadonlyArray(issues) ? issues : [{ path: [], message: clip(error.message) }]
}

/** What a value is, in a few words, for a message: `null`, `an array`, `a number`, … */
export const kindOf = (value: unknown): string =>
  value === null ? "null" : Array.isArray(value) ? "an array" : value === undefined ? "nothing" : `a ${typeof value}`
