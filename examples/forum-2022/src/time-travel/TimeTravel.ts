/**
 * Time travel: the read models as they stood at earlier moments of the log, beside their state now.
 * Nothing is updated in place in the log, so `ReadModelRunner.asOf(position)` folds the same events
 * up to any position into memory and gives the figures as they were then: here, when the forum closed, when its results
 * were announced, and after the follow-up of 2023 to 2025.
 *
 * @since 0.1.0
 */
import { KemitraanEvent } from "@kemitraan/core"
import { EventStore, type ReadModelRunner } from "@kemitraan/eventsourcing"
import { Effect } from "effect"
import * as ReadModels from "../report/ReadModels.js"
import { count, render, rupiah } from "../report/Table.js"

/** A moment of the log: what happened then, when, and the global position of its event. */
export interface Moment {
  readonly label: string
  readonly at: Date
  readonly position: number
}

/** The read models at a moment. */
export interface Snapshot {
  readonly moment: Moment
  readonly models: ReadModels.ReadModels
}

const momentOf = (
  label: string,
  event: { readonly position: number; readonly metadata: { readonly occurredAt: Date } }
) => ({
  label,
  at: event.metadata.occurredAt,
  position: event.position
})

/** The moments worth a look: the forum closed, its results announced, and the end of the log. */
export const moments = (
  forumId: string
): Effect.Effect<ReadonlyArray<Moment>, ReadModelRunner.ReadModelError, EventStore.EventStore> =>
  Effect.gen(function* () {
    const store = yield* EventStore.EventStore
    const forum = yield* store.readStream(KemitraanEvent.forumStream(forumId))
    const closed = forum.find((event) => event.type === "ForumClosed")
    const announced = forum.find((event) => event.type === "ForumResultsAnnounced")
    const head = yield* store.headPosition
    const [last] = head === 0 ? [] : yield* store.readAllPage(head - 1, 1)
    return [
      ...(closed === undefined ? [] : [momentOf("the forum closed", closed)]),
      ...(announced === undefined ? [] : [momentOf("results announced", announced)]),
      ...(last === undefined ? [] : [momentOf("after the follow-up", last)])
    ]
  })

/** The read models at each moment. */
export const snapshots = (
  forumId: string
): Effect.Effect<ReadonlyArray<Snapshot>, ReadModelRunner.ReadModelError, EventStore.EventStore> =>
  Effect.flatMap(moments(forumId), (all) =>
    Effect.forEach(all, (moment) =>
      Effect.map(ReadModels.asOf(forumId, moment.position), (models) => ({ moment, models }))
    )
  )

/** An instant in Western Indonesia Time (WIB, UTC+07:00), to the minute. */
export const wib = (at: Date): string =>
  `${new Date(at.getTime() + 7 * 3_600_000).toISOString().slice(0, 16).replace("T", " ")} WIB`

interface Row {
  readonly label: string
  readonly value: (models: ReadModels.ReadModels) => string
}

const rows: ReadonlyArray<Row> = [
  { label: "forum status", value: (m) => m.summary?.status ?? "-" },
  { label: "SMEs registered", value: (m) => count(m.summary?.smesRegistered ?? 0) },
  { label: "consultations held", value: (m) => count(m.summary?.consultationsHeld ?? 0) },
  { label: "assessments", value: (m) => count(m.summary?.assessments ?? 0) },
  { label: "cooperation potential", value: (m) => rupiah(m.summary?.potentialValue ?? 0n) },
  { label: "vendor registrations", value: (m) => count(m.funnel.vendorRegistered) },
  { label: "contracts or purchase orders", value: (m) => count(m.funnel.contracted) },
  { label: "deliveries accepted (BAST)", value: (m) => count(m.funnel.delivered) },
  { label: "contracted value", value: (m) => rupiah(m.funnel.contractedValue) },
  { label: "delivered value", value: (m) => rupiah(m.funnel.deliveredValue) },
  { label: "SMEs integrated (a delivery)", value: (m) => count(m.funnel.integratedSmes) },
  { label: "SMEs measured for naik kelas", value: (m) => count(m.cohort?.measured ?? 0) },
  { label: "SMEs that advanced a class", value: (m) => count(m.cohort?.advanced ?? 0) },
  { label: "informal SMEs formalised", value: (m) => count(m.cohort?.formalisation.formalised ?? 0) }
]

/** The read models at each moment, side by side, as lines of text. */
export const table = (all: ReadonlyArray<Snapshot>): Array<string> => [
  ...render(
    [{ heading: "" }, ...all.map((snapshot) => ({ heading: snapshot.moment.label, align: "right" as const }))],
    [
      ["at", ...all.map((snapshot) => wib(snapshot.moment.at))],
      ["position in the log", ...all.map((snapshot) => count(snapshot.moment.position))],
      ...rows.map((row) => [row.label, ...all.map((snapshot) => row.value(snapshot.models))])
    ]
  )
]

/** The time-travel report, ending with a newline. */
export const text = (all: ReadonlyArray<Snapshot>): string =>
  [
    "The forum of 24 November 2022 at three moments of its log. Each column folds the read models over",
    "the events up to that moment's position (ReadModelRunner.asOf); the follow-up is synthetic.",
    "",
    ...table(all)
  ].join("\n") + "\n"
