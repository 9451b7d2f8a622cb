/**
 * An SME's figures by year, flattened into one array of numbers, earliest year first:
 * `[year, annualSales, businessCapital, workers, year, …]`. One array of numbers per SME instead of
 * an object per year keeps a national read model (hundreds of thousands of SMEs) small, cheap for
 * the garbage collector and quick to save.
 */
import * as Rupiah from "../../Rupiah.js"

const stride = 4

/** One year's figures. */
export interface YearFigures {
  readonly year: number
  readonly annualSales: Rupiah.Rupiah
  readonly businessCapital: Rupiah.Rupiah
  readonly workers: number
}

const isRupiah = (amount: number): amount is Rupiah.Rupiah => Number.isSafeInteger(amount) && amount >= 0

/** The amount at `index`; a table that passed {@link isYearTable} holds only amounts there. */
const rupiahAt = (table: ReadonlyArray<number>, index: number): Rupiah.Rupiah => {
  const amount = table[index] ?? 0
  return isRupiah(amount) ? amount : Rupiah.zero
}

/**
 * Whether a value is a year table: non-negative safe integers, four per year, years from 1900 to
 * 2100 increasing.
 */
export const isYearTable = (input: unknown): input is Array<number> => {
  if (!Array.isArray(input) || input.length % stride !== 0) return false
  let previous = 1899
  for (let i = 0; i < input.length; i++) {
    const value: unknown = input[i]
    if (typeof value !== "number" || !Number.isSafeInteger(value) || value < 0) return false
    if (i % stride !== 0) continue
    if (value <= previous || value > 2100) return false
    previous = value
  }
  return true
}

/** Puts a year's figures in their place, replacing that year's earlier figures. Years mostly come in order. */
export const put = (table: Array<number>, figures: YearFigures): void => {
  const { year, annualSales, businessCapital, workers } = figures
  let index = table.length
  while (index > 0 && (table[index - stride] ?? 0) >= year) index -= stride
  if (table[index] === year) {
    table[index + 1] = annualSales
    table[index + 2] = businessCapital
    table[index + 3] = workers
  } else if (index === table.length) {
    table.push(year, annualSales, businessCapital, workers)
  } else {
    table.splice(index, 0, year, annualSales, businessCapital, workers)
  }
}

/** The years of a table, earliest first. */
export const entries = (table: ReadonlyArray<number>): Array<YearFigures> => {
  const out: Array<YearFigures> = []
  for (let i = 0; i + stride <= table.length; i += stride) {
    out.push({
      year: table[i] ?? 0,
      annualSales: rupiahAt(table, i + 1),
      businessCapital: rupiahAt(table, i + 2),
      workers: table[i + 3] ?? 0
    })
  }
  return out
}
