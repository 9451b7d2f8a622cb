/**
 * KBLI 2020 (Klasifikasi Baku Lapangan Usaha Indonesia): Indonesia's business sector classification,
 * based on ISIC Rev.4. A code is a section letter (A to U) or a numeric code of 2 to 5 digits: a
 * division (2), group (3), class (4) or subclass (5), whose first two digits name a division of
 * KBLI 2020 (01 to 99, with gaps: there is no 04, 34 or 40). The library checks that shape and the
 * division; it does not carry the full table of groups, classes and subclasses.
 *
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"

/** The sections of KBLI 2020 and the divisions each covers (first and last, inclusive). */
export const sections = [
  { section: "A", name: "Pertanian, kehutanan dan perikanan", divisions: [1, 3] },
  { section: "B", name: "Pertambangan dan penggalian", divisions: [5, 9] },
  { section: "C", name: "Industri pengolahan", divisions: [10, 33] },
  { section: "D", name: "Pengadaan listrik, gas, uap/air panas dan udara dingin", divisions: [35, 35] },
  { section: "E", name: "Pengelolaan air, air limbah, daur ulang sampah dan remediasi", divisions: [36, 39] },
  { section: "F", name: "Konstruksi", divisions: [41, 43] },
  { section: "G", name: "Perdagangan besar dan eceran; reparasi kendaraan", divisions: [45, 47] },
  { section: "H", name: "Pengangkutan dan pergudangan", divisions: [49, 53] },
  { section: "I", name: "Penyediaan akomodasi dan makan minum", divisions: [55, 56] },
  { section: "J", name: "Informasi dan komunikasi", divisions: [58, 63] },
  { section: "K", name: "Aktivitas keuangan dan asuransi", divisions: [64, 66] },
  { section: "L", name: "Real estat", divisions: [68, 68] },
  { section: "M", name: "Aktivitas profesional, ilmiah dan teknis", divisions: [69, 75] },
  {
    section: "N",
    name: "Aktivitas penyewaan, ketenagakerjaan, agen perjalanan dan penunjang usaha",
    divisions: [77, 82]
  },
  { section: "O", name: "Administrasi pemerintahan, pertahanan dan jaminan sosial wajib", divisions: [84, 84] },
  { section: "P", name: "Pendidikan", divisions: [85, 85] },
  { section: "Q", name: "Aktivitas kesehatan manusia dan aktivitas sosial", divisions: [86, 88] },
  { section: "R", name: "Kesenian, hiburan dan rekreasi", divisions: [90, 93] },
  { section: "S", name: "Aktivitas jasa lainnya", divisions: [94, 96] },
  { section: "T", name: "Aktivitas rumah tangga sebagai pemberi kerja", divisions: [97, 98] },
  { section: "U", name: "Aktivitas badan internasional dan badan ekstra internasional lainnya", divisions: [99, 99] }
] as const

/** A section letter of KBLI 2020, A to U. */
export type Section = (typeof sections)[number]["section"]

const sectionOfDivision = (division: number): Section | undefined =>
  sections.find((entry) => division >= entry.divisions[0] && division <= entry.divisions[1])?.section

/** The section a code belongs to, or `undefined` for a malformed code. */
export const sectionOf = (code: string): Section | undefined => {
  if (/^[A-U]$/.test(code)) return sections.find((entry) => entry.section === code)?.section
  if (!/^\d{2,5}$/.test(code)) return undefined
  return sectionOfDivision(Number(code.slice(0, 2)))
}

/** Whether a string is a well-formed KBLI 2020 code of a division that exists. */
export const isKbli = (code: string): boolean => sectionOf(code) !== undefined

const divisions: ReadonlyArray<number> = sections.flatMap((entry) => {
  const out: Array<number> = []
  for (let division = entry.divisions[0]; division <= entry.divisions[1]; division++) out.push(division)
  return out
})

/** A KBLI 2020 code: a section letter A to U, or 2 to 5 digits starting with a KBLI 2020 division. */
export const Kbli = Schema.String.pipe(
  Schema.filter(isKbli, {
    message: (issue) =>
      `${JSON.stringify(issue.actual)} is not a KBLI 2020 code (a section letter A-U, or 2-5 digits starting with a division such as 10 or 47)`,
    arbitrary: () => (fc) =>
      fc.oneof(
        fc.constantFrom<string>(...sections.map((entry) => entry.section)),
        fc
          .tuple(fc.constantFrom(...divisions), fc.stringMatching(/^\d{0,3}$/))
          .map(([division, rest]) => `${division.toString().padStart(2, "0")}${rest}`)
      )
  }),
  Schema.brand("Kbli"),
  Schema.annotations({
    identifier: "Kbli",
    description: "a KBLI 2020 code: a section letter A-U, or a 2-5 digit division, group, class or subclass"
  })
)

/** A KBLI 2020 code. */
export type Kbli = typeof Kbli.Type

/** Makes a KBLI code; throws when it is malformed. */
export const make = (code: string): Kbli => Kbli.make(code)
