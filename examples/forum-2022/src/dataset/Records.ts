/**
 * The records of the forum dataset, one schema per data file: the forum itself (`forum.json`), the
 * provinces, product categories and counterparts (reference data), and the synthetic SMEs,
 * consultations, assessments, business figures, formalisations and follow-up (one JSON object per
 * line in a `.jsonl` file). Field order in a schema is the field order in the files.
 *
 * Domain words: UKM/IKM (small and medium enterprises / industries), BUMN (state-owned enterprise),
 * Usaha Besar (large enterprise), NIB (13-digit business identity number), KBLI 2020 (business
 * classification), TKDN (local-content percentage), BAST (goods-received report).
 *
 * @since 0.1.0
 */
import { Schema } from "effect"

const isCalendarDate = (text: string): boolean => {
  const date = new Date(`${text}T00:00:00Z`)
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === text
}

/** A calendar date, `YYYY-MM-DD`, that exists. */
export const IsoDate = Schema.String.pipe(
  Schema.pattern(/^\d{4}-\d{2}-\d{2}$/),
  Schema.filter(isCalendarDate, { message: (issue) => `${JSON.stringify(issue.actual)} is not a calendar date` })
)

/** A timestamp in Western Indonesia Time (WIB, UTC+07:00), to the minute: `YYYY-MM-DDTHH:MM:00+07:00`. */
export const WibTimestamp = Schema.String.pipe(
  Schema.pattern(/^\d{4}-\d{2}-\d{2}T([01]\d|2[0-3]):[0-5]\d:00\+07:00$/),
  Schema.filter((text) => isCalendarDate(text.slice(0, 10)), { message: () => "the date part is not a calendar date" })
)

/** An amount of rupiah: an exact, non-negative, safe integer. */
export const Rupiah = Schema.Number.pipe(
  Schema.filter((n) => Number.isSafeInteger(n) && n >= 0, {
    message: (issue) => `${JSON.stringify(issue.actual)} is not a whole, non-negative, safe number of rupiah`
  })
)

/** The marker on every synthetic record. */
export const Synthetic = Schema.Literal(true)

/** A two-digit province code. */
export const ProvinceCode = Schema.String.pipe(Schema.pattern(/^\d{2}$/))

/** A 5-digit KBLI 2020 subclass. */
export const KbliCode = Schema.String.pipe(Schema.pattern(/^\d{5}$/))

/**
 * The prefix of every synthetic NIB. OSS issues NIBs that open with their date of issue as `DDMMYY`
 * (OSS RBA, since August 2021) or with a year digit followed by `120` or `220` (OSS 1.x, 2018 to
 * 2021); no day or month is `00` and no OSS 1.x number has a `0` second, so a number opening with
 * `0000` is none that OSS has issued (docs/domain.md, "Synthetic NIBs").
 */
export const syntheticNibPrefix = "0000"

/** Whether `nib` is in the synthetic range: 13 digits opening with {@link syntheticNibPrefix}. */
export const isSyntheticNib = (nib: string): boolean => /^0000\d{9}$/.test(nib)

/** The synthetic NIB made of nine digits (`0` to `999_999_999`). */
export const syntheticNib = (digits: number): string => `${syntheticNibPrefix}${String(digits).padStart(9, "0")}`

/** An NIB (Nomor Induk Berusaha) of the dataset: 13 digits, in the synthetic range (`0000…`). */
export const Nib = Schema.String.pipe(
  Schema.pattern(/^\d{13}$/),
  Schema.filter((nib) => isSyntheticNib(nib) || `NIB ${nib} is not in the synthetic range (0000…)`)
)

/** A year of business figures or founding. */
export const Year = Schema.Int.pipe(Schema.between(1900, 2100))

/** A slug id: lower-case words joined by hyphens, digits allowed. */
export const Slug = Schema.String.pipe(Schema.pattern(/^[a-z0-9]+(-[a-z0-9]+)*$/))

const NonEmpty = Schema.String.pipe(Schema.minLength(1))

/** The id of an SME: `sme-0001`. */
export const SmeId = Schema.String.pipe(Schema.pattern(/^sme-\d{4}$/))

/** The id of a consultation: `cons-0001`. */
export const ConsultationId = Schema.String.pipe(Schema.pattern(/^cons-\d{4}$/))

/** The id of an assessment: `asmt-0001`. */
export const AssessmentId = Schema.String.pipe(Schema.pattern(/^asmt-\d{4}$/))

// --- forum.json -----------------------------------------------------------------------------------

