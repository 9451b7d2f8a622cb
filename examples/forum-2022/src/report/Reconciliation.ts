/**
 * The reconciliation: every published fact and figure of the forum beside the value the replay
 * recorded, and whether it was reproduced. The published side comes from the sources (`Published`,
 * with the dataset's names for the category and counterpart ids); the replayed side comes only from
 * the store: the forum's stream and the read models folded from the log.
 *
 * @since 0.1.0
 */
import type { ForumState } from "@kemitraan/core"
import type { Dataset } from "../dataset/Dataset.js"
import { Published } from "../dataset/index.js"
import type { ReadModels } from "./ReadModels.js"
import { count, rupiah } from "./Table.js"

/** A counterpart: its participant id, name and kind (BUMN, UsahaBesar or BUMD). */
export interface Counterpart {
  readonly id: string
  readonly name: string
  readonly kind: string
}

/** What the sources publish, in the words the replay records them in. */
export interface Expected {
  readonly forumName: string
  readonly heldOn: string
  readonly venue: string
  readonly organiser: string
  readonly coOrganisers: ReadonlyArray<string>
  readonly resultsAnnouncedOn: string
  readonly participants: number
  readonly provinces: number
  readonly assessedSmes: number
  readonly counterpartsInAssessments: number
  readonly potentialRupiah: number
  /** The product category with the largest potential, by the name the replay records it under. */
  readonly largestCategory: string
  /** Who asked for it: the participant id, and the name the source gives. */
  readonly largestAskedBy: { readonly id: string; readonly name: string }
  readonly bumnJoined: number
  readonly usahaBesarJoined: number
  /** The counterparts the sources name, with the name the source gives. */
  readonly named: ReadonlyArray<Counterpart & { readonly source: string }>
}

/** What the store says of the forum. */
export interface Replayed {
  readonly forumName: string | null
  readonly heldOn: string | null
  readonly venue: string | null
  readonly organiser: string | null
  readonly coOrganisers: ReadonlyArray<string>
  readonly resultsAnnouncedOn: string | null
  readonly participants: number
  readonly provinces: number
  /** SMEs with at least one assessment. */
  readonly assessedSmes: number
  /** SMEs with a held consultation or an assessment. */
  readonly engagedSmes: number
  readonly counterpartsInAssessments: number
  /** The summary's total: exact at any size. */
  readonly potentialRupiah: bigint
  readonly largestCategory: string | null
  readonly largestAskedBy: { readonly id: string; readonly name: string | null } | null
  readonly joined: ReadonlyArray<Counterpart>
  /** Counterparts that joined and held consultations but recorded no assessment. */
  readonly consultedWithoutAssessment: ReadonlyArray<Counterpart>
}

/** A published fact or figure beside its replayed value. */
export interface Check {
  /** A fact (name, date, place, organisers) or a figure (a count, an amount, a ranking). */
  readonly kind: "fact" | "figure"
  readonly label: string
  readonly published: string
  readonly replayed: string
  readonly reproduced: boolean
}

/** The published facts and figures, with the dataset's names for the ids `Published` gives. */
export const expectedOf = (dataset: Dataset): Expected => {
  const { published } = Published
  const category = dataset.categories.find((entry) => entry.id === published.largestPotential.categoryId)
  const asker = dataset.counterparts.find((entry) => entry.id === published.largestPotential.counterpartId)
  return {
    forumName: published.forumName,
    heldOn: published.heldOn,
    venue: published.venue,
    organiser: published.organiser,
    coOrganisers: published.coOrganisers,
    resultsAnnouncedOn: published.resultsAnnouncedOn,
    participants: published.participants,
    provinces: published.provinces,
    assessedSmes: published.assessedSmes,
    counterpartsInAssessments: published.counterpartsInAssessments,
    potentialRupiah: published.potentialRupiah,
    largestCategory: category?.nameEn ?? published.largestPotential.categoryId,
    largestAskedBy: {
      id: published.largestPotential.counterpartId,
      name: asker?.nameInSource ?? published.largestPotential.counterpartId
    },
    bumnJoined: published.counterpartsJoined.bumn,
    usahaBesarJoined: published.counterpartsJoined.usahaBesar,
    named: dataset.counterparts.map((entry) => ({
      id: entry.id,
      name: entry.nameInSource,
      kind: entry.kind,
      source: entry.source
    }))
  }
}

const joinedOf = (forum: ForumState.State): Array<Counterpart> =>
  [...forum.counterparts]
    .map(([id, counterpart]) => ({ id, name: counterpart.legalName, kind: counterpart.kind }))
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))

