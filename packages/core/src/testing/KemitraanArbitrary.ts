/**
 * fast-check arbitraries of the domain's values, commands and events. The schema-derived ones
 * (`command`, `event`, `of`) cover every field's whole valid range; the realistic ones (`legalName`,
 * `annualSales`, ...) look like the businesses of a real forum.
 *
 * @since 0.1.0
 */
import * as Arbitrary from "effect/Arbitrary"
import * as fc from "effect/FastCheck"
import * as Schema from "effect/Schema"
import * as AssessmentEvent from "../AssessmentEvent.js"
import { CalendarDate } from "../CalendarDate.js"
import * as ConsultationEvent from "../ConsultationEvent.js"
import * as ForumEvent from "../ForumEvent.js"
import { Kbli, sections } from "../Kbli.js"
import * as Kemitraan from "../Kemitraan.js"
import type { KemitraanEvent } from "../KemitraanEvent.js"
import { Nib } from "../Nib.js"
import * as ParticipantEvent from "../ParticipantEvent.js"
import { all as provinces, isValidOn, type ProvinceCode } from "../Province.js"
import { Rupiah } from "../Rupiah.js"

/** The arbitrary of any schema without services: a shorthand for `Arbitrary.make`. */
export const of = <A, I>(schema: Schema.Schema<A, I, never>): fc.Arbitrary<A> => Arbitrary.make(schema)

/** Any command of the domain, over each field's whole valid range. */
export const command: fc.Arbitrary<Kemitraan.Command> = Arbitrary.make(Kemitraan.Command)

/** The schema of any event of the domain. */
export const KemitraanEventSchema = Schema.Union(
  ...ParticipantEvent.schemas,
  ...ForumEvent.schemas,
  ...ConsultationEvent.schemas,
  ...AssessmentEvent.schemas
)

/** Any event of the domain, over each field's whole valid range. */
export const event: fc.Arbitrary<KemitraanEvent> = Arbitrary.make(KemitraanEventSchema)

/** An amount of rupiah between `min` and `max`, spread over orders of magnitude as real amounts are. */
export const rupiah = (min = 0, max = 100_000_000_000): fc.Arbitrary<Rupiah> =>
  fc
    .double({ min: Math.log10(Math.max(min, 1)), max: Math.log10(Math.max(max, 1)), noNaN: true })
    .map((exponent) => Rupiah.make(Math.min(max, Math.max(min, Math.round(10 ** exponent / 1000) * 1000))))

/** Annual sales of an SME: mostly micro, some small and medium, a few past the medium ceiling. */
export const annualSales: fc.Arbitrary<Rupiah> = fc.oneof(
  { weight: 6, arbitrary: rupiah(50_000_000, 2_000_000_000) },
  { weight: 3, arbitrary: rupiah(2_000_000_000, 15_000_000_000) },
  { weight: 1, arbitrary: rupiah(15_000_000_000, 60_000_000_000) }
)

/** Business capital of an SME, excluding land and buildings. */
export const businessCapital: fc.Arbitrary<Rupiah> = fc.oneof(
  { weight: 6, arbitrary: rupiah(10_000_000, 1_000_000_000) },
  { weight: 3, arbitrary: rupiah(1_000_000_000, 5_000_000_000) },
  { weight: 1, arbitrary: rupiah(5_000_000_000, 12_000_000_000) }
)

/** A 13-digit NIB. */
export const nib: fc.Arbitrary<Nib> = fc.stringMatching(/^\d{13}$/).map((digits) => Nib.make(digits))

/**
 * The code of a province that existed on 24 November 2022, the first forum's day: one of 37, so
 * that an SME drawn for a forum of that day may register there. (`Province.all` has 38.)
 */
export const province: fc.Arbitrary<ProvinceCode> = fc.constantFrom(
  ...provinces.filter((entry) => isValidOn(entry.code, "2022-11-24")).map((entry) => entry.code)
)

/** A KBLI 2020 code, mostly 5-digit subclasses of manufacturing, trade and food service. */
export const kbli: fc.Arbitrary<Kbli> = fc
  .oneof(
    fc.constantFrom("10792", "13921", "25993", "28299", "31001", "47111", "56101", "10750", "22220", "15121"),
    fc.constantFrom(...sections.map((entry) => entry.section))
  )
  .map((code) => Kbli.make(code))

const nameWords = ["Maju", "Jaya", "Sejahtera", "Berkah", "Mandiri", "Sentosa", "Karya", "Abadi", "Lestari", "Makmur"]
const trades = ["Teknik", "Logam", "Pangan", "Tenun", "Kriya", "Plastik", "Elektrik", "Kayu", "Farma", "Tani"]

/** The legal name of an SME: "CV Maju Teknik", "UD Berkah Pangan 7". */
export const smeName: fc.Arbitrary<string> = fc
  .tuple(fc.constantFrom("CV", "UD", "PT"), fc.constantFrom(...nameWords), fc.constantFrom(...trades), fc.nat(99))
  .map(([form, word, trade, n]) => `${form} ${word} ${trade}${n === 0 ? "" : ` ${n}`}`)

/** Counterparts named in the 2022 forum's reports. */
export const counterpartNames: ReadonlyArray<{ readonly name: string; readonly kind: "BUMN" | "UsahaBesar" }> = [
  { name: "Perum Perhutani", kind: "BUMN" },
  { name: "Perum Bulog", kind: "BUMN" },
  { name: "PT INKA (Persero)", kind: "BUMN" },
  { name: "PT Kimia Farma Tbk", kind: "BUMN" },
  { name: "PT Krakatau Steel (Persero) Tbk", kind: "BUMN" },
  { name: "PT Pertamina (Persero)", kind: "BUMN" },
  { name: "PT PLN (Persero)", kind: "BUMN" },
  { name: "PT Pindad", kind: "BUMN" },
  { name: "PT Bio Farma (Persero)", kind: "BUMN" },
  { name: "PT Lulu Group Retail", kind: "UsahaBesar" },
  { name: "PT Gramedia Asri Media", kind: "UsahaBesar" }
]

/** Product categories a counterpart may need. */
export const productCategories: ReadonlyArray<string> = [
  "machine components and spare parts",
  "processed food",
  "packaging",
  "uniforms and textiles",
  "office supplies",
  "medical consumables",
  "metal fabrication",
  "handicrafts for retail",
  "agricultural produce",
  "electrical components"
]

/** A calendar date from 1900 to 2099. */
export const calendarDate: fc.Arbitrary<CalendarDate> = Arbitrary.make(CalendarDate)
