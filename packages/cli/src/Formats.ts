/**
 * A report in each of its formats: text for a terminal, JSON for a program, CSV for a spreadsheet
 * (one figure a row), and one self-contained HTML file with the charts: no script, no network.
 *
 * @since 0.1.0
 */
import { FollowUp, Table } from "@kemitraan/example-forum-2022"
import { Effect } from "effect"
import type { Chart } from "./Charts.js"
import { reportFormats } from "./Names.js"
import type { ReportData } from "./ReportData.js"

/** The formats of `report --format`. */
export const formats = reportFormats

/** The stages of the supply-chain funnel, in order, with their labels. */
export const funnelStages = [
  ["consulted", "Consultation held"],
  ["assessed", "Assessed"],
  ["vendorRegistered", "Vendor registered"],
  ["contracted", "Contract or PO"],
  ["delivered", "Delivered (BAST)"]
] as const

/** A report format. */
export type Format = (typeof formats)[number]

const when = (data: ReportData): string =>
  data.pointInTime._tag === "Now"
    ? `as of position ${data.position} (the whole log)`
    : data.pointInTime._tag === "Position"
      ? `as of position ${data.position}`
      : `as of ${data.pointInTime.date} by business time (events that occurred by ${data.pointInTime.until.toISOString()})`

const reconciliationLines = (data: ReportData): Array<string> => {
  const reconciliation = data.reconciliation
  if (reconciliation === null) return []
  const verdict = reconciliation.reconciled
    ? `Reconciled: all ${reconciliation.checks.length} published facts and figures reproduced.`
    : `NOT RECONCILED: ${reconciliation.checks.filter((c) => !c.reproduced).length} of ${reconciliation.checks.length} not reproduced.`
  return [
    "Published facts and figures beside the recorded ones",
    ...Table.render(
      [{ heading: "fact or figure" }, { heading: "published" }, { heading: "recorded" }, { heading: "mark" }],
      reconciliation.checks.map((check) => [
        check.label,
        check.published,
        check.replayed,
        check.reproduced ? "ok" : "MISMATCH"
      ])
    ),
    verdict,
    ""
  ]
}

/** The report as text. */
export const text = (data: ReportData): string =>
  [
    `${data.title ?? data.forumId}: report ${when(data)}, from ${data.store}`,
    "",
    ...reconciliationLines(data),
    "Participants and potential by province",
    ...Table.render(
      [{ heading: "province" }, { heading: "SMEs", align: "right" }, { heading: "potential", align: "right" }],
      data.provinces.map((row) => [row.name, Table.count(row.smes), Table.rupiah(row.potential)])
    ),
    "",
    ...FollowUp.classAdvancement(data.models.cohort),
    "",
    ...FollowUp.supplyChain(data.models),
    ""
  ].join("\n")

/** Exact totals of rupiah (bigints) as decimal strings, as `Rupiah.Total`'s schema encodes them. */
const exact = (_key: string, value: unknown): unknown => (typeof value === "bigint" ? value.toString() : value)

/**
 * The report as JSON: the read models' figures, the provinces and the reconciliation. Sums of
 * rupiah are decimal strings (exact at any total).
 */
export const json = (data: ReportData): string =>
  `${JSON.stringify(
    {
      forumId: data.forumId,
      title: data.title,
      store: data.store,
      pointInTime:
        data.pointInTime._tag === "BusinessTime"
          ? { asOf: data.pointInTime.date, until: data.pointInTime.until.toISOString() }
          : { position: data.position },
      position: data.position,
      summary: data.models.summary ?? null,
      funnel: data.models.funnel,
      byCounterpart: data.models.byCounterpart.map((group) => ({
        ...group,
        name: group.key === null ? null : (data.models.counterpartNames.get(group.key) ?? null)
      })),
      byCategory: data.models.byCategory,
      cohort: data.models.cohort ?? null,
      assessedSmes: data.models.assessedSmes,
      provinces: data.provinces,
      reconciliation: data.reconciliation
    },
    exact,
    2
  )}\n`

const csvCell = (value: string | number | bigint | null): string => {
  const text = value === null ? "" : String(value)
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text
}

