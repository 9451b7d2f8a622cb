/**
 * The report the replay prints: the forum as recorded, every published figure beside the replayed
 * one with a mark, where the sources contradict themselves, the counterparts, and the synthetic
 * follow-up. It is plain text and deterministic: the same store gives the same report, byte for
 * byte, on any machine (timings go to stderr, never here).
 *
 * @since 0.1.0
 */
import { Rupiah } from "@kemitraan/core"
import * as FollowUp from "./FollowUp.js"
import type { ReadModels } from "./ReadModels.js"
import { type Check, type Expected, isReconciled, type Replayed } from "./Reconciliation.js"
import * as Synthetic from "./Synthetic.js"
import { count, percent, render, rupiah } from "./Table.js"

/** What the report is made of. */
export interface Input {
  readonly forumId: string
  /** The database as the user named it (`./forum-2022.sqlite`), not as this machine resolves it. */
  readonly database: string
  readonly commands: number
  readonly events: number
  readonly expected: Expected
  readonly replayed: Replayed
  readonly checks: ReadonlyArray<Check>
  readonly models: ReadModels
}

/** The mark of a reproduced fact or figure, and of one that was not. */
export const marks = { reproduced: "ok", notReproduced: "MISMATCH" } as const

const markOf = (entry: Check): string => (entry.reproduced ? marks.reproduced : marks.notReproduced)

const facts = (checks: ReadonlyArray<Check>): Array<string> => {
  const rows = checks.filter((entry) => entry.kind === "fact")
  const width = Math.max(...rows.map((entry) => entry.label.length))
  return rows.map((entry) =>
    [
      `  ${markOf(entry).padEnd(marks.notReproduced.length)}  ${entry.label.padEnd(width)}  ${entry.replayed}`,
      entry.reproduced ? "" : `  (published: ${entry.published})`
    ].join("")
  )
}

const figures = (checks: ReadonlyArray<Check>): Array<string> =>
  render(
    [{ heading: "published figure" }, { heading: "published" }, { heading: "replayed" }, { heading: "mark" }],
    checks
      .filter((entry) => entry.kind === "figure")
      .map((entry) => [entry.label, entry.published, entry.replayed, markOf(entry)])
  )

const names = (counterparts: ReadonlyArray<{ readonly name: string }>): string =>
  counterparts.length === 0 ? "none" : counterparts.map((counterpart) => counterpart.name).join(" and ")

const notes = (expected: Expected, replayed: Replayed): Array<string> => {
  const laterNamed = expected.named.filter((named) => named.source !== "seed" && named.kind === "BUMN")
  const joinedBumn = replayed.joined.filter((counterpart) => counterpart.kind === "BUMN").length
  const seedBumn = expected.named.filter((named) => named.source === "seed" && named.kind === "BUMN").length
  const seedLarge = expected.named.filter((named) => named.source === "seed" && named.kind === "UsahaBesar").length
  const unassessed = replayed.participants - replayed.assessedSmes
  return [
    "Where the sources contradict themselves",
    `  - "17 state-owned companies": the seed announces 17 and names ${seedBumn}; ${names(laterNamed)} is named by`,
    `    another report of the same day. Replayed: ${joinedBumn} BUMN joined.`,
    `  - "17 BUMN/Usaha Besar" in the assessments, while ${seedBumn} SOEs, ${names(laterNamed)} and ${seedLarge} large`,
    `    enterprises are named (${expected.named.length}). Replayed: ${replayed.joined.length} joined, ${replayed.counterpartsInAssessments} in assessments; ${names(replayed.consultedWithoutAssessment)}`,
    "    held consultations but recorded no assessment (which ones is the dataset's synthetic choice).",
    `  - "630 SMEs with a direct business assessment or consultation": replayed, ${count(replayed.assessedSmes)} had an assessment`,
    `    and ${count(replayed.engagedSmes)} a held consultation or an assessment; ${count(unassessed)} of the ${count(replayed.participants)} had no assessment.`,
    `  - No source breaks the ${rupiah(expected.potentialRupiah)} down by counterpart, category or province: the breakdowns`,
    "    below are synthetic; only the total and the largest category, with who asked for it, are published."
  ]
}

const counterparts = (input: Input): Array<string> => {
  const { models, replayed } = input
  const byCounterpart = new Map(models.byCounterpart.map((group) => [group.key, group.funnel]))
  const rows = replayed.joined
    .map((counterpart) => ({ counterpart, funnel: byCounterpart.get(counterpart.id) }))
    .sort(
      (a, b) =>
        Rupiah.compare(b.funnel?.potentialValue ?? Rupiah.zero, a.funnel?.potentialValue ?? Rupiah.zero) ||
        (a.counterpart.name < b.counterpart.name ? -1 : 1)
    )
  return [
    `The counterparts, by potential${Synthetic.mark(models.provenance, "counterparts")}`,
    ...render(
      [
        { heading: "counterpart" },
        { heading: "kind" },
        { heading: "consultations held", align: "right" },
        { heading: "assessments", align: "right" },
        { heading: "potential", align: "right" }
      ],
      rows.map(({ counterpart, funnel }) => [
        counterpart.name,
        counterpart.kind,
        count(funnel?.consulted ?? 0),
        count(funnel?.assessed ?? 0),
        rupiah(funnel?.potentialValue ?? 0n)
      ])
    )
  ]
}

const categories = (input: Input): Array<string> => {
  const summary = input.models.summary
  const total = summary?.potentialValue ?? Rupiah.zeroTotal
  return [
    `The potential by category (the counterpart's need an assessment answers)${Synthetic.mark(input.models.provenance, "categories")}`,
    ...render(
      [{ heading: "category" }, { heading: "potential", align: "right" }, { heading: "share", align: "right" }],
      (summary?.potentialByCategory ?? []).map((entry) => [
        entry.category,
        rupiah(entry.potentialValue),
        percent(Rupiah.share(entry.potentialValue, total))
      ])
    )
  ]
}

const verdict = (checks: ReadonlyArray<Check>): string => {
  const missed = checks.filter((entry) => !entry.reproduced)
  return isReconciled(checks)
    ? `Reconciled: all ${checks.length} published facts and figures reproduced.`
    : `NOT RECONCILED: ${missed.length} of ${checks.length} published facts and figures not reproduced: ${missed.map((entry) => entry.label.trim()).join("; ")}.`
}

/** The report, as lines of text. */
export const lines = (input: Input): Array<string> => [
  `${input.expected.forumName}, ${input.expected.heldOn}: replay`,
  `Replayed ${count(input.commands)} commands, ${count(input.events)} events, into ${input.database}.`,
  "",
  "The forum, as recorded",
  ...facts(input.checks),
  "",
  "Published figures beside the replayed ones",
  ...figures(input.checks),
  "",
  ...notes(input.expected, input.replayed),
  "",
  ...counterparts(input),
  "",
  ...categories(input),
  "",
  "Follow-up, 2023 to 2025 (no source publishes any of it; it shows what the read models report)",
  "",
  ...FollowUp.classAdvancement(input.models),
  "",
  ...FollowUp.supplyChain(input.models),
  "",
  verdict(input.checks)
]

/** The report as one string, ending with a newline. */
export const text = (input: Input): string => `${lines(input).join("\n")}\n`