/** An organisation named by the sources. */
export const Organisation = Schema.Struct({ name: NonEmpty, shortName: NonEmpty })

/** Who may attend as an observer. */
export const ObserverKind = Schema.Literal("Association", "Ministry", "Institution", "RegionalService", "BUMN", "BUMD")

/** The figures the sources publish. */
export const PublishedFigures = Schema.Struct({
  participants: Schema.NonNegativeInt,
  provinces: Schema.NonNegativeInt,
  assessedSmes: Schema.NonNegativeInt,
  counterpartsInAssessments: Schema.NonNegativeInt,
  potentialRupiah: Rupiah,
  largestPotential: Schema.Struct({ categoryId: Slug, counterpartId: Slug })
})

/** The forum: published facts, their sources and disagreements, and the synthetic details. */
export const Forum = Schema.Struct({
  id: Slug,
  name: NonEmpty,
  heldOn: IsoDate,
  venue: Schema.Struct({ name: NonEmpty, city: NonEmpty, provinceCode: ProvinceCode }),
  organiser: Organisation,
  coOrganisers: Schema.Array(Organisation),
  resultsAnnounced: Schema.Struct({ on: IsoDate, by: NonEmpty }),
  published: PublishedFigures,
  sources: Schema.Array(Schema.Struct({ id: Slug, publisher: NonEmpty, publishedOn: IsoDate, note: NonEmpty })),
  discrepancies: Schema.Array(Schema.Struct({ about: NonEmpty, detail: NonEmpty })),
  schedule: Schema.Struct({
    scheduledOn: IsoDate,
    opensAt: WibTimestamp,
    closesAt: WibTimestamp,
    synthetic: Synthetic
  }),
  observers: Schema.Array(Schema.Struct({ name: NonEmpty, kind: ObserverKind, synthetic: Schema.Boolean })),
  generator: Schema.Struct({ script: NonEmpty, seed: Schema.Int, note: NonEmpty })
})
/** The forum. */
export type Forum = typeof Forum.Type

// --- reference data -------------------------------------------------------------------------------

/** A province valid on `validOn`, by its BPS code, with its Kemendagri code (they differ in Papua). */
export const Province = Schema.Struct({
  code: ProvinceCode,
  kemendagriCode: ProvinceCode,
  name: NonEmpty,
  validOn: IsoDate
})
/** A province. */
export type Province = typeof Province.Type

/** A product category, with the KBLI 2020 subclasses its suppliers register under. */
export const Category = Schema.Struct({
  id: Slug,
  nameId: NonEmpty,
  nameEn: NonEmpty,
  unit: NonEmpty,
  kbli: Schema.NonEmptyArray(Schema.Struct({ code: KbliCode, title: NonEmpty }))
})
/** A product category. */
export type Category = typeof Category.Type

/** A product need a counterpart brings to the forum. */
export const Need = Schema.Struct({ id: Slug, categoryId: Slug, description: NonEmpty })
/** A need. */
export type Need = typeof Need.Type

/** A counterpart: a BUMN or an Usaha Besar that joined the forum. */
export const Counterpart = Schema.Struct({
  id: Slug,
  name: NonEmpty,
  shortName: NonEmpty,
  kind: Schema.Literal("BUMN", "UsahaBesar"),
  source: Slug,
  nameInSource: NonEmpty,
  joinedOn: IsoDate,
  assessedAtForum: Schema.Boolean,
  needs: Schema.NonEmptyArray(Need),
  syntheticFields: Schema.Array(Schema.Literal("joinedOn", "assessedAtForum", "needs"))
})
/** A counterpart. */
export type Counterpart = typeof Counterpart.Type

// --- synthetic records ----------------------------------------------------------------------------

/** The legal form of an SME; `Perorangan` is a sole trader without a company form. */
export const LegalForm = Schema.Literal("PT", "CV", "UD", "Koperasi", "Perorangan")

/** A participating SME (UKM, or IKM when it manufactures). Informal SMEs have no NIB. */
export const Sme = Schema.Struct({
  id: SmeId,
  name: NonEmpty,
  legalForm: LegalForm,
  nib: Schema.optionalWith(Nib, { exact: true }),
  provinceCode: ProvinceCode,
  kbli: KbliCode,
  kind: Schema.Literal("UKM", "IKM"),
  categoryId: Slug,
  foundedYear: Year,
  registeredOn: IsoDate,
  synthetic: Synthetic
})
/** An SME. */
export type Sme = typeof Sme.Type