/** The report as CSV, one figure a row: `section,key,name,metric,value`. */
export const csv = (data: ReportData): string => {
  const rows: Array<ReadonlyArray<string | number | bigint | null>> = [["section", "key", "name", "metric", "value"]]
  for (const group of data.models.byCounterpart) {
    const name = group.key === null ? null : (data.models.counterpartNames.get(group.key) ?? null)
    for (const [stage] of funnelStages) rows.push(["funnel", group.key, name, stage, group.funnel[stage]])
    rows.push(["funnel", group.key, name, "potentialValue", group.funnel.potentialValue])
  }
  for (const transition of data.models.cohort?.transitions ?? []) {
    rows.push(["class-advancement", `${transition.from}->${transition.to}`, null, "smes", transition.smes])
  }
  for (const row of data.provinces) {
    rows.push(["province", row.code, row.name, "smes", row.smes])
    rows.push(["province", row.code, row.name, "potentialValue", row.potential])
  }
  for (const check of data.reconciliation?.checks ?? []) {
    rows.push(["reconciliation", check.label.trim(), check.published, "recorded", check.replayed])
  }
  return rows.map((row) => row.map(csvCell).join(",")).join("\n") + "\n"
}

const escape = (text: string): string =>
  text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;")

const style = `
body { font-family: sans-serif; margin: 2rem auto; max-width: 1000px; color: #222; }
h1 { font-size: 1.5rem; margin-bottom: 0.2rem; } h2 { font-size: 1.15rem; margin-top: 2rem; }
p.meta { color: #555; margin-top: 0; }
table { border-collapse: collapse; font-size: 0.85rem; } th, td { padding: 0.2rem 0.6rem; border-bottom: 1px solid #ddd; text-align: left; }
td.mark-ok { color: #1e8449; font-weight: bold; } td.mark-mismatch { color: #c0392b; font-weight: bold; }
p.verdict { font-weight: bold; } figure { margin: 1rem 0; } figure svg { max-width: 100%; height: auto; }
`

const reconciliationHtml = (data: ReportData): string => {
  const reconciliation = data.reconciliation
  if (reconciliation === null) return ""
  const rows = reconciliation.checks
    .map(
      (check) =>
        `<tr><td>${escape(check.label.trim())}</td><td>${escape(check.published)}</td><td>${escape(check.replayed)}</td>` +
        `<td class="${check.reproduced ? "mark-ok" : "mark-mismatch"}">${check.reproduced ? "ok" : "MISMATCH"}</td></tr>`
    )
    .join("\n")
  const verdict = reconciliation.reconciled
    ? `Reconciled: all ${reconciliation.checks.length} published facts and figures reproduced.`
    : `Not reconciled: ${reconciliation.checks.filter((c) => !c.reproduced).length} of ${reconciliation.checks.length} not reproduced.`
  return `<section id="reconciliation"><h2>Reconciliation with the published figures</h2>
<table><thead><tr><th>fact or figure</th><th>published</th><th>recorded</th><th>mark</th></tr></thead>
<tbody>
${rows}
</tbody></table>
<p class="verdict">${escape(verdict)}</p></section>`
}

/** The report as one self-contained HTML page with its charts (`Charts.all`): inline style and SVG, no script, nothing fetched. */
export const html = (data: ReportData, charts: ReadonlyArray<Chart>): string => {
  const title = `${data.title ?? data.forumId}: report`
  const figures = charts
    .map(
      (chart) =>
        `<section><h2>${escape(chart.title)}</h2><figure id="chart-${chart.id}" data-chart="${chart.id}">${chart.svg}</figure></section>`
    )
    .join("\n")
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<title>${escape(title)}</title>
<style>${style}</style>
</head>
<body>
<h1>${escape(title)}</h1>
<p class="meta">${escape(when(data))}; store ${escape(data.store)}; forum ${escape(data.forumId)}.</p>
${reconciliationHtml(data)}
${figures}
</body>
</html>
`
}

/** The report in a format. The charting library is loaded only for HTML. */
export const render = (format: Format, data: ReportData): Effect.Effect<string> =>
  format === "html"
    ? Effect.map(
        Effect.promise(() => import("./Charts.js")),
        (Charts) => html(data, Charts.all(data))
      )
    : Effect.succeed(format === "text" ? text(data) : format === "json" ? json(data) : csv(data))
