/**
 * Plain-text tables and number formats for the report: fixed-width columns, numbers aligned right,
 * and formats that do not depend on the machine's locale, so that the report is the same everywhere.
 *
 * @since 0.1.0
 */
import { Rupiah } from "@kemitraan/core"

/** A column: its heading and how its cells align. */
export interface Column {
  readonly heading: string
  readonly align?: "left" | "right" | undefined
}

const pad = (text: string, width: number, align: "left" | "right"): string =>
  align === "right" ? text.padStart(width) : text.padEnd(width)

/** Renders a table as lines indented by `indent` spaces, a rule under the headings, no trailing spaces. */
export const render = (
  columns: ReadonlyArray<Column>,
  rows: ReadonlyArray<ReadonlyArray<string>>,
  indent = 2
): Array<string> => {
  const widths = columns.map((column, i) =>
    Math.max(column.heading.length, ...rows.map((row) => (row[i] ?? "").length))
  )
  const line = (cells: ReadonlyArray<string>) =>
    (
      " ".repeat(indent) +
      columns.map((column, i) => pad(cells[i] ?? "", widths[i] ?? 0, column.align ?? "left")).join("  ")
    ).trimEnd()
  return [
    line(columns.map((column) => column.heading)),
    line(widths.map((width) => "-".repeat(width))),
    ...rows.map(line)
  ]
}

/** An amount the Indonesian way, exact: `Rp224.800.000.000`. */
export const rupiah = (amount: number | bigint): string =>
  Rupiah.format(typeof amount === "bigint" ? Rupiah.total(amount) : Rupiah.make(amount))

/** A rate as a percentage with one decimal (`45.1%`), or `-` when there is none. */
export const percent = (rate: number | null): string => (rate === null ? "-" : `${(rate * 100).toFixed(1)}%`)

/** A count. */
export const count = (n: number): string => n.toString()
