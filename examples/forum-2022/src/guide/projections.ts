import { ClassAdvancement, ForumSummary, KemitraanEvent, SupplyChain } from "@kemitraan/core"
import { EventStore, ReadModelRunner, ReadModelStore } from "@kemitraan/eventsourcing"
import { SqliteStore } from "@kemitraan/sqlite"
import { Console, Effect } from "effect"

const forumId = "forum-kemitraan-2022-11-24"
const models = [ForumSummary.readModel, ClassAdvancement.readModel, SupplyChain.readModel]

const program = Effect.gen(function* () {
  // The tables that do not exist yet; then each model from its checkpoint to the end of the log.
  yield* ReadModelStore.createTables(models)
  for (const model of models) yield* ReadModelRunner.catchUp(model)
  // Queries are Effects that read the tables.
  const summary = yield* ForumSummary.summary(forumId)
  const cohort = yield* ClassAdvancement.cohort(forumId)
  const funnel = yield* SupplyChain.funnel({ forumId })
  const inka = yield* SupplyChain.funnel({ forumId, counterpartId: "inka" })
  yield* Console.log(
    `${summary?.smesRegistered} SMEs from ${summary?.provinces} provinces, ${summary?.assessments} assessments`
  )
  yield* Console.log(`naik kelas: ${cohort?.advanced} of ${cohort?.measured} measured SMEs advanced a class`)
  yield* Console.log(
    `funnel: ${funnel.consulted} consulted, ${funnel.contracted} contracted, ${funnel.delivered} delivered`
  )
  yield* Console.log(`  with PT INKA: ${inka.consulted} consulted, ${inka.delivered} delivered`)
  // Time travel: the funnel as the log stood when the forum closed, folded into memory.
  const forum = yield* Effect.flatMap(EventStore.EventStore, (store) =>
    store.readStream(KemitraanEvent.forumStream(forumId))
  )
  const closed = forum.find((event) => event.type === "ForumClosed")?.position ?? 0
  const then = yield* ReadModelRunner.asOf(SupplyChain.readModel, closed)
  const before = yield* Effect.provideService(SupplyChain.funnel({ forumId }), ReadModelStore.ReadModelStore, then)
  yield* Console.log(`when the forum closed (position ${closed}): ${before.contracted} contracted`)
})

await Effect.runPromise(program.pipe(Effect.provide(SqliteStore.layer({ filename: "forum-2022.sqlite" }))))
