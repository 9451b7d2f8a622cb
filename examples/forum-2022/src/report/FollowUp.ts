/**
 * The follow-up sections of the report (2023 to 2025, synthetic data): class advancement (naik
 * kelas) of the forum's SMEs, and supply-chain integration from consultation to accepted delivery.
 * Every figure comes from the read models `ClassAdvancement` and `SupplyChain`.
 *
 * @since 0.1.0
 */
import { BusinessClass, type ClassAdvancement, Province, Rupiah, type SupplyChain } from "@kemitraan/core"
import type { ReadModels } from "./ReadModels.js"
import * as Synthetic from "./Synthetic.js"
import { count, percent, render, rupiah } from "./Table.js"

/** How many provinces and counterparts the tables show. */
export const topN = 5

const classNames: Record<BusinessClass.BusinessClass, string> = {
  Micro: "micro",
  Small: "small",
  Medium: "medium",
  Large: "large"
}

const transitionTable = (report: ClassAdvancement.CohortReport): Array<string> => {
  const cell = (from: BusinessClass.BusinessClass, to: BusinessClass.BusinessClass) =>
    count(report.transitions.find((entry) => entry.from === from && entry.to === to)?.smes ?? 0)
  return render(
    [
      { heading: "from \\ to" },
      ...BusinessClass.all.map((to) => ({ heading: classNames[to], align: "right" as const }))
    ],
    BusinessClass.all.map((from) => [classNames[from], ...BusinessClass.all.map((to) => cell(from, to))]),
    4
  )
}

/** A province by name and code; a group without a known province (its SMEs' enrolment is not in the log) says so. */
const provinceLabel = (code: string | null): string =>
  code !== null && Province.isCode(code) ? `${Province.name(code)} (${code})` : "(province unknown)"

const provinceTable = (report: ClassAdvancement.CohortReport): Array<string> => {
  const largest = [...report.byProvince]
    .sort((a, b) => b.smes - a.smes || ((a.province ?? "") < (b.province ?? "") ? -1 : 1))
    .slice(0, topN)
  return render(
    [
      { heading: "province" },
      { heading: "SMEs", align: "right" },
      { heading: "advanced", align: "right" },
      { heading: "stayed", align: "right" },
      { heading: "declined", align: "right" },
      { heading: "rate", align: "right" }
    ],
    largest.map((group) => [
      provinceLabel(group.province),
      count(group.smes),
      count(group.advanced),
      count(group.stayed),
      count(group.declined),
      percent(group.advancementRate)
    ]),
    4
  )
}

const advancementRow = (label: string, group: ClassAdvancement.Advancement): Array<string> => [
  label,
  count(group.smes),
  count(group.measured),
  count(group.advanced),
  count(group.stayed),
  count(group.declined),
  percent(group.advancementRate)
]

const advancementColumns = (first: string) => [
  { heading: first },
  { heading: "SMEs", align: "right" as const },
  { heading: "measured", align: "right" as const },
  { heading: "advanced", align: "right" as const },
  { heading: "stayed", align: "right" as const },
  { heading: "declined", align: "right" as const },
  { heading: "rate", align: "right" as const }
]

/** Advancement at t+1..t+3, by class at the baseline, and beside contracts won at the forum. */
const breakdownTables = (report: ClassAdvancement.CohortReport, tag: string): Array<string> => [
  `  At each horizon (the baseline against the whole year t+1, t+2, t+3):${tag}`,
  ...render(
    advancementColumns("horizon"),
    report.horizons.map((h) => advancementRow(`t+${h.horizon} (${h.year ?? "?"})`, h)),
    4
  ),
  "",
  `  By class at the baseline:${tag}`,
  ...render(
    advancementColumns("class"),
    report.byClass.map((group) =>
      advancementRow(group.businessClass === null ? "(no whole year)" : classNames[group.businessClass], group)
    ),
    4
  ),
  "",
  `  Beside contracts won at the forum:${tag}`,
  ...render(
    advancementColumns("SMEs"),
    [
      advancementRow("with a contract", report.byContract.withContract),
      advancementRow("without", report.byContract.withoutContract)
    ],
    4
  ),
  `    contracted value of those with a contract: ${rupiah(report.byContract.withContract.contractedValue)}`
]

/** The class-advancement section of a forum's cohort. */
export const classAdvancement = (models: ReadModels): Array<string> => {
  const report = models.cohort
  if (report === undefined) return ["Class advancement: no SME registered at the forum."]
  const { formalisation } = report
  const tag = Synthetic.tag(models.provenance, "classAdvancement")
  return [
    `Class advancement (naik kelas), PP 7/2021 classes: the latest whole year no later than the forum's against the latest whole year after it, on one basis${Synthetic.mark(models.provenance, "classAdvancement")}`,
    `  ${count(report.smes)} SMEs registered; ${count(report.measured)} measured: ${count(report.advanced)} advanced (${percent(report.advancementRate)}), ${count(report.stayed)} stayed, ${count(report.declined)} declined; ${count(report.unmeasured)} without two whole years to compare`,
    "",
    `  SMEs by class at the baseline (rows) and in the latest whole year (columns):${tag}`,
    ...transitionTable(report),
    "",
    ...breakdownTables(report, tag),
    "",
    `  The ${topN} provinces with the most SMEs:${tag}`,
    ...provinceTable(report),
    "",
    `  Formalisation: ${count(formalisation.informalAtRegistration)} SMEs registered without an NIB, ${count(formalisation.formalised)} obtained one since (${percent(formalisation.formalisationRate)})${tag}`
  ]
}

