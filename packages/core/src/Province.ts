/**
 * Indonesia's provinces by their official two-digit code: the Ministry of Home Affairs
 * (Kemendagri) administrative-area code, as listed on 24 November 2022, the day of the first
 * partnership forum. There were 37 provinces on that day; Papua Barat Daya (code 96) was created in
 * December 2022 and is not in this list. BPS statistics use other codes for the Papua provinces.
 *
 * @since 0.1.0
 */
import { Schema } from "effect"

/** The day the province list holds for. */
export const validOn = "2022-11-24"

/** The 37 provinces valid on {@link validOn}: official code and name. */
export const all = [
  { code: "11", name: "Aceh" },
  { code: "12", name: "Sumatera Utara" },
  { code: "13", name: "Sumatera Barat" },
  { code: "14", name: "Riau" },
  { code: "15", name: "Jambi" },
  { code: "16", name: "Sumatera Selatan" },
  { code: "17", name: "Bengkulu" },
  { code: "18", name: "Lampung" },
  { code: "19", name: "Kepulauan Bangka Belitung" },
  { code: "21", name: "Kepulauan Riau" },
  { code: "31", name: "DKI Jakarta" },
  { code: "32", name: "Jawa Barat" },
  { code: "33", name: "Jawa Tengah" },
  { code: "34", name: "DI Yogyakarta" },
  { code: "35", name: "Jawa Timur" },
  { code: "36", name: "Banten" },
  { code: "51", name: "Bali" },
  { code: "52", name: "Nusa Tenggara Barat" },
  { code: "53", name: "Nusa Tenggara Timur" },
  { code: "61", name: "Kalimantan Barat" },
  { code: "62", name: "Kalimantan Tengah" },
  { code: "63", name: "Kalimantan Selatan" },
  { code: "64", name: "Kalimantan Timur" },
  { code: "65", name: "Kalimantan Utara" },
  { code: "71", name: "Sulawesi Utara" },
  { code: "72", name: "Sulawesi Tengah" },
  { code: "73", name: "Sulawesi Selatan" },
  { code: "74", name: "Sulawesi Tenggara" },
  { code: "75", name: "Gorontalo" },
  { code: "76", name: "Sulawesi Barat" },
  { code: "81", name: "Maluku" },
  { code: "82", name: "Maluku Utara" },
  { code: "91", name: "Papua" },
  { code: "92", name: "Papua Barat" },
  { code: "93", name: "Papua Selatan" },
  { code: "94", name: "Papua Tengah" },
  { code: "95", name: "Papua Pegunungan" }
] as const

/** The official two-digit code of a province valid on {@link validOn}. */
export type ProvinceCode = (typeof all)[number]["code"]

const names: ReadonlyMap<string, string> = new Map(all.map((province) => [province.code, province.name]))

const isProvinceCode = (code: string): code is ProvinceCode => names.has(code)

/** Schema of a province code: one of the 37 official codes valid on {@link validOn}. */
export const ProvinceCode = Schema.String.pipe(
  Schema.filter(isProvinceCode, {
    message: (issue) =>
      `${JSON.stringify(issue.actual)} is not the code of one of the 37 provinces of ${validOn} (e.g. "31" for DKI Jakarta)`
  }),
  Schema.annotations({
    identifier: "ProvinceCode",
    description: `the official (Kemendagri) two-digit code of a province valid on ${validOn}`,
    arbitrary: () => (fc) => fc.constantFrom(...all.map((province) => province.code))
  })
)

/** The name of a province. */
export const name = (code: ProvinceCode): string => names.get(code) ?? code

/** Whether a string is the code of a province valid on {@link validOn}. */
export const isCode = isProvinceCode
