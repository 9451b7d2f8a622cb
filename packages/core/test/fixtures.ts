import {
  Assessment,
  CalendarDate,
  Consultation,
  Directory,
  Forum,
  ForumState,
  Kbli,
  type Kemitraan,
  KemitraanEvent,
  Nib,
  Participant,
  Rupiah
} from "@kemitraan/core"
import { Decider } from "@kemitraan/eventsourcing"
import { Effect, Layer } from "effect"
import type { ForumEvent, ParticipantEvent, ConsultationEvent } from "@kemitraan/core"

/** The forum day, 09:00 in Jakarta. */
export const forumDay = Date.parse("2022-11-24T02:00:00.000Z")
/** A minute. */
export const minute = 60_000

export const forumId = Forum.ScheduleForum.fields.forumId.make("forum-2022")
export const smeId = Participant.EnrolSme.fields.participantId.make("sme-1")
export const otherSmeId = Participant.EnrolSme.fields.participantId.make("sme-2")
export const counterpartId = Participant.EnrolSme.fields.participantId.make("pt-inka")
export const otherCounterpartId = Participant.EnrolSme.fields.participantId.make("pt-pindad")
export const consultationId = Consultation.RequestConsultation.fields.consultationId.make("c-1")

/** The NIB of the enrolled SMEs, unless they are informal. */
export const smeNib = Nib.make("0220000012345")

export const enrolSme = (participantId = smeId, options: { readonly informal?: boolean } = {}): Participant.EnrolSme =>
  Participant.EnrolSme.make({
    participantId,
    legalName: "CV Maju Teknik",
    ...(options.informal === true ? {} : { nib: smeNib }),
    province: "35",
    kbli: Kbli.make("28299"),
    kind: "IKM",
    foundedYear: 2015
  })

export const enrolCounterpart = (participantId = counterpartId): Participant.EnrolCounterpart =>
  Participant.EnrolCounterpart.make({ participantId, legalName: "PT Industri Kereta Api (Persero)", kind: "BUMN" })

export const scheduleForum = Forum.ScheduleForum.make({
  forumId,
  title: "Forum Kemitraan UKM/IKM dengan BUMN dan Usaha Besar",
  date: CalendarDate.make("2022-11-24"),
  venue: "Gedung Smesco, Jakarta",
  organiser: "Kementerian Koperasi dan UKM",
  coOrganisers: ["Kementerian BUMN", "Kementerian Perindustrian", "Kementerian Investasi/BKPM"]
})

export const rupiah = Rupiah.make

export const spareParts = "machine components and spare parts"

export const joinCounterpart = (id = counterpartId): Forum.JoinCounterpart =>
  Forum.JoinCounterpart.make({ forumId, counterpartId: id, needs: [{ category: spareParts }] })

export const registerSme = (id = smeId): Forum.RegisterSme => Forum.RegisterSme.make({ forumId, smeId: id })

export const requestConsultation = (
  id = consultationId,
  sme = smeId,
  counterpart = counterpartId
): Consultation.RequestConsultation =>
  Consultation.RequestConsultation.make({ forumId, consultationId: id, smeId: sme, counterpartId: counterpart })

export const held = (id = consultationId): Consultation.RecordConsultationHeld =>
  Consultation.RecordConsultationHeld.make({ forumId, consultationId: id })

export const recordAssessment = (potentialValue = 1_500_000_000): Assessment.RecordAssessment =>
  Assessment.RecordAssessment.make({
    forumId,
    consultationId,
    category: "bogie spare parts",
    need: spareParts,
    potentialValue: Rupiah.make(potentialValue),
    readiness: { certificates: ["ISO9001"], tkdnPercent: 45 }
  })

/** Events of streams as they would be stored, the time of each given explicitly. */
export const at = (offsetMinutes: number): Date => new Date(forumDay + offsetMinutes * minute)

const foldParticipant = (events: ReadonlyArray<ParticipantEvent.ParticipantEvent>) =>
  Decider.fold(Participant.decider, events)

