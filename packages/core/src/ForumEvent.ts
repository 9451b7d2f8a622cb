/**
 * The events of a forum's lifecycle, recorded in the forum's stream (`Forum-<forumId>`): scheduled,
 * counterparts join with their needs, SMEs register, observers attend, opened, closed, results
 * announced. The forum's stream also holds its consultations (see `ConsultationEvent`), because the
 * forum is the consistency boundary of who may meet whom.
 *
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"
import { CalendarDate, Year } from "./CalendarDate.js"
import { ForumId, ParticipantId } from "./Id.js"
import { Kbli } from "./Kbli.js"
import { Nib } from "./Nib.js"
import { CounterpartKind, SmeKind } from "./ParticipantEvent.js"
import { ProvinceCode } from "./Province.js"
import { Rupiah } from "./Rupiah.js"
import { Text } from "./Text.js"

/** A product category, as the counterpart or the SME names it (e.g. "machine components and spare parts"). */
export const ProductCategory = Text.pipe(
  Schema.annotations({
    identifier: "ProductCategory",
    description: "a product category as the counterpart or the SME names it (a Text)"
  })
)
/** A product category. */
export type ProductCategory = typeof ProductCategory.Type

/** A product need a counterpart brings to a forum. */
export const CounterpartNeed = Schema.Struct({
  category: ProductCategory,
  description: Schema.optionalWith(Text, { exact: true })
})
/** A product need a counterpart brings to a forum. */
export type CounterpartNeed = typeof CounterpartNeed.Type

const distinctCategories = (needs: ReadonlyArray<CounterpartNeed>): boolean =>
  new Set(needs.map((need) => need.category)).size === needs.length

/** The needs a counterpart brings: at least one, each category once. */
export const CounterpartNeeds = Schema.NonEmptyArray(CounterpartNeed).pipe(
  Schema.filter(distinctCategories, {
    message: () => "each need category is listed once",
    description: "each need category is listed once"
  })
)

/** Who may attend as an observer: associations, ministries, institutions, regional services, BUMN, BUMD. */
export const ObserverKind = Schema.Literal("Association", "Ministry", "Institution", "RegionalService", "BUMN", "BUMD")
/** The kind of an observer. */
export type ObserverKind = typeof ObserverKind.Type

/** A forum was scheduled. */
export const ForumScheduled = Schema.TaggedStruct("ForumScheduled", {
  forumId: ForumId,
  title: Text,
  date: CalendarDate,
  venue: Text,
  organiser: Text,
  coOrganisers: Schema.Array(Text),
  at: Schema.Date
})
/** A forum was scheduled. */
export type ForumScheduled = typeof ForumScheduled.Type

/** A counterpart (BUMN, Usaha Besar or BUMD) joined a forum, bringing product needs. */
export const CounterpartJoined = Schema.TaggedStruct("CounterpartJoined", {
  forumId: ForumId,
  counterpartId: ParticipantId,
  legalName: Text,
  kind: CounterpartKind,
  needs: CounterpartNeeds,
  at: Schema.Date
})
/** A counterpart joined a forum. */
export type CounterpartJoined = typeof CounterpartJoined.Type

/**
 * An SME registered at a forum. It carries the SME's profile as enrolled at that moment (province,
 * KBLI sector, kind, NIB if any), so that read models need not join the participant's stream.
 */
export const SmeRegistered = Schema.TaggedStruct("SmeRegistered", {
  forumId: ForumId,
  smeId: ParticipantId,
  legalName: Text,
  province: ProvinceCode,
  kbli: Kbli,
  kind: SmeKind,
  nib: Schema.optionalWith(Nib, { exact: true }),
  foundedYear: Year,
  at: Schema.Date
})
/** An SME registered at a forum. */
export type SmeRegistered = typeof SmeRegistered.Type

/** An observer (an association, ministry, institution, regional service, BUMN or BUMD) attended a forum. */
export const ObserverAttended = Schema.TaggedStruct("ObserverAttended", {
  forumId: ForumId,
  name: Text,
  kind: ObserverKind,
  at: Schema.Date
})
/** An observer attended a forum. */
export type ObserverAttended = typeof ObserverAttended.Type

/** A forum opened: consultations may now take place. */
export const ForumOpened = Schema.TaggedStruct("ForumOpened", { forumId: ForumId, at: Schema.Date })
/** A forum opened. */
export type ForumOpened = typeof ForumOpened.Type

/** A forum closed: nobody registers, joins or consults any more. */
export const ForumClosed = Schema.TaggedStruct("ForumClosed", { forumId: ForumId, at: Schema.Date })
/** A forum closed. */
export type ForumClosed = typeof ForumClosed.Type

/** Figures announced with a forum's results, as reported (they may disagree with the recorded events). */
export const ReportedFigures = Schema.Struct({
  potentialValue: Schema.optionalWith(Rupiah, { exact: true }),
  smesRegistered: Schema.optionalWith(Schema.NonNegativeInt, { exact: true }),
  smesAssessed: Schema.optionalWith(Schema.NonNegativeInt, { exact: true }),
  counterparts: Schema.optionalWith(Schema.NonNegativeInt, { exact: true }),
  provinces: Schema.optionalWith(Schema.NonNegativeInt, { exact: true })
})
/** Figures announced with a forum's results. */
export type ReportedFigures = typeof ReportedFigures.Type

/** A closed forum's results were announced on a date, with the figures reported then. */
export const ForumResultsAnnounced = Schema.TaggedStruct("ForumResultsAnnounced", {
  forumId: ForumId,
  date: CalendarDate,
  announcedBy: Schema.optionalWith(Text, { exact: true }),
  reported: ReportedFigures,
  at: Schema.Date
})
/** A forum's results were announced. */
export type ForumResultsAnnounced = typeof ForumResultsAnnounced.Type

/** The event schemas of a forum's lifecycle, in catalogue order. */
export const schemas = [
  ForumScheduled,
  CounterpartJoined,
  SmeRegistered,
  ObserverAttended,
  ForumOpened,
  ForumClosed,
  ForumResultsAnnounced
] as const

/** An event of a forum's lifecycle. */
export type ForumEvent = Schema.Schema.Type<(typeof schemas)[number]>
