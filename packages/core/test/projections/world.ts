/**
 * Random but valid worlds for the projection properties: SMEs with figures over the years,
 * counterparts with needs, forums with registrations, consultations, assessments and their
 * follow-up, each stream in an order its decider would produce. Then any interleaving of the streams,
 * into a store or straight into recorded events.
 */
import { KemitraanEvent, type Province } from "@kemitraan/core"
import { EventStore, type EventStoreError, ExpectedVersion, type RecordedEvent } from "@kemitraan/eventsourcing"
import { Effect } from "effect"
import * as fc from "fast-check"
import * as E from "./events.js"

const provinces: ReadonlyArray<Province.ProvinceCode> = ["31", "32", "35", "73"]
const sectors = ["28299", "10792", "47111", "C", "14111"]
const needs = ["machine components and spare parts", "processed food", "uniforms", "packaging"]

/** Amounts that hit every PP 7/2021 boundary, one rupiah either side, and anything in between. */
const boundaries = [1_000_000_000, 2_000_000_000, 5_000_000_000, 10_000_000_000, 15_000_000_000, 50_000_000_000]
const amount = fc.oneof(
  fc.constantFrom(0, ...boundaries.flatMap((b) => [b - 1, b, b + 1])),
  fc.integer({ min: 0, max: 60_000_000_000 })
)

const smePlan = fc.record({
  province: fc.constantFrom(...provinces),
  kbli: fc.constantFrom(...sectors),
  foundedYear: fc.integer({ min: 2016, max: 2022 }),
  formal: fc.boolean(),
  formalises: fc.boolean(),
  figures: fc.array(fc.record({ year: fc.integer({ min: 2016, max: 2024 }), sales: amount, capital: amount }), {
    maxLength: 4
  }),
  correction: fc.option(fc.record({ index: fc.nat(3), sales: amount, capital: amount }), { nil: undefined })
})

const mostly = fc.constantFrom(true, true, true, false)

const consultationPlan = fc.record({
  sme: fc.nat(),
  counterpart: fc.nat(),
  outcome: fc.constantFrom<"Held" | "NoShow" | "Cancelled" | "Pending">(
    "Held",
    "Held",
    "Held",
    "NoShow",
    "Cancelled",
    "Pending"
  ),
  assessed: mostly,
  need: fc.nat(),
  potential: fc.integer({ min: 0, max: 20_000_000_000 }),
  depth: fc.constantFrom<0 | 1 | 2 | 3>(0, 1, 2, 3),
  closed: fc.boolean(),
  deliveredShare: fc.constantFrom(0.25, 0.5, 1)
})

const forumPlan = fc.record({
  /** Whether each SME (by index) registers, and each counterpart joins: most do. */
  smes: fc.array(mostly, { minLength: 8, maxLength: 8 }),
  counterparts: fc.array(mostly, { minLength: 4, maxLength: 4 }),
  consultations: fc.array(consultationPlan, { maxLength: 12 }),
  observers: fc.nat(2),
  announced: fc.boolean()
})

/** A plan of a world, from which {@link build} makes valid streams. */
export const worldPlan = fc.record({
  smes: fc.array(smePlan, { minLength: 2, maxLength: 8 }),
  counterparts: fc.array(fc.subarray(needs, { minLength: 1 }), { minLength: 1, maxLength: 4 }),
  forums: fc.array(forumPlan, { minLength: 1, maxLength: 2 })
})

type WorldPlan = typeof worldPlan extends fc.Arbitrary<infer A> ? A : never
type SmePlan = WorldPlan["smes"][number]
type ForumPlan = WorldPlan["forums"][number]

const profileOf = (index: number, sme: SmePlan): E.SmeProfile => ({
  id: `sme-${index}`,
  province: sme.province,
  kbli: sme.kbli,
  foundedYear: sme.foundedYear,
  nib: sme.formal ? `${1_000_000_000_000 + index}` : undefined
})

const addSme = (log: E.Log, index: number, sme: SmePlan): void => {
  const profile = profileOf(index, sme)
  log.participant(E.smeEnrolled(profile, E.on(`${sme.foundedYear}-01-10`)))
  const seen = new Set<number>()
  const reported = sme.figures.filter(({ year }) => year >= sme.foundedYear && !seen.has(year) && seen.add(year))
  for (const { year, sales, capital } of reported) log.participant(E.figures(profile.id, year, { sales, capital }))
  const corrected = sme.correction === undefined ? undefined : reported[sme.correction.index % (reported.length || 1)]
  if (sme.correction !== undefined && corrected !== undefined) {
    const { sales, capital } = sme.correction
    log.participant(E.figures(profile.id, corrected.year, { sales, capital }, "audited figures"))
  }
  if (!sme.formal && sme.formalises) log.participant(E.formalised(profile.id, `${2_000_000_000_000 + index}`))
}

