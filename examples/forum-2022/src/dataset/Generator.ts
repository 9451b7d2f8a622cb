/**
 * The seeded, deterministic generator of the forum dataset. The published facts are fixed; what the
 * sources do not say (each SME, consultation, assessment value, follow-up, business figure) is drawn
 * from a hand-written PRNG, so one seed always gives the same bytes. `write` commits a dataset to a
 * directory; `check` says which committed files differ from what the generator makes.
 *
 * Four generators of synthetic histories live in this repository, on purpose: each answers a different
 * question and merging any two would weaken one of them. This one writes records, not events, around
 * fixed published facts; its output is checked in and checked in CI, so it changes only when the
 * dataset should. (`ForumScenario`: fast-check commands of one forum, shrinkable, including hostile
 * ones, for the deciders and everything behind `Kemitraan.handle`; `Programme`: a seeded, streamed
 * national log of about a million valid events, for benchmarks; `test/projections/world.ts`: events
 * straight into the projections, hitting every PP 7/2021 boundary and any interleaving of streams; the
 * forum-2022 dataset generator: records that reproduce published figures, checked in byte for byte.)
 * They share the domain's schemas; the two seeded ones share one PRNG, `Prng`.
 *
 * @since 0.1.0
 */
import { Effect } from "effect"
import * as fs from "node:fs/promises"
import * as path from "node:path"
import * as Dataset from "./Dataset.js"
import { DatasetFileError } from "./DatasetError.js"
import { generateAssessments } from "./internal/generate/assessments.js"
import { planConsultations } from "./internal/generate/consultations.js"
import { generateFigures } from "./internal/generate/figures.js"
import { generateFollowUp } from "./internal/generate/followUp.js"
import { generateSmes } from "./internal/generate/smes.js"
import { categories } from "./internal/reference/categories.js"
import { counterparts } from "./internal/reference/counterparts.js"
import { defaultSeed, forum } from "./internal/reference/forum.js"
import { provinces, validOn } from "./internal/reference/provinces.js"
import type * as Records from "./Records.js"

/** The seed of the committed dataset. */
export const seed = defaultSeed

/** Options of the generator. */
export interface Options {
  /** The seed; the committed dataset uses {@link seed}. */
  readonly seed?: number | undefined
}

const nonEmpty = <A>(items: ReadonlyArray<A>): readonly [A, ...Array<A>] => {
  const [first, ...rest] = items
  if (first === undefined) throw new Error("generate: a list that must not be empty is empty")
  return [first, ...rest]
}

const counterpartRecord = (c: (typeof counterparts)[number]): Records.Counterpart => ({
  id: c.id,
  name: c.name,
  shortName: c.shortName,
  kind: c.kind,
  source: c.source,
  nameInSource: c.nameInSource,
  joinedOn: c.joinedOn,
  assessedAtForum: c.assessedAtForum,
  needs: nonEmpty(c.needs.map(([id, categoryId, description]) => ({ id, categoryId, description }))),
  syntheticFields: ["joinedOn", "assessedAtForum", "needs"]
})

/** Generates the dataset in memory. */
export const generate = (options?: Options): Dataset.Dataset => {
  const s = options?.seed ?? seed
  const facts = forum(s)
  const drafts = generateSmes(s)
  const size = new Map(drafts.map((d) => [d.sme.id, d.size]))
  const planned = planConsultations(s, drafts, facts.heldOn)
  const assessments = generateAssessments(s, planned, facts.heldOn, facts.published.potentialRupiah)
  const followUp = generateFollowUp(s, assessments, (id) => size.get(id) ?? "micro")
  const { figures, formalisations } = generateFigures(s, drafts, followUp.deliveries)
  return {
    forum: facts,
    provinces: provinces.map(([code, kemendagriCode, name]) => ({ code, kemendagriCode, name, validOn })),
    categories: categories.map((c) => ({
      id: c.id,
      nameId: c.nameId,
      nameEn: c.nameEn,
      unit: c.unit,
      kbli: nonEmpty(c.kbli.map(([code, title]) => ({ code, title })))
    })),
    counterparts: counterparts.map(counterpartRecord),
    smes: drafts.map((d) => d.sme),
    consultations: planned.map((p) => p.consultation),
    assessments,
    businessFigures: figures,
    formalisations,
    followUps: followUp.steps
  }
}

/** The files of the generated dataset, byte for byte. */
export const files = (options?: Options): ReadonlyArray<Dataset.DatasetFile> => Dataset.encode(generate(options))

/** Writes the generated dataset into `dir`. */
export const write = (dir: string, options?: Options): Effect.Effect<void, DatasetFileError> =>
  Effect.forEach(files(options), (file) =>
    Effect.tryPromise({
      try: () => fs.writeFile(path.join(dir, file.name), file.content, "utf8"),
      catch: (cause) => new DatasetFileError({ file: file.name, reason: `cannot be written: ${String(cause)}` })
    })
  ).pipe(Effect.asVoid)

/** The names of the files in `dir` that are missing or differ from the generated dataset. */
export const check = (dir: string, options?: Options): Effect.Effect<ReadonlyArray<string>> =>
  Effect.filter(files(options), (file) =>
    Effect.promise(() => fs.readFile(path.join(dir, file.name), "utf8").catch(() => undefined)).pipe(
      Effect.map((content) => content !== file.content)
    )
  ).pipe(Effect.map((differing) => differing.map((file) => file.name)))
