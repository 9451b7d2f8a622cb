/**
 * The checks between records that no single schema can make: ids unique, references resolving,
 * follow-up steps in order. The first problem fails with its file and line.
 */
import { Either } from "effect"
import type { Dataset } from "../Dataset.js"
import { DatasetReferenceError } from "../DatasetError.js"
import type { Consultation, FollowUp, Need } from "../Records.js"

type Check<A> = (record: A) => string | undefined

const scan = <A>(file: string, records: ReadonlyArray<A>, checks: ReadonlyArray<Check<A>>) => {
  for (const [index, record] of records.entries()) {
    for (const check of checks) {
      const reason = check(record)
      if (reason !== undefined) return new DatasetReferenceError({ file, line: index + 1, reason })
    }
  }
  return undefined
}

const unique = <A>(what: string, key: (record: A) => string | undefined): Check<A> => {
  const seen = new Set<string>()
  return (record) => {
    const value = key(record)
    if (value === undefined) return undefined
    if (seen.has(value)) return `duplicate ${what} "${value}"`
    seen.add(value)
    return undefined
  }
}

const known = <A>(what: string, ids: ReadonlySet<string>, key: (record: A) => string): Check<A> => {
  return (record) => (ids.has(key(record)) ? undefined : `unknown ${what} "${key(record)}"`)
}

const isText = (reason: string | undefined): reason is string => reason !== undefined

const idsOf = (records: ReadonlyArray<{ readonly id: string }>): ReadonlySet<string> =>
  new Set(records.map((record) => record.id))

interface Lookups {
  readonly categoryIds: ReadonlySet<string>
  readonly smeIds: ReadonlySet<string>
  readonly kbliOf: ReadonlyMap<string, ReadonlySet<string>>
  readonly needs: ReadonlyMap<string, Need & { readonly of: string }>
  readonly consultations: ReadonlyMap<string, Consultation>
  readonly nibs: ReadonlySet<string>
  readonly informal: ReadonlySet<string>
}

const lookups = (dataset: Dataset): Lookups => ({
  categoryIds: idsOf(dataset.categories),
  smeIds: idsOf(dataset.smes),
  kbliOf: new Map(dataset.categories.map((c) => [c.id, new Set(c.kbli.map((k) => k.code))])),
  needs: new Map(dataset.counterparts.flatMap((c) => c.needs.map((need) => [need.id, { ...need, of: c.id }]))),
  consultations: new Map(dataset.consultations.map((c) => [c.id, c])),
  nibs: new Set(dataset.smes.flatMap((sme) => (sme.nib === undefined ? [] : [sme.nib]))),
  informal: new Set(dataset.smes.filter((sme) => sme.nib === undefined).map((sme) => sme.id))
})

const referenceDataChecks = (dataset: Dataset, l: Lookups) => {
  const needIds = unique<Need>("need id", (need) => need.id)
  const needCategory = known<Need>("category", l.categoryIds, (need) => need.categoryId)
  return [
    () => scan("provinces.jsonl", dataset.provinces, [unique("province code", (p) => p.code)]),
    () => scan("categories.jsonl", dataset.categories, [unique("category id", (c) => c.id)]),
    () =>
      scan("counterparts.jsonl", dataset.counterparts, [
        unique("counterpart id", (c) => c.id),
        known("source", idsOf(dataset.forum.sources), (c) => c.source),
        (c) => c.needs.map(needIds).find(isText),
        (c) => c.needs.map(needCategory).find(isText)
      ])
  ]
}

const participantChecks = (dataset: Dataset, l: Lookups) => [
  () =>
    scan("smes.jsonl", dataset.smes, [
      unique("SME id", (s) => s.id),
      unique("NIB", (s) => s.nib),
      known("province", new Set(dataset.provinces.map((p) => p.code)), (s) => s.provinceCode),
      known("category", l.categoryIds, (s) => s.categoryId),
      (s) => (l.kbliOf.get(s.categoryId)?.has(s.kbli) ? undefined : `KBLI ${s.kbli} is not in category ${s.categoryId}`)
    ]),
  () =>
    scan("business-figures.jsonl", dataset.businessFigures, [
      known("SME", l.smeIds, (f) => f.smeId),
      unique("report of SME and year", (f) => (f.kind === "reported" ? `${f.smeId} ${f.year}` : undefined)),
      correctsEarlierReport()
    ]),
  () =>
    scan("formalisations.jsonl", dataset.formalisations, [
      known("SME", l.smeIds, (f) => f.smeId),
      unique("formalisation of SME", (f) => f.smeId),
      (f) => (l.informal.has(f.smeId) ? undefined : `SME "${f.smeId}" already has an NIB`),
      (f) => (l.nibs.has(f.nib) ? `NIB ${f.nib} belongs to another SME` : undefined),
      unique("NIB", (f) => f.nib)
    ])
]