const consultedWithoutAssessmentOf = (models: ReadModels, joined: ReadonlyArray<Counterpart>): Array<Counterpart> => {
  const byCounterpart = new Map(models.byCounterpart.map((group) => [group.key, group.funnel]))
  return joined.filter((counterpart) => {
    const funnel = byCounterpart.get(counterpart.id)
    return funnel !== undefined && funnel.consulted > 0 && funnel.assessed === 0
  })
}

/** What the store says of a forum: its stream's state and the read models. */
export const replayedOf = (forum: ForumState.State, models: ReadModels): Replayed => {
  const summary = models.summary
  const joined = joinedOf(forum)
  const top = summary?.topCategory ?? null
  return {
    forumName: forum.details?.title ?? null,
    heldOn: forum.details?.date ?? null,
    venue: forum.details?.venue ?? null,
    organiser: forum.details?.organiser ?? null,
    coOrganisers: forum.details?.coOrganisers ?? [],
    resultsAnnouncedOn: summary?.resultsDate ?? null,
    participants: summary?.smesRegistered ?? 0,
    provinces: summary?.provinces ?? 0,
    assessedSmes: models.assessedSmes,
    engagedSmes: summary?.smesEngaged ?? 0,
    counterpartsInAssessments: summary?.counterpartsAssessed ?? 0,
    potentialRupiah: summary?.potentialValue ?? 0n,
    largestCategory: top?.category ?? null,
    largestAskedBy: top === null ? null : { id: top.counterpart.counterpartId, name: top.counterpart.legalName },
    joined,
    consultedWithoutAssessment: consultedWithoutAssessmentOf(models, joined)
  }
}

const none = "(none)"

const check = (
  kind: Check["kind"],
  label: string,
  published: string,
  replayed: string | null,
  reproduced = published === replayed
): Check => ({ kind, label, published, replayed: replayed ?? none, reproduced })

const figure = (label: string, published: number, replayed: number, format: (n: number) => string = count) =>
  check("figure", label, format(published), format(replayed), published === replayed)

/** A published amount beside the replayed total, compared exactly. */
const amount = (label: string, published: number, replayed: bigint) =>
  check("figure", label, rupiah(published), rupiah(replayed), BigInt(published) === replayed)

const joinedOfKind = (replayed: Replayed, kind: string) =>
  replayed.joined.filter((counterpart) => counterpart.kind === kind).length

const namedJoined = (expected: Expected, replayed: Replayed) =>
  expected.named.filter((named) =>
    replayed.joined.some((joined) => joined.id === named.id && joined.kind === named.kind)
  ).length

/** Every published fact and figure beside its replayed value. */
export const reconcile = (expected: Expected, replayed: Replayed): ReadonlyArray<Check> => {
  const asker = replayed.largestAskedBy
  return [
    check("fact", "name", expected.forumName, replayed.forumName),
    check("fact", "held on", expected.heldOn, replayed.heldOn),
    check("fact", "venue", expected.venue, replayed.venue),
    check("fact", "organiser", expected.organiser, replayed.organiser),
    check("fact", "co-organisers", expected.coOrganisers.join(", "), replayed.coOrganisers.join(", ")),
    check("fact", "results announced", expected.resultsAnnouncedOn, replayed.resultsAnnouncedOn),
    figure("SME/IKM participants", expected.participants, replayed.participants),
    figure("provinces they came from", expected.provinces, replayed.provinces),
    figure("SMEs with a direct assessment", expected.assessedSmes, replayed.assessedSmes),
    figure("counterparts in assessments", expected.counterpartsInAssessments, replayed.counterpartsInAssessments),
    amount("cooperation potential", expected.potentialRupiah, replayed.potentialRupiah),
    check("figure", "largest category by potential", expected.largestCategory, replayed.largestCategory),
    check(
      "figure",
      "  asked for by",
      expected.largestAskedBy.name,
      asker === null ? null : (asker.name ?? asker.id),
      asker?.id === expected.largestAskedBy.id
    ),
    figure("BUMN that joined", expected.bumnJoined, joinedOfKind(replayed, "BUMN")),
    figure("Usaha Besar that joined", expected.usahaBesarJoined, joinedOfKind(replayed, "UsahaBesar")),
    figure("named counterparts that joined", expected.named.length, namedJoined(expected, replayed))
  ]
}

/** Whether every published fact and figure was reproduced. */
export const isReconciled = (checks: ReadonlyArray<Check>): boolean => checks.every((entry) => entry.reproduced)
