/**
 * The report's charts as SVG, drawn by Apache ECharts' server-side renderer: no browser, no DOM,
 * no script in the page (see docs/decisions/0013-report-charts-echarts-ssr.md). Every bar carries
 * its value as a label and value axes carry none, so the numbers in a chart are exactly the data.
 *
 * @since 0.1.0
 */
import { BusinessClass } from "@kemitraan/core"
import * as echarts from "echarts"
import { funnelStages } from "./Formats.js"
import type { ReportData } from "./ReportData.js"

/** A chart: a stable id, its title, and the SVG markup. */
export interface Chart {
  readonly id: "funnel-by-counterpart" | "class-advancement" | "province"
  readonly title: string
  readonly svg: string
}

/** Potential in billions of rupiah with one decimal, as the province chart labels it. */
export const billions = (rupiah: bigint | number): string => {
  // Exact at any total: tenths of a billion, rounded half up, in bigints.
  const tenths = (BigInt(rupiah) + 50_000_000n) / 100_000_000n
  return `${tenths / 10n}.${tenths % 10n}`
}

const palette = ["#1f4e79", "#2e86c1", "#48c9b0", "#f5b041", "#c0392b", "#7d3c98"]

const render = (width: number, height: number, option: echarts.EChartsOption): string => {
  const chart = echarts.init(null, null, { renderer: "svg", ssr: true, width, height })
  try {
    chart.setOption({ animation: false, color: palette, textStyle: { fontFamily: "sans-serif" }, ...option })
    return chart.renderToSVGString()
  } finally {
    chart.dispose()
  }
}

const valueLabel = { show: true, fontSize: 10, color: "#222" } as const

/** The supply-chain funnel of each counterpart: one bar per stage. */
export const funnelByCounterpart = (data: ReportData): Chart => {
  const groups = data.models.byCounterpart.filter((group) => group.key !== null)
  const names = groups.map((group) => data.models.counterpartNames.get(group.key ?? "") ?? group.key ?? "")
  const height = 120 + groups.length * 64
  return {
    id: "funnel-by-counterpart",
    title: "Supply-chain funnel by counterpart",
    svg: render(960, height, {
      legend: { top: 0 },
      grid: { left: 260, right: 40, top: 40, bottom: 20 },
      xAxis: { type: "value", axisLabel: { show: false } },
      yAxis: { type: "category", data: names, inverse: true, axisLabel: { width: 240, overflow: "truncate" } },
      series: funnelStages.map(([stage, label]) => ({
        name: label,
        type: "bar" as const,
        barGap: "10%",
        label: { ...valueLabel, position: "right" as const },
        data: groups.map((group) => group.funnel[stage])
      }))
    })
  }
}

/** SMEs by their class before the forum and in the latest year: one stacked bar per class before. */
export const classAdvancement = (data: ReportData): Chart => {
  const transitions = data.models.cohort?.transitions ?? []
  const from = BusinessClass.all.filter((c) => transitions.some((t) => t.from === c))
  const to = BusinessClass.all.filter((c) => transitions.some((t) => t.to === c))
  const year = data.models.cohort?.year
  return {
    id: "class-advancement",
    title: `Class advancement: class before the forum${year === null || year === undefined ? "" : ` (${year})`} and in the latest year`,
    svg: render(960, 420, {
      legend: { top: 0, data: to.map((c) => `now ${c}`) },
      grid: { left: 80, right: 40, top: 40, bottom: 40 },
      xAxis: { type: "category", data: from.map((c) => `before: ${c}`) },
      yAxis: { type: "value", axisLabel: { show: false } },
      series: to.map((target) => ({
        name: `now ${target}`,
        type: "bar" as const,
        stack: "smes",
        label: { ...valueLabel, color: "#fff" },
        data: from.map((source) => {
          const smes = transitions.find((t) => t.from === source && t.to === target)?.smes
          // No bar (and so no label) for an empty cell.
          return smes === undefined ? null : smes
        })
      }))
    })
  }
}

/** Participants and the potential of their assessments, by province. */
export const byProvince = (data: ReportData): Chart => {
  const rows = [...data.provinces].sort((a, b) => b.smes - a.smes || a.code.localeCompare(b.code))
  return {
    id: "province",
    title: "Participants and potential (Rp billion) by province",
    svg: render(960, 520, {
      legend: { top: 0 },
      grid: { left: 40, right: 40, top: 40, bottom: 150 },
      xAxis: {
        type: "category",
        data: rows.map((row) => row.name),
        axisLabel: { rotate: 60, interval: 0, fontSize: 10 }
      },
      yAxis: [
        { type: "value", axisLabel: { show: false } },
        { type: "value", axisLabel: { show: false }, splitLine: { show: false } }
      ],
      series: [
        {
          name: "SME participants",
          type: "bar" as const,
          label: { ...valueLabel, position: "top" as const },
          data: rows.map((row) => row.smes)
        },
        {
          name: "Potential, Rp billion",
          type: "bar" as const,
          yAxisIndex: 1,
          label: { ...valueLabel, position: "top" as const, rotate: 90, align: "left", verticalAlign: "middle" },
          data: rows.map((row) => billions(row.potential))
        }
      ]
    })
  }
}

/** The three charts of a report. */
export const all = (data: ReportData): ReadonlyArray<Chart> => [
  funnelByCounterpart(data),
  classAdvancement(data),
  byProvince(data)
]
