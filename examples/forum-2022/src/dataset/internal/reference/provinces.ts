/**
 * Indonesia's 37 provinces on 24 November 2022, with the BPS (Statistics Indonesia) code and the
 * Kemendagri (Ministry of Home Affairs) code. The two agree everywhere but in Papua. Papua Barat Daya
 * was created in December 2022 and is not in the list.
 */

/** The day the list holds for. */
export const validOn = "2022-11-24"

/** `[BPS code, Kemendagri code, name]`. */
export const provinces: ReadonlyArray<readonly [string, string, string]> = [
  ["11", "11", "Aceh"],
  ["12", "12", "Sumatera Utara"],
  ["13", "13", "Sumatera Barat"],
  ["14", "14", "Riau"],
  ["15", "15", "Jambi"],
  ["16", "16", "Sumatera Selatan"],
  ["17", "17", "Bengkulu"],
  ["18", "18", "Lampung"],
  ["19", "19", "Kepulauan Bangka Belitung"],
  ["21", "21", "Kepulauan Riau"],
  ["31", "31", "DKI Jakarta"],
  ["32", "32", "Jawa Barat"],
  ["33", "33", "Jawa Tengah"],
  ["34", "34", "DI Yogyakarta"],
  ["35", "35", "Jawa Timur"],
  ["36", "36", "Banten"],
  ["51", "51", "Bali"],
  ["52", "52", "Nusa Tenggara Barat"],
  ["53", "53", "Nusa Tenggara Timur"],
  ["61", "61", "Kalimantan Barat"],
  ["62", "62", "Kalimantan Tengah"],
  ["63", "63", "Kalimantan Selatan"],
  ["64", "64", "Kalimantan Timur"],
  ["65", "65", "Kalimantan Utara"],
  ["71", "71", "Sulawesi Utara"],
  ["72", "72", "Sulawesi Tengah"],
  ["73", "73", "Sulawesi Selatan"],
  ["74", "74", "Sulawesi Tenggara"],
  ["75", "75", "Gorontalo"],
  ["76", "76", "Sulawesi Barat"],
  ["81", "81", "Maluku"],
  ["82", "82", "Maluku Utara"],
  ["91", "92", "Papua Barat"],
  ["94", "91", "Papua"],
  ["95", "93", "Papua Selatan"],
  ["96", "94", "Papua Tengah"],
  ["97", "95", "Papua Pegunungan"]
]

/**
 * How many of the 748 participating SMEs come from each of the 25 provinces (a synthetic split:
 * the sources give only "25 provinces"). Java-heavy, as a forum in Jakarta would be.
 */
export const participantsByProvince: ReadonlyArray<readonly [string, number]> = [
  ["31", 118],
  ["32", 142],
  ["33", 104],
  ["34", 46],
  ["35", 120],
  ["36", 38],
  ["51", 22],
  ["11", 5],
  ["12", 20],
  ["13", 14],
  ["14", 11],
  ["15", 5],
  ["16", 12],
  ["18", 11],
  ["21", 6],
  ["52", 11],
  ["53", 6],
  ["61", 6],
  ["63", 7],
  ["64", 10],
  ["71", 5],
  ["72", 4],
  ["73", 18],
  ["74", 4],
  ["81", 3]
]

/** The provinces of Java, where machine and metal-working SMEs cluster. */
export const java: ReadonlySet<string> = new Set(["31", "32", "33", "34", "35", "36"])
