/**
 * The forum dataset: the published facts of the partnership forum of 24 November 2022 and the
 * synthetic records that fill in what the sources do not say. `load(dir)` reads and decodes every
 * file, line by line, and checks that every reference resolves; `encode` writes a dataset back to
 * the exact bytes of its files.
 *
 * @since 0.1.0
 */
import { Effect, Either } from "effect"
import * as fs from "node:fs/promises"
import * as path from "node:path"
import type { DatasetError } from "./DatasetError.js"
import { DatasetFileError } from "./DatasetError.js"
import { checkReferences } from "./internal/integrity.js"
import { decodeJson, decodeLines, encodeJson, encodeLines } from "./internal/jsonl.js"
import * as Records from "./Records.js"

/** The whole dataset, one array per file. */
export interface Dataset {
  readonly forum: Records.Forum
  readonly provinces: ReadonlyArray<Records.Province>
  readonly categories: ReadonlyArray<Records.Category>
  readonly counterparts: ReadonlyArray<Records.Counterpart>
  readonly smes: ReadonlyArray<Records.Sme>
  readonly consultations: ReadonlyArray<Records.Consultation>
  readonly assessments: ReadonlyArray<Records.Assessment>
  readonly businessFigures: ReadonlyArray<Records.BusinessFigures>
  readonly formalisations: ReadonlyArray<Records.Formalisation>
  readonly followUps: ReadonlyArray<Records.FollowUp>
}

/** The data files, by the part of the dataset each holds. */
export const files = {
  forum: "forum.json",
  provinces: "provinces.jsonl",
  categories: "categories.jsonl",
  counterparts: "counterparts.jsonl",
  smes: "smes.jsonl",
  consultations: "consultations.jsonl",
  assessments: "assessments.jsonl",
  businessFigures: "business-figures.jsonl",
  formalisations: "formalisations.jsonl",
  followUps: "follow-up.jsonl"
} as const satisfies Record<keyof Dataset, string>

/** A data file's name and its exact content. */
export interface DatasetFile {
  readonly name: string
  readonly content: string
}

/** The files of a dataset, byte for byte as they are committed. */
export const encode = (dataset: Dataset): ReadonlyArray<DatasetFile> => [
  { name: files.forum, content: encodeJson(Records.Forum, dataset.forum) },
  { name: files.provinces, content: encodeLines(Records.Province, dataset.provinces) },
  { name: files.categories, content: encodeLines(Records.Category, dataset.categories) },
  { name: files.counterparts, content: encodeLines(Records.Counterpart, dataset.counterparts) },
  { name: files.smes, content: encodeLines(Records.Sme, dataset.smes) },
  { name: files.consultations, content: encodeLines(Records.Consultation, dataset.consultations) },
  { name: files.assessments, content: encodeLines(Records.Assessment, dataset.assessments) },
  { name: files.businessFigures, content: encodeLines(Records.BusinessFigures, dataset.businessFigures) },
  { name: files.formalisations, content: encodeLines(Records.Formalisation, dataset.formalisations) },
  { name: files.followUps, content: encodeLines(Records.FollowUp, dataset.followUps) }
]

const decodeAll = (read: (name: string) => string): Either.Either<Dataset, DatasetError> =>
  Either.gen(function* () {
    return {
      forum: yield* decodeJson(files.forum, Records.Forum, read(files.forum)),
      provinces: yield* decodeLines(files.provinces, Records.Province, read(files.provinces)),
      categories: yield* decodeLines(files.categories, Records.Category, read(files.categories)),
      counterparts: yield* decodeLines(files.counterparts, Records.Counterpart, read(files.counterparts)),
      smes: yield* decodeLines(files.smes, Records.Sme, read(files.smes)),
      consultations: yield* decodeLines(files.consultations, Records.Consultation, read(files.consultations)),
      assessments: yield* decodeLines(files.assessments, Records.Assessment, read(files.assessments)),
      businessFigures: yield* decodeLines(files.businessFigures, Records.BusinessFigures, read(files.businessFigures)),
      formalisations: yield* decodeLines(files.formalisations, Records.Formalisation, read(files.formalisations)),
      followUps: yield* decodeLines(files.followUps, Records.FollowUp, read(files.followUps))
    }
  })

/**
 * Decodes a dataset from the contents of its files (name to content): every record with its
 * schema, then every reference between records.
 */
export const decode = (contents: ReadonlyMap<string, string>): Either.Either<Dataset, DatasetError> => {
  const missing = Object.values(files).find((name) => !contents.has(name))
  if (missing !== undefined) return Either.left(new DatasetFileError({ file: missing, reason: "no such data file" }))
  return decodeAll((name) => contents.get(name) ?? "").pipe(
    Either.flatMap((dataset) => Either.map(checkReferences(dataset), () => dataset))
  )
}

const readFile = (dir: string, name: string): Effect.Effect<readonly [string, string], DatasetFileError> =>
  Effect.tryPromise({
    try: () => fs.readFile(path.join(dir, name), "utf8"),
    catch: (cause) => new DatasetFileError({ file: name, reason: `cannot be read: ${String(cause)}` })
  }).pipe(Effect.map((content) => [name, content] as const))

/** Reads and decodes the dataset in `dir`, failing with the file and line of the first bad record. */
export const load = (dir: string): Effect.Effect<Dataset, DatasetError> =>
  Effect.forEach(Object.values(files), (name) => readFile(dir, name)).pipe(
    Effect.flatMap((entries) => decode(new Map(entries)))
  )