const stageRows = (funnel: SupplyChain.Funnel): Array<ReadonlyArray<string>> => {
  const { conversion } = funnel
  return [
    ["consultation held", count(funnel.consulted), ""],
    ["assessed", count(funnel.assessed), percent(conversion.consultedToAssessed)],
    ["vendor registered", count(funnel.vendorRegistered), percent(conversion.assessedToVendorRegistered)],
    ["contract or purchase order", count(funnel.contracted), percent(conversion.vendorRegisteredToContracted)],
    ["delivery accepted (BAST)", count(funnel.delivered), percent(conversion.contractedToDelivered)]
  ]
}

const valueColumns = [
  { heading: "potential", align: "right" as const },
  { heading: "contracted", align: "right" as const },
  { heading: "delivered", align: "right" as const }
]

const values = (funnel: SupplyChain.Funnel) => [
  rupiah(funnel.potentialValue),
  rupiah(funnel.contractedValue),
  rupiah(funnel.deliveredValue)
]

const counterpartTable = (models: ReadModels): Array<string> => {
  const groups = models.byCounterpart
    .filter((group) => group.funnel.assessed > 0)
    .sort(
      (a, b) =>
        Rupiah.compare(b.funnel.contractedValue, a.funnel.contractedValue) || ((a.key ?? "") < (b.key ?? "") ? -1 : 1)
    )
    .slice(0, topN)
  return render(
    [
      { heading: "counterpart" },
      { heading: "assessed", align: "right" },
      { heading: "vendor", align: "right" },
      { heading: "contracted", align: "right" },
      { heading: "delivered", align: "right" },
      { heading: "contracted value", align: "right" },
      { heading: "delivered value", align: "right" }
    ],
    groups.map(({ key, funnel }) => [
      key === null ? "(unknown)" : (models.counterpartNames.get(key) ?? key),
      count(funnel.assessed),
      count(funnel.vendorRegistered),
      count(funnel.contracted),
      count(funnel.delivered),
      rupiah(funnel.contractedValue),
      rupiah(funnel.deliveredValue)
    ]),
    4
  )
}

const categoryTable = (models: ReadModels): Array<string> => {
  const groups = models.byCategory
    .filter((group) => group.key !== null)
    .sort(
      (a, b) =>
        Rupiah.compare(b.funnel.potentialValue, a.funnel.potentialValue) || ((a.key ?? "") < (b.key ?? "") ? -1 : 1)
    )
  return render(
    [{ heading: "category (the need answered)" }, ...valueColumns, { heading: "delivered/potential", align: "right" }],
    groups.map(({ key, funnel }) => [
      key ?? "",
      ...values(funnel),
      percent(Rupiah.share(funnel.deliveredValue, funnel.potentialValue))
    ]),
    4
  )
}

const kindNames: Record<string, string> = { BUMN: "BUMN", UsahaBesar: "Usaha Besar", BUMD: "BUMD" }

/** The funnel by a grouping (sector or counterpart kind), in key order. */
const groupTable = (
  heading: string,
  groups: ReadonlyArray<SupplyChain.FunnelGroup>,
  label: (key: string) => string
): Array<string> =>
  render(
    [
      { heading },
      { heading: "SMEs", align: "right" },
      { heading: "consulted", align: "right" },
      { heading: "assessed", align: "right" },
      { heading: "contracted", align: "right" },
      { heading: "potential", align: "right" },
      { heading: "contracted value", align: "right" }
    ],
    groups.map(({ key, funnel }) => [
      key === null ? "(unknown)" : label(key),
      count(funnel.smes),
      count(funnel.consulted),
      count(funnel.assessed),
      count(funnel.contracted),
      rupiah(funnel.potentialValue),
      rupiah(funnel.contractedValue)
    ]),
    4
  )

/** The supply-chain section of a forum: the funnel, the leading counterparts, values by category. */
export const supplyChain = (models: ReadModels): Array<string> => {
  const funnel = models.funnel
  const tag = Synthetic.tag(models.provenance, "supplyChain")
  return [
    `Supply-chain integration: how far each held consultation went${Synthetic.mark(models.provenance, "supplyChain")}`,
    ...render(
      [
        { heading: "stage" },
        { heading: "reached", align: "right" },
        { heading: "of the stage before", align: "right" }
      ],
      stageRows(funnel)
    ),
    `  ${count(funnel.closedWithoutDeal)} assessments closed without a deal; ${percent(funnel.conversion.consultedToDelivered)} of held consultations led to an accepted delivery`,
    `  Values: potential ${rupiah(funnel.potentialValue)}, contracted ${rupiah(funnel.contractedValue)}, delivered ${rupiah(funnel.deliveredValue)}`,
    `  SMEs integrated (at least one accepted delivery): ${count(funnel.integratedSmes)} of ${count(funnel.smes)} that met a counterpart (${percent(funnel.integrationRate)})`,
    "",
    `  The ${topN} counterparts with the largest contracted value:${tag}`,
    ...counterpartTable(models),
    "",
    `  Potential, contracted and delivered value by category:${tag}`,
    ...categoryTable(models),
    "",
    `  By the SME's sector (KBLI 2020 section):${tag}`,
    ...groupTable("sector", models.bySector, (key) => key),
    "",
    `  By the counterpart's kind:${tag}`,
    ...groupTable("kind", models.byCounterpartKind, (key) => kindNames[key] ?? key)
  ]
}
