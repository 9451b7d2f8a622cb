/**
 * Folds the synthetic national programme of `@kemitraan/core/testing` through the read models in memory and prints events
 * per second. The whole-state model (ClassAdvancement) is folded alone, beside a trivial counting
 * fold over the same events, the baseline measured in the same run; then the store path on a
 * sample of the log, where each stored event is first decoded through the domain's catalogue; then
 * its typical queries and the cost of a checkpoint of its state. The read models as tables
 * (ForumSummary, SupplyChain) are run by `ReadModelRunner` from an in-memory event store into an
 * in-memory table store, and their typical queries timed there.
 *
 * Rates are events per wall-clock second of the median of the runs, with the fastest run beside
 * it, and events per CPU-second of the median run: this process's CPU time only (garbage
 * collection threads included), which tells a busy machine from slow code.
 *
 * Usage (the bench runs the built packages):
 *   npx tsc -b tsconfig.build.json && npx tsx packages/core/bench/projections.ts [--smes 93600] [--runs 5] [--sample 10]
 * The last line of output is one JSON object with the figures.
 */
import { loadavg } from "node:os"
import { ClassAdvancement, ForumSummary, KemitraanEvent, SupplyChain } from "@kemitraan/core"
import {
  EventStore,
  ExpectedVersion,
  Projection,
  ProjectionRunner,
  ReadModelRunner,
  ReadModelStore,
  type RecordedEvent
} from "@kemitraan/eventsourcing"
import { Effect, Either, Schema } from "effect"
import { generate } from "./log.js"

type Event = KemitraanEvent.KemitraanEvent
type Recorded = RecordedEvent.RecordedEvent<Event>
type Stored = RecordedEvent.StoredEvent

const option = (name: string, fallback: number): number => {
  const index = process.argv.indexOf(`--${name}`)
  return index === -1 ? fallback : Number(process.argv[index + 1])
}
const smes = option("smes", 93_600)
const runs = option("runs", 5)
const sampleEvery = option("sample", 10)

/** The baseline: a fold that only counts the events it is given. */
const counting = Projection.make({
  name: "Counting",
  version: 1,
  catalog: KemitraanEvent.KemitraanEvents,
  initialState: () => ({ events: 0 }),
  evolve: (state: { events: number }) => {
    state.events += 1
    return state
  },
  stateSchema: Schema.mutable(Schema.Struct({ events: Schema.Number }))
})

/** One projection's fold, behind a type-free face so that different states can sit in one list. */
interface Folder {
  readonly name: string
  /** Folds decoded events from a fresh state, skipping the types it does not read, as the runner does. */
  readonly fold: (events: ReadonlyArray<Recorded>) => void
  /** Folds stored events from a fresh state with the runner's own fold, decoding what it reads. */
  readonly foldStored: (events: ReadonlyArray<Stored>) => void
}

const folder = <S>(projection: Projection.Projection<S, Event>): Folder => {
  const types = new Set<string>(projection.eventTypes ?? projection.catalog.types)
  return {
    name: projection.name,
    fold: (events) => {
      let state = projection.initialState()
      for (const event of events) if (types.has(event.type)) state = projection.evolve(state, event)
    },
    foldStored: (events) => {
      const folded = ProjectionRunner.foldStored(projection, { state: projection.initialState(), position: 0 }, events)
      if (Either.isLeft(folded)) throw new Error(`${projection.name}: ${folded.left.reason}`)
    }
  }
}

/** Milliseconds of the median run (wall-clock and CPU) and of the fastest run (wall-clock). */
interface Timing {
  readonly wall: number
  readonly cpu: number
  readonly best: number
}

