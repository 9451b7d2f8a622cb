/**
 * Indonesia's provinces by their official two-digit code: the Ministry of Home Affairs
 * (Kemendagri) administrative-area code, each with the day it was formed when that falls within
 * the programme's years. Papua Selatan (93), Papua Tengah (94) and Papua Pegunungan (95) were formed
 * by laws 14, 15 and 16 of 2022, enacted on 25 July 2022; Papua Barat Daya (96) by law 29 of 2022,
 * enacted on 8 December 2022, two weeks after the first partnership forum (24 November 2022), which
 * therefore knew 37 provinces. A code is valid on a day when its province existed then
 * ({@link isValidOn}): an SME is enrolled, and registered at a forum, only with a province that
 * existed on that day. BPS statistics use other codes for the Papua provinces.
 *
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"

/** A province: official code, name, and the day it was formed if that is within the programme's years. */
export interface Province {
  readonly code: string
  readonly name: string
  readonly formedOn?: string
}

/** The 38 provinces: official code, name, and the day of forming for those formed since 2022. */
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
  { code: "93", name: "Papua Selatan", formedOn: "2022-07-25" },
  { code: "94", name: "Papua Tengah", formedOn: "2022-07-25" },
  { code: "95", name: "Papua Pegunungan", formedOn: "2022-07-25" },
  { code: "96", name: "Papua Barat Daya", formedOn: "2022-12-08" }
] as const satisfies ReadonlyArray<Province>

/** The official two-digit code of a province. */
export type ProvinceCode = (typeof all)[number]["code"]

const byCode: ReadonlyMap<string, Province> = new Map(all.map((province) => [province.code, province]))

const isProvinceCode = (code: string): code is ProvinceCode => byCode.has(code)

/** Schema of a province code: one of the 38 official codes. */
export const ProvinceCode = Schema.String.pipe(
  Schema.filter(isProvinceCode, {
    message: (issue) =>
      `${JSON.stringify(issue.actual)} is not the code of one of the 38 provinces (e.g. "31" for DKI Jakarta)`
  }),
  Schema.annotations({
    identifier: "ProvinceCode",
    description: "the official (Kemendagri) two-digit code of one of the 38 provinces",
    arbitrary: () => (fc) => fc.constantFrom(...all.map((province) => province.code))
  })
)

/** The name of a province. */
export const name = (code: ProvinceCode): string => byCode.get(code)?.name ?? code

/** Whether a string is the code of one of the 38 provinces. */
export const isCode = isProvinceCode

/** The day a province was formed, when it was formed since 2022; `undefined` for the older ones. */
export const formedOn = (code: ProvinceCode): string | undefined => byCode.get(code)?.formedOn

/** Whether a province existed on a day (`YYYY-MM-DD`). */
export const isValidOn = (code: ProvinceCode, date: string): boolean => {
  const formed = formedOn(code)
  return formed === undefined || formed <= date
}

/** The provinces that existed on a day (`YYYY-MM-DD`): 37 on 24 November 2022, 38 from 8 December 2022. */
export const validOn = (date: string): ReadonlyArray<Province> =>
  all.filter((province) => isValidOn(province.code, date))