const consultationFields = {
  id: ConsultationId,
  forumId: Slug,
  smeId: SmeId,
  counterpartId: Slug,
  scheduledOn: IsoDate,
  startsAt: WibTimestamp,
  desk: Schema.Int.pipe(Schema.positive())
}

/** A consultation at the forum between one SME and one counterpart, and how it went. */
export const Consultation = Schema.Union(
  Schema.Struct({ ...consultationFields, outcome: Schema.Literal("held"), synthetic: Synthetic }),
  Schema.Struct({
    ...consultationFields,
    outcome: Schema.Literal("no-show"),
    absent: Schema.Literal("Sme", "Counterpart", "Both"),
    synthetic: Synthetic
  }),
  Schema.Struct({ ...consultationFields, outcome: Schema.Literal("cancelled"), reason: NonEmpty, synthetic: Synthetic })
)
/** A consultation. */
export type Consultation = typeof Consultation.Type

/** A certificate that gates some supply. */
export const Certificate = Schema.Literal("Halal", "SNI", "ISO9001")

/** A business assessment recorded after a held consultation: what the SME could supply, and its worth. */
export const Assessment = Schema.Struct({
  id: AssessmentId,
  consultationId: ConsultationId,
  smeId: SmeId,
  counterpartId: Slug,
  categoryId: Slug,
  needId: Slug,
  potentialRupiah: Rupiah,
  readiness: Schema.Struct({
    certificates: Schema.Array(Certificate),
    tkdnPercent: Schema.Number.pipe(Schema.between(0, 100)),
    monthlyCapacity: Schema.Struct({ quantity: Schema.Int.pipe(Schema.positive()), unit: NonEmpty })
  }),
  recordedAt: WibTimestamp,
  synthetic: Synthetic
})
/** An assessment. */
export type Assessment = typeof Assessment.Type

const figuresFields = {
  smeId: SmeId,
  year: Year,
  annualSalesRupiah: Rupiah,
  businessCapitalRupiah: Rupiah,
  workers: Schema.NonNegativeInt,
  reportedOn: IsoDate
}

/**
 * An SME's business figures for a year: reported (the 2021 baseline at registration, then 2023 to
 * 2025 in the follow-up) or a correction of an earlier report. Capital excludes land and buildings.
 */
export const BusinessFigures = Schema.Union(
  Schema.Struct({ kind: Schema.Literal("reported"), ...figuresFields, synthetic: Synthetic }),
  Schema.Struct({ kind: Schema.Literal("corrected"), ...figuresFields, reason: NonEmpty, synthetic: Synthetic })
)
/** Business figures. */
export type BusinessFigures = typeof BusinessFigures.Type

/** An informal SME obtained an NIB (formalisation). */
export const Formalisation = Schema.Struct({
  smeId: SmeId,
  nib: Nib,
  obtainedOn: IsoDate,
  synthetic: Synthetic
})
/** A formalisation. */
export type Formalisation = typeof Formalisation.Type

/** Why an assessment closed without a deal. */
export const NoDealReason = Schema.Literal(
  "PriceNotCompetitive",
  "CertificationMissing",
  "CapacityInsufficient",
  "NeedWithdrawn",
  "SmeWithdrew",
  "NoResponse",
  "Other"
)

const stepFields = { assessmentId: AssessmentId, on: IsoDate }

/**
 * A step in the follow-up of an assessment: vendor registration in the counterpart's procurement
 * system, then a contract or purchase order, then a delivery accepted with a BAST; or closed without
 * a deal.
 */
export const FollowUp = Schema.Union(
  Schema.Struct({
    step: Schema.Literal("vendor-registered"),
    ...stepFields,
    channel: NonEmpty,
    vendorNumber: NonEmpty,
    synthetic: Synthetic
  }),
  Schema.Struct({
    step: Schema.Literal("contract-awarded"),
    ...stepFields,
    kind: Schema.Literal("Contract", "PurchaseOrder"),
    reference: NonEmpty,
    valueRupiah: Rupiah,
    synthetic: Synthetic
  }),
  Schema.Struct({
    step: Schema.Literal("delivery-accepted"),
    ...stepFields,
    contractReference: NonEmpty,
    bastNumber: NonEmpty,
    valueRupiah: Rupiah,
    synthetic: Synthetic
  }),
  Schema.Struct({
    step: Schema.Literal("closed-without-deal"),
    ...stepFields,
    reason: NoDealReason,
    note: Schema.optionalWith(NonEmpty, { exact: true }),
    synthetic: Synthetic
  })
)
/** A follow-up step. */
export type FollowUp = typeof FollowUp.Type
