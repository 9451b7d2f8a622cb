/**
 * Folds the synthetic national programme of `@kemitraan/core/testing` through the three read models in memory and prints events
 * per second: each read model alone and all three, beside a trivial counting fold over the same
 * events, the baseline measured in the same run. Then the store path on a sample of the log, where
 * each stored event is first decoded through the domain's catalogue; then the typical queries and
 * the cost of a checkpoint of each state. Target: all three at least 1,000,000 events/s on
 * already-decoded events.
 *
 * ClassAdvancement is a read model as tables now (`ClassAdvancement.readModel`): it is no longer
 * among these in-memory folds ("all three" counts the two left), and has no state to checkpoint.
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
import { ForumSummary, KemitraanEvent, SupplyChain } from "@kemitraan/core"
import { Projection, ProjectionRunner, type RecordedEvent } from "@kemitraan/eventsourcing"
import { Either, Schema } from "effect"
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

const summaryTypes = new Set<string>(ForumSummary.eventTypes)
const supplyTypes = new Set<string>(SupplyChain.eventTypes)

/** All three read models as one projection: one pass over the log, each event decoded once. */
const allThree = Projection.make({
  name: "AllThree",
  version: 1,
  catalog: KemitraanEvent.KemitraanEvents,
  eventTypes: [...new Set([...ForumSummary.eventTypes, ...SupplyChain.eventTypes])],
  initialState: () => ({
    summary: ForumSummary.initialState(),
    supply: SupplyChain.initialState()
  }),
  evolve: (state, event) => {
    if (summaryTypes.has(event.type)) ForumSummary.evolve(state.summary, event)
    if (supplyTypes.has(event.type)) SupplyChain.evolve(state.supply, event)
    return state
  },
  stateSchema: Schema.Struct({
    summary: ForumSummary.State,
    supply: SupplyChain.State
  })
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
  const three = [folder(ForumSummary.projection), folder(SupplyChain.projection)]
  const timings = three.map((f) => time(() => f.fold(events)))
  three.forEach((f, i) => {
    const timing = timings[i]
    if (timing !== undefined) report(f.name, n, timing, base)
  })
  const sum = timings.reduce(
    (total, t) => ({ wall: total.wall + t.wall, cpu: total.cpu + t.cpu, best: total.best + t.best }),
    {
      wall: 0,
      cpu: 0,
      best: 0
    }
  )
  report("all three, one fold after another", n, sum, base)
  report(
    "all three, one pass",
    n,
    time(() => folder(allThree).fold(events)),
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
  for (const f of [folder(ForumSummary.projection), folder(SupplyChain.projection)]) {
    report(
      `${f.name}, decoding the types it reads`,
      n,
      time(() => f.foldStored(stored)),
      base
    )
  }
  const together = folder(allThree)
  report(
    "all three, one pass, each event decoded once",
    n,
    time(() => together.foldStored(stored)),
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
  console.log("\nQueries on the read models of the whole log:")
  const summaries = foldWhole(ForumSummary.projection, events)
  const supply = foldWhole(SupplyChain.projection, events)
  const median = (label: string, run: () => unknown) => show(label, time(() => void run()).wall)
  median("ForumSummary.summary(forum-0)", () => ForumSummary.summary(summaries, "forum-0"))
  median("ForumSummary.summaries (every forum)", () => ForumSummary.summaries(summaries))
  median("SupplyChain.pair(sme-7, cp-3)", () => SupplyChain.pair(supply, "sme-7", "cp-3"))
  median("SupplyChain.funnelBy(counterpart, { forum-0 })", () =>
    SupplyChain.funnelBy(supply, "counterpart", { forumId: "forum-0" })
  )
  median("SupplyChain.funnel() (whole programme)", () => SupplyChain.funnel(supply))
  median("SupplyChain.rows (every table)", () => SupplyChain.rows(supply))

  console.log("\nA checkpoint of each state: encoded with its schema to JSON, and back:")
  const checkpoint = <S>(projection: Projection.Projection<S, Event>, state: S) => {
    let json = ""
    const save = time(() => void (json = JSON.stringify(Either.getOrThrow(projection.stateCodec.encode(state)))))
    const restore = time(() => void Either.getOrThrow(projection.stateCodec.decode(JSON.parse(json))))
    show(`${projection.name}: save`, save.wall)
    show(`${projection.name}: restore`, restore.wall)
    show(`${projection.name}: size`, json.length / 1e6, "MB")
  }
  checkpoint(ForumSummary.projection, summaries)
  checkpoint(SupplyChain.projection, supply)
}

const main = (): void => {
  const loadBefore = load()
  const started = performance.now()
  const events = generate(smes)
  console.log(
    `${fmt(events.length)} events for ${fmt(smes)} SMEs, generated in ${fmt(performance.now() - started)} ms; median of ${runs} runs; load average ${loadBefore}`
  )
  decoded(events)
  storePath(events)
  queries(events)
  const onePass = figures["all three, one pass"] ?? 0
  console.log(`\nload average ${load()}`)
  console.log(`target: all three at least 1,000,000 events/s in one pass: ${onePass >= 1_000_000 ? "met" : "NOT met"}`)
  console.log(JSON.stringify({ events: events.length, smes, runs, load: loadavg(), eventsPerSecond: figures }))
}

main()