/** Times `runs` runs after one warm-up run. */
const time = (run: () => void): Timing => {
  run()
  const timings: Array<{ readonly wall: number; readonly cpu: number }> = []
  for (let i = 0; i < runs; i++) {
    const cpu = process.cpuUsage()
    const start = performance.now()
    run()
    const used = process.cpuUsage(cpu)
    timings.push({ wall: performance.now() - start, cpu: (used.user + used.system) / 1000 })
  }
  timings.sort((a, b) => a.wall - b.wall)
  const median = timings[Math.floor(timings.length / 2)] ?? { wall: Number.NaN, cpu: Number.NaN }
  return { ...median, best: timings[0]?.wall ?? Number.NaN }
}

const fmt = (n: number): string => Math.round(n).toLocaleString("en-US")
const load = (): string => loadavg()[0]?.toFixed(1) ?? "?"

const figures: Record<string, number> = {}

/**
 * Prints and records a rate: events per second of the median run, against a baseline; then per
 * second of the fastest run and per CPU-second of the median run.
 */
const report = (label: string, events: number, timing: Timing, baseline?: number): number => {
  const rate = (events / timing.wall) * 1000
  figures[label] = Math.round(rate)
  const ratio = baseline === undefined ? "" : `${(rate / baseline).toFixed(2)}x`
  const best = fmt((events / timing.best) * 1000)
  const cpu = fmt((events / timing.cpu) * 1000)
  console.log(
    `${label.padEnd(46)} ${fmt(rate).padStart(11)} ${ratio.padStart(6)} ${best.padStart(11)} ${cpu.padStart(11)}`
  )
  return rate
}

const heading = (title: string) => {
  console.log(`\n${title}`)
  console.log(
    `${"".padEnd(46)} ${"events/s".padStart(11)} ${"ratio".padStart(6)} ${"best run".padStart(11)} ${"per CPU-s".padStart(11)}`
  )
}

const decoded = (events: ReadonlyArray<Recorded>): void => {
  const n = events.length
  heading("Decoded events (RecordedEvent), folded with evolve; ratio to the counting fold:")
  const base = report(
    "baseline: counting fold",
    n,
    time(() => folder(counting).fold(events))
  )
  const classes = folder(ClassAdvancement.projection)
  report(
    classes.name,
    n,
    time(() => classes.fold(events)),
    base
  )
}

const storePath = (events: ReadonlyArray<Recorded>): void => {
  const sample = events.filter((_, i) => i % sampleEvery === 0)
  const stored: Array<Stored> = sample.map((recorded) => {
    const encoded = Either.getOrThrow(KemitraanEvent.KemitraanEvents.encode(recorded.event))
    return { ...recorded, type: encoded.type, data: JSON.parse(JSON.stringify(encoded.data)) }
  })
  const n = stored.length
  console.log(
    `\nStored events (every ${sampleEvery}th, ${fmt(n)}), decoded through the catalogue by the runner's fold:`
  )
  const decodeAll = () => stored.forEach((event) => KemitraanEvent.KemitraanEvents.decode(event))
  const base = report("baseline: decode every event", n, time(decodeAll))
  const classes = folder(ClassAdvancement.projection)
  report(
    `${classes.name}, decoding the types it reads`,
    n,
    time(() => classes.foldStored(stored)),
    base
  )
}

const foldWhole = <S>(projection: Projection.Projection<S, Event>, events: ReadonlyArray<Recorded>): S => {
  const types = new Set<string>(projection.eventTypes ?? projection.catalog.types)
  let state = projection.initialState()
  for (const event of events) if (types.has(event.type)) state = projection.evolve(state, event)
  return state
}

const show = (label: string, millis: number, unit = "ms") =>
  console.log(`${label.padEnd(48)} ${millis.toFixed(unit === "ms" ? 3 : 1).padStart(11)} ${unit}`)