const addForum = (log: E.Log, plan: WorldPlan, index: number, forum: ForumPlan): void => {
  const forumId = `forum-${index}`
  const year = 2022 + index
  const registration = E.on(`${year}-11-01`)
  log.forum(E.forumScheduled(forumId, `${year}-11-24`))
  const joined = plan.counterparts.flatMap((_needs, c) => (forum.counterparts[c] === true ? [c] : []))
  for (const c of joined) log.forum(E.counterpartJoined(forumId, `cp-${c}`, plan.counterparts[c] ?? ["uniforms"]))
  const registered = plan.smes.flatMap((_sme, s) => (forum.smes[s] === true ? [s] : []))
  for (const s of registered) {
    const sme = plan.smes[s]
    if (sme !== undefined) log.forum(E.smeRegistered(forumId, profileOf(s, sme), registration))
  }
  log.forum(E.forumStep("ForumOpened", forumId, E.on(`${year}-11-24`)))
  for (let o = 0; o < forum.observers; o++) log.forum(E.observer(forumId, `association ${o}`, E.on(`${year}-11-24`)))
  addConsultations(log, plan, forumId, year, forum, registered, joined)
  log.forum(E.forumStep("ForumClosed", forumId, E.on(`${year}-11-24`)))
  if (forum.announced) log.forum(E.resultsAnnounced(forumId, `${year}-12-02`, { smesRegistered: registered.length }))
}

const addConsultations = (
  log: E.Log,
  plan: WorldPlan,
  forumId: string,
  year: number,
  forum: ForumPlan,
  registered: ReadonlyArray<number>,
  joined: ReadonlyArray<number>
): void => {
  const booked = new Set<string>()
  forum.consultations.forEach((consultation, k) => {
    const s = registered[consultation.sme % (registered.length || 1)]
    const c = joined[consultation.counterpart % (joined.length || 1)]
    if (s === undefined || c === undefined || booked.has(`${s}/${c}`)) return
    if (consultation.outcome === "Held" || consultation.outcome === "Pending") booked.add(`${s}/${c}`)
    const meeting = { forum: forumId, consultation: `c-${k}`, sme: `sme-${s}`, counterpart: `cp-${c}` }
    log.forum(...E.consultation(meeting, consultation.outcome, E.on(`${year}-11-24`)))
    if (consultation.outcome !== "Held" || !consultation.assessed) return
    const counterpartNeeds = plan.counterparts[c] ?? ["uniforms"]
    const need = counterpartNeeds[consultation.need % counterpartNeeds.length] ?? "uniforms"
    const sme = plan.smes[s]
    const { potential, depth, closed, deliveredShare } = consultation
    const recorded = { need, potential, province: sme?.province, kbli: sme?.kbli }
    const deliveredValue = Math.floor(potential * deliveredShare)
    log.assessment(...E.assessment(meeting, recorded, { depth, closed, deliveredValue }, E.on(`${year}-11-24`)))
  })
}

/** The valid streams of a planned world. */
export const build = (plan: WorldPlan): ReadonlyArray<E.Stream> => {
  const log = new E.Log()
  plan.smes.forEach((sme, index) => addSme(log, index, sme))
  plan.counterparts.forEach((_needs, index) => log.participant(E.counterpartEnrolled(`cp-${index}`)))
  plan.forums.forEach((forum, index) => addForum(log, plan, index, forum))
  return log.streams()
}

/** An event on its way into the log, with its stream. */
export interface Entry {
  readonly streamId: string
  readonly event: KemitraanEvent.KemitraanEvent
}

/**
 * Merges streams into one log, keeping each stream's order: at every step `choices` picks which
 * stream (among those with events left) gives the next event.
 */
export const interleave = (streams: ReadonlyArray<E.Stream>, choices: ReadonlyArray<number>): Array<Entry> => {
  const cursors = streams.filter((s) => s.events.length > 0).map((s) => ({ ...s, next: 0 }))
  const log: Array<Entry> = []
  for (let step = 0; cursors.length > 0; step++) {
    const index = (choices[step] ?? 0) % cursors.length
    const cursor = cursors[index]
    const event = cursor?.events[cursor.next]
    if (cursor === undefined || event === undefined) break
    log.push({ streamId: cursor.streamId, event })
    cursor.next += 1
    if (cursor.next === cursor.events.length) cursors.splice(index, 1)
  }
  return log
}

/** Choices of interleaving: enough for the largest world. */
export const choices = fc.array(fc.nat(1_000), { maxLength: 400 })

/** A world's streams, interleaved at random. */
export const log: fc.Arbitrary<Array<Entry>> = fc
  .tuple(worldPlan, choices)
  .map(([plan, picks]) => interleave(build(plan), picks))

/** Appends a log to the store in context, one event per append, in log order. */
export const appendAll = (
  entries: ReadonlyArray<Entry>
): Effect.Effect<void, EventStoreError.AppendError | EventStoreError.EventEncodeError, EventStore.EventStore> =>
  Effect.forEach(
    entries,
    ({ streamId, event }) =>
      EventStore.appendEvents(KemitraanEvent.KemitraanEvents, streamId, ExpectedVersion.any, [event]),
    { discard: true }
  )

/** A log as the store would record it: positions from 1, versions per stream. */
export const recorded = (
  entries: ReadonlyArray<Entry>
): Array<RecordedEvent.RecordedEvent<KemitraanEvent.KemitraanEvent>> => {
  const versions = new Map<string, number>()
  return entries.map(({ streamId, event }, index) => {
    const streamVersion = (versions.get(streamId) ?? 0) + 1
    versions.set(streamId, streamVersion)
    const position = index + 1
    return {
      eventId: `e-${position}`,
      streamId,
      streamVersion,
      position,
      type: event._tag,
      event,
      metadata: { occurredAt: event.at }
    }
  })
}
