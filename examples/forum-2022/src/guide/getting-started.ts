import { ForumSummary, Kemitraan, Rupiah } from "@kemitraan/core"
import { EventStore, ReadModelRunner, ReadModelStore } from "@kemitraan/eventsourcing"
import { SqliteStore } from "@kemitraan/sqlite"
import { Console, Effect } from "effect"

const forumId = "forum-kemitraan-2022-11-24"
const category = "Machine components and spare parts"

// Commands as plain JSON, the way a form, an API or an import script sends them.
const commands: ReadonlyArray<unknown> = [
  {
    _tag: "ScheduleForum",
    forumId,
    title: "Forum Kemitraan UKM/IKM dengan BUMN dan Usaha Besar",
    date: "2022-11-24",
    venue: "Gedung Smesco, Jakarta",
    organiser: "KemenKopUKM",
    coOrganisers: ["Kementerian BUMN", "Kemenperin", "Kementerian Investasi/BKPM"]
  },
  { _tag: "EnrolCounterpart", participantId: "inka", legalName: "PT INKA (Persero)", kind: "BUMN" },
  { _tag: "JoinCounterpart", forumId, counterpartId: "inka", needs: [{ category }] },
  {
    _tag: "EnrolSme",
    participantId: "sme-0001",
    legalName: "CV Presisi Logam Madiun",
    nib: "9120001234567",
    province: "35",
    kbli: "28113",
    kind: "IKM",
    foundedYear: 2014
  },
  { _tag: "RegisterSme", forumId, smeId: "sme-0001" },
  { _tag: "OpenForum", forumId },
  {
    _tag: "ScheduleConsultation",
    forumId,
    consultationId: "cons-0001",
    smeId: "sme-0001",
    counterpartId: "inka",
    slot: "2022-11-24T09:00:00+07:00"
  },
  { _tag: "RecordConsultationHeld", forumId, consultationId: "cons-0001" },
  {
    _tag: "RecordAssessment",
    forumId,
    consultationId: "cons-0001",
    category,
    need: category,
    potentialValue: 1_500_000_000,
    readiness: { certificates: ["ISO9001"], tkdnPercent: 62 }
  },
  { _tag: "CloseForum", forumId }
]

const program = Effect.gen(function* () {
  // Each command is decoded with its schema, then handled. Its id makes sending it again a no-op.
  for (const [i, command] of commands.entries()) {
    yield* Kemitraan.handleUnknown(command, { commandId: `getting-started-${i + 1}` })
  }
  // A read model: its tables in the same file, caught up with the log, with their checkpoint.
  yield* ReadModelStore.createTables([ForumSummary.readModel])
  yield* ReadModelRunner.catchUp(ForumSummary.readModel)
  const summary = yield* ForumSummary.summary(forumId)
  const events = yield* Effect.flatMap(EventStore.EventStore, (store) => store.headPosition)
  yield* Console.log(`${summary?.title}, ${summary?.date}: ${summary?.status}`)
  yield* Console.log(`  ${summary?.smesRegistered} SME, ${summary?.assessments} assessment`)
  yield* Console.log(`  potential ${Rupiah.format(summary?.potentialValue ?? Rupiah.zeroTotal)}`)
  yield* Console.log(`  largest: ${summary?.topCategory?.category}, for ${summary?.topCategory?.counterpart.legalName}`)
  yield* Console.log(`${events} events in forum.sqlite`)
})

await Effect.runPromise(program.pipe(Effect.provide(SqliteStore.layer({ filename: "forum.sqlite" }))))