/** Times the typical queries (median of runs) and one checkpoint of each state. */
const queries = (events: ReadonlyArray<Recorded>): void => {
  console.log("\nQueries on the whole-state read model of the whole log:")
  const classes = foldWhole(ClassAdvancement.projection, events)
  const median = (label: string, run: () => unknown) => show(label, time(() => void run()).wall)
  median("ClassAdvancement.history(sme-7)", () => ClassAdvancement.history(classes, "sme-7"))
  median("ClassAdvancement.cohort(forum-0)", () => ClassAdvancement.cohort(classes, "forum-0"))
  median("ClassAdvancement.rows (every table)", () => ClassAdvancement.rows(classes))

  console.log("\nA checkpoint of each state: encoded with its schema to JSON, and back:")
  const checkpoint = <S>(projection: Projection.Projection<S, Event>, state: S) => {
    let json = ""
    const save = time(() => void (json = JSON.stringify(Either.getOrThrow(projection.stateCodec.encode(state)))))
    const restore = time(() => void Either.getOrThrow(projection.stateCodec.decode(JSON.parse(json))))
    show(`${projection.name}: save`, save.wall)
    show(`${projection.name}: restore`, restore.wall)
    show(`${projection.name}: size`, json.length / 1e6, "MB")
  }
  checkpoint(ClassAdvancement.projection, classes)
}

/** An in-memory event store holding the log, appended stream by stream. */
const storeOf = (events: ReadonlyArray<Recorded>) =>
  Effect.gen(function* () {
    const store = yield* EventStore.EventStore
    const streams = new Map<string, Array<Event>>()
    for (const { streamId, event } of events) streams.set(streamId, [...(streams.get(streamId) ?? []), event])
    for (const [streamId, stream] of streams) {
      yield* EventStore.appendEvents(KemitraanEvent.KemitraanEvents, streamId, ExpectedVersion.any, stream)
    }
    return store
  }).pipe(Effect.provide(EventStore.layerMemory))

/** Runs the read models as tables over the log, in memory, and times their typical queries. */
const tables = (events: ReadonlyArray<Recorded>) =>
  Effect.gen(function* () {
    const eventStore = yield* storeOf(events)
    console.log("\nRead models as tables, run from an in-memory event store into in-memory tables:")
    const timed = <A, E>(
      label: string,
      effect: Effect.Effect<A, E, ReadModelStore.ReadModelStore>,
      store: ReadModelStore.ReadModelStore
    ) =>
      Effect.gen(function* () {
        const start = performance.now()
        const result = yield* Effect.provideService(effect, ReadModelStore.ReadModelStore, store)
        show(label, performance.now() - start)
        return result
      })
    for (const model of [ForumSummary.readModel, SupplyChain.readModel]) {
      const start = performance.now()
      const store = yield* Effect.provideService(ReadModelRunner.run(model), EventStore.EventStore, eventStore)
      report(`${model.name}, ReadModelRunner.run`, events.length, {
        wall: performance.now() - start,
        cpu: Number.NaN,
        best: Number.NaN
      })
      if (model === ForumSummary.readModel) {
        yield* timed("ForumSummary.summary(forum-0)", ForumSummary.summary("forum-0"), store)
        yield* timed("ForumSummary.summaries (every forum)", ForumSummary.summaries, store)
      } else {
        yield* timed("SupplyChain.pair(sme-7, cp-3)", SupplyChain.pair("sme-7", "cp-3"), store)
        yield* timed(
          "SupplyChain.funnelBy(counterpart, { forum-0 })",
          SupplyChain.funnelBy("counterpart", { forumId: "forum-0" }),
          store
        )
        yield* timed("SupplyChain.funnel() (whole programme)", SupplyChain.funnel(), store)
      }
    }
  })

const main = async (): Promise<void> => {
  const loadBefore = load()
  const started = performance.now()
  const events = generate(smes)
  console.log(
    `${fmt(events.length)} events for ${fmt(smes)} SMEs, generated in ${fmt(performance.now() - started)} ms; median of ${runs} runs; load average ${loadBefore}`
  )
  decoded(events)
  storePath(events)
  queries(events)
  await Effect.runPromise(tables(events))
  console.log(`\nload average ${load()}`)
  console.log(JSON.stringify({ events: events.length, smes, runs, load: loadavg(), eventsPerSecond: figures }))
}

void main()