const forumChecks = (dataset: Dataset, l: Lookups) => [
  () =>
    scan("consultations.jsonl", dataset.consultations, [
      unique("consultation id", (c) => c.id),
      (c) => (c.forumId === dataset.forum.id ? undefined : `unknown forum "${c.forumId}"`),
      known("SME", l.smeIds, (c) => c.smeId),
      known("counterpart", idsOf(dataset.counterparts), (c) => c.counterpartId)
    ]),
  () =>
    scan("assessments.jsonl", dataset.assessments, [
      unique("assessment id", (a) => a.id),
      unique("consultation (one assessment each)", (a) => a.consultationId),
      (a) => consultationMismatch(l.consultations.get(a.consultationId), a),
      known("category", l.categoryIds, (a) => a.categoryId),
      (a) => needMismatch(l.needs.get(a.needId), a)
    ]),
  () =>
    scan("follow-up.jsonl", dataset.followUps, [
      known("assessment", idsOf(dataset.assessments), (f) => f.assessmentId),
      stepsInOrder(new Map(dataset.assessments.map((a) => [a.id, a.recordedAt.slice(0, 10)])))
    ])
]

const needMismatch = (
  need: (Need & { readonly of: string }) | undefined,
  assessment: { readonly needId: string; readonly counterpartId: string; readonly categoryId: string }
): string | undefined => {
  if (need === undefined) return `unknown need "${assessment.needId}"`
  if (need.of !== assessment.counterpartId) return `need "${need.id}" belongs to "${need.of}"`
  return need.categoryId === assessment.categoryId
    ? undefined
    : `need "${need.id}" is not in "${assessment.categoryId}"`
}

const consultationMismatch = (
  consultation: Consultation | undefined,
  assessment: { readonly consultationId: string; readonly smeId: string; readonly counterpartId: string }
): string | undefined => {
  if (consultation === undefined) return `unknown consultation "${assessment.consultationId}"`
  if (consultation.outcome !== "held") return `consultation "${consultation.id}" was not held`
  if (consultation.smeId !== assessment.smeId || consultation.counterpartId !== assessment.counterpartId) {
    return `SME or counterpart differ from consultation "${consultation.id}"`
  }
  return undefined
}

const correctsEarlierReport = (): Check<Dataset["businessFigures"][number]> => {
  const reportedOn = new Map<string, string>()
  return (figures) => {
    const key = `${figures.smeId} ${figures.year}`
    const earlier = reportedOn.get(key)
    if (figures.kind === "reported") {
      reportedOn.set(key, figures.reportedOn)
      return undefined
    }
    if (earlier === undefined) return `correction of ${key} before any report of it`
    return figures.reportedOn >= earlier ? undefined : `correction of ${key} dated before the report`
  }
}

const next: Record<FollowUp["step"] | "assessed", ReadonlyArray<FollowUp["step"]>> = {
  assessed: ["vendor-registered", "closed-without-deal"],
  "vendor-registered": ["contract-awarded", "closed-without-deal"],
  "contract-awarded": ["delivery-accepted"],
  "delivery-accepted": [],
  "closed-without-deal": []
}

const stepsInOrder = (assessedOn: ReadonlyMap<string, string>): Check<FollowUp> => {
  const reached = new Map<string, { readonly step: FollowUp["step"]; readonly on: string }>()
  const contracts = new Map<string, string>()
  return (followUp) => {
    const id = followUp.assessmentId
    const previous = reached.get(id) ?? { step: "assessed" as const, on: assessedOn.get(id) ?? "" }
    if (!next[previous.step].includes(followUp.step)) return `"${followUp.step}" cannot follow "${previous.step}"`
    if (followUp.on < previous.on) return `"${followUp.step}" on ${followUp.on} is before ${previous.on}`
    if (followUp.step === "contract-awarded") contracts.set(id, followUp.reference)
    if (followUp.step === "delivery-accepted" && followUp.contractReference !== contracts.get(id)) {
      return `delivery for contract "${followUp.contractReference}", which is not the assessment's contract`
    }
    reached.set(id, { step: followUp.step, on: followUp.on })
    return undefined
  }
}

/** The first reference problem in a decoded dataset, if any. */
export const checkReferences = (dataset: Dataset): Either.Either<void, DatasetReferenceError> => {
  const l = lookups(dataset)
  for (const check of [
    ...referenceDataChecks(dataset, l),
    ...participantChecks(dataset, l),
    ...forumChecks(dataset, l)
  ]) {
    const problem = check()
    if (problem !== undefined) return Either.left(problem)
  }
  return Either.right(undefined)
}