const foldForum = (events: ReadonlyArray<ForumEvent.ForumEvent | ConsultationEvent.ConsultationEvent>) =>
  Decider.fold({ initialState: ForumState.initialState, evolve: ForumState.evolve }, events)

/** A directory over fixed histories, for specifications of deciders that look other streams up. */
export const directoryOf = (histories: {
  readonly participants?: ReadonlyArray<ParticipantEvent.ParticipantEvent> | undefined
  readonly forum?: ReadonlyArray<ForumEvent.ForumEvent | ConsultationEvent.ConsultationEvent> | undefined
}): Layer.Layer<Directory.Directory> =>
  Layer.succeed(
    Directory.Directory,
    Directory.Directory.of({
      participant: (participantId) =>
        Effect.succeed(
          foldParticipant((histories.participants ?? []).filter((event) => event.participantId === participantId))
        ),
      forum: (id) => Effect.succeed(foldForum((histories.forum ?? []).filter((event) => event.forumId === id)))
    })
  )

/** Stream names, re-exported for readability. */
export const { forumStream, participantStream, assessmentStream } = KemitraanEvent

/** Events as a stream would hold them, minutes before the forum day's clock. */
export const events = {
  smeEnrolled: (
    participantId = smeId,
    options: { readonly informal?: boolean } = {}
  ): ParticipantEvent.SmeEnrolled => ({
    ...enrolSme(participantId, options),
    _tag: "SmeEnrolled",
    at: at(-10_000)
  }),
  counterpartEnrolled: (participantId = counterpartId): ParticipantEvent.CounterpartEnrolled => ({
    ...enrolCounterpart(participantId),
    _tag: "CounterpartEnrolled",
    at: at(-10_000)
  }),
  forumScheduled: { ...scheduleForum, _tag: "ForumScheduled", at: at(-5_000) } satisfies ForumEvent.ForumScheduled,
  counterpartJoined: (id = counterpartId): ForumEvent.CounterpartJoined => ({
    _tag: "CounterpartJoined",
    forumId,
    counterpartId: id,
    legalName: "PT Industri Kereta Api (Persero)",
    kind: "BUMN",
    needs: [{ category: spareParts }],
    at: at(-4_000)
  }),
  smeRegistered: (id = smeId): ForumEvent.SmeRegistered => {
    const { _tag, participantId, ...profile } = enrolSme(id)
    return { _tag: "SmeRegistered", forumId, smeId: participantId, ...profile, at: at(-3_000) }
  },
  forumOpened: { _tag: "ForumOpened", forumId, at: at(-60) } satisfies ForumEvent.ForumOpened,
  forumClosed: { _tag: "ForumClosed", forumId, at: at(-30) } satisfies ForumEvent.ForumClosed,
  consultationRequested: (
    id = consultationId,
    sme = smeId,
    counterpart = counterpartId
  ): ConsultationEvent.ConsultationRequested => ({
    ...requestConsultation(id, sme, counterpart),
    _tag: "ConsultationRequested",
    at: at(-50)
  }),
  consultationHeld: (
    id = consultationId,
    sme = smeId,
    counterpart = counterpartId
  ): ConsultationEvent.ConsultationHeld => ({
    _tag: "ConsultationHeld",
    forumId,
    consultationId: id,
    smeId: sme,
    counterpartId: counterpart,
    at: at(-40)
  })
}

/** A forum that is open, with one SME registered and one counterpart joined. */
export const openForum = [events.forumScheduled, events.counterpartJoined(), events.smeRegistered(), events.forumOpened]

/** The commands that bring about an open forum like {@link openForum}, from the enrolments on. */
export const commandsToOpenForum: ReadonlyArray<Kemitraan.Command> = [
  enrolSme(),
  enrolCounterpart(),
  scheduleForum,
  joinCounterpart(),
  registerSme(),
  { _tag: "OpenForum", forumId }
]

/** The participants of {@link openForum}. */
export const participants = [events.smeEnrolled(), events.counterpartEnrolled()]

/** A participant id nobody enrolled. */
export const unknownId = Participant.EnrolSme.fields.participantId.make("nobody")

/** The directory service, for the requirements of specifications. */
export type DirectoryService = Directory.Directory
