import { describe, expect, it } from "@effect/vitest"
import { ClassAdvancement, ForumSummary, Kemitraan, Provenance, SupplyChain } from "@kemitraan/core"
import { ForumScenario, ManualClock } from "@kemitraan/core/testing"
import { EventStore, ReadModelRunner, ReadModelStore } from "@kemitraan/eventsourcing"
import { query } from "./readModel.js"
import { Effect, Either, Schema } from "effect"
import { Rupiah } from "@kemitraan/core"

/** What the accepted commands of a forum say the read models must show, recounted from the commands alone. */
const expected = (commands: ReadonlyArray<Kemitraan.Command>) => {
  const pairs = new Map<string, { readonly smeId: string; readonly counterpartId: string }>()
  const held = new Set<string>()
  const assessed = new Set<string>()
  const contracted = new Set<string>()
  const delivered = new Set<string>()
  let potentialValue = 0n
  let contractedValue = 0n
  let deliveredValue = 0n
  const registered = new Set<string>()
  const joined = new Set<string>()
  const reported = new Map<string, Map<number, number>>()
  for (const command of commands) {
    switch (command._tag) {
      case "RequestConsultation":
      case "ScheduleConsultation":
        pairs.set(command.consultationId, command)
        break
      case "RecordConsultationHeld":
        held.add(command.consultationId)
        break
      case "RecordAssessment":
        assessed.add(command.consultationId)
        potentialValue += BigInt(command.potentialValue)
        break
      case "AwardContract":
        contracted.add(command.consultationId)
        contractedValue += BigInt(command.value)
        break
      case "AcceptDelivery":
        delivered.add(command.consultationId)
        deliveredValue += BigInt(command.value)
        break
      case "RegisterSme":
        registered.add(command.smeId)
        break
      case "JoinCounterpart":
        joined.add(command.counterpartId)
        break
      case "ReportBusinessFigures":
      case "CorrectBusinessFigures": {
        const years = reported.get(command.participantId) ?? new Map<number, number>()
        reported.set(command.participantId, years.set(command.year, command.annualSales))
        break
      }
    }
  }
  const sideOf = (ids: Iterable<string>, side: "smeId" | "counterpartId") =>
    new Set([...ids].flatMap((id) => pairs.get(id)?.[side] ?? []))
  return {
    registered,
    joined,
    held,
    assessed,
    contracted,
    delivered,
    potentialValue,
    contractedValue,
    deliveredValue,
    reported,
    smesEngaged: sideOf(held, "smeId").size,
    counterpartsAssessed: sideOf(assessed, "counterpartId").size,
    integratedSmes: sideOf(delivered, "smeId").size
  }
}

/** Runs a scenario's commands a minute apart through the real handlers; every one must be accepted. */
const write = (scenario: ForumScenario.Scenario) =>
  Effect.gen(function* () {
    const clock = ManualClock.make(Date.parse(`${scenario.date}T01:00:00.000Z`))
    for (const command of scenario.commands) {
      clock.advance(60_000)
      yield* Kemitraan.handle(command).pipe(Effect.withClock(clock))
    }
  })

/** Writes a scenario through the handlers and checks every read model's figures against a recount. */
const figuresMatch = (scenario: ForumScenario.Scenario) =>
  Effect.gen(function* () {
    yield* write(scenario)
    const want = expected(scenario.commands)
    const forumId = scenario.forumId

    const summaryTables = yield* ReadModelRunner.run(ForumSummary.readModel)
    const summary = yield* query(summaryTables, ForumSummary.summary(forumId))
    expect(summary).toMatchObject({
      smesRegistered: want.registered.size,
      counterpartsJoined: want.joined.size,
      smesEngaged: want.smesEngaged,
      counterpartsAssessed: want.counterpartsAssessed,
      consultationsHeld: want.held.size,
      assessments: want.assessed.size,
      potentialValue: want.potentialValue
    })

    const supply = yield* ReadModelRunner.run(SupplyChain.readModel)
    expect(yield* query(supply, SupplyChain.funnel({ forumId }))).toMatchObject({
      consulted: want.held.size,
      assessed: want.assessed.size,
      contracted: want.contracted.size,
      delivered: want.delivered.size,
      potentialValue: want.potentialValue,
      contractedValue: want.contractedValue,
      deliveredValue: want.deliveredValue,
      integratedSmes: want.integratedSmes
    })

    const classes = yield* ReadModelRunner.run(ClassAdvancement.readModel)
    const inClasses = <A, E>(query: Effect.Effect<A, E, ReadModelStore.ReadModelStore>) =>
      Effect.provideService(query, ReadModelStore.ReadModelStore, classes)
    expect((yield* inClasses(ClassAdvancement.cohort(forumId)))?.smes ?? 0).toBe(want.registered.size)
    for (const [participantId, years] of want.reported) {
      const history = yield* inClasses(ClassAdvancement.history(participantId))
      const sales = new Map(history?.years.map((year) => [year.year, year.annualSales]))
      expect(sales).toEqual(years)
    }
    return [summaryTables, supply, classes] as const
  })

/** The fields of commands that hold one amount of rupiah. */
const amountFields = ["potentialValue", "value", "annualSales", "businessCapital"]

const decodeCommand = Schema.decodeUnknownSync(Kemitraan.Command)
const encodeCommand = Schema.encodeSync(Kemitraan.Command)

/**
 * The scenario with every amount multiplied by one factor, the largest that keeps every amount at
 * most `Rupiah.max`, so the commands stay valid (deliveries still fit their contracts), and every
 * potential the largest a command takes: a forum's sums go past 2^53 from ten assessments.
 */
const scaledUp = (scenario: ForumScenario.Scenario): ForumScenario.Scenario => {
  const fieldsOf = (command: Kemitraan.Command): Record<string, unknown> => ({ ...encodeCommand(command) })
  const amounts = scenario.commands.flatMap((command) => {
    const fields = fieldsOf(command)
    return amountFields.flatMap((field) => (typeof fields[field] === "number" ? [fields[field]] : []))
  })
  const factor = Math.floor(Rupiah.max / Math.max(1, ...amounts))
  const commands = scenario.commands.map((command) => {
    const fields = fieldsOf(command)
    for (const field of amountFields) {
      const amount = fields[field]
      if (typeof amount === "number") fields[field] = amount * factor
    }
    // Potentials bound nothing else: each is the largest, so ten assessments already pass 2^53.
    if (typeof fields["potentialValue"] === "number") fields["potentialValue"] = Rupiah.max
    return decodeCommand(fields)
  })
  return { ...scenario, commands }
}

describe("read models of logs written by the real command handlers", () => {
  it.effect.prop(
    "every figure equals a recount of the accepted commands",
    [ForumScenario.consistent({ smes: { min: 1, max: 12 }, counterparts: { min: 1, max: 4 } })],
    ([scenario]) => figuresMatch(scenario).pipe(Effect.asVoid, Effect.provide(EventStore.layerMemory)),
    { fastCheck: { numRuns: 25 } }
  )

  it.effect.prop(
    "no sequence of valid commands makes a read model fail: every amount scaled up to the largest a command takes, sums past 2^53 (from ten assessments) stay exact and every row encodes",
    [ForumScenario.consistent({ smes: { min: 4, max: 12 }, counterparts: { min: 2, max: 4 } })],
    ([scenario]) =>
      Effect.gen(function* () {
        const large = scaledUp(scenario)
        const stores = yield* figuresMatch(large)
        const models = [ForumSummary.readModel, SupplyChain.readModel, ClassAdvancement.readModel]
        for (const [i, model] of models.entries()) {
          for (const table of model.tables) {
            const rows = yield* query(stores[i]!, ReadModelStore.list(table))
            for (const row of rows) expect(Either.isRight(table.encodeRow(row))).toBe(true)
          }
        }
      }).pipe(Effect.provide(EventStore.layerMemory)),
    { fastCheck: { numRuns: 15 } }
  )

  it.effect.prop(
    "no mix of accepted and refused commands makes a read model fail: adversarial forums (corrections and voids of standing and unknown records, late provinces) scaled to the largest amounts, each command the handlers accept folds, and every row of every read model encodes",
    [ForumScenario.adversarial({ smes: { min: 2, max: 8 }, counterparts: { min: 1, max: 3 } })],
    ([scenario]) =>
      Effect.gen(function* () {
        const clock = ManualClock.make(Date.parse(`${scenario.date}T01:00:00.000Z`))
        let accepted = 0
        for (const command of scaledUp(scenario).commands) {
          clock.advance(60_000)
          const outcome = yield* Effect.either(Kemitraan.handle(command).pipe(Effect.withClock(clock)))
          if (Either.isRight(outcome)) accepted++
        }
        expect(accepted).toBeGreaterThan(0)
        for (const model of [
          ForumSummary.readModel,
          SupplyChain.readModel,
          ClassAdvancement.readModel,
          Provenance.readModel
        ]) {
          const store = yield* ReadModelRunner.run(model)
          for (const table of model.tables) {
            const rows = yield* query(store, ReadModelStore.list(table))
            for (const row of rows) expect(Either.isRight(table.encodeRow(row))).toBe(true)
          }
        }
      }).pipe(Effect.provide(EventStore.layerMemory)),
    { fastCheck: { numRuns: 15 } }
  )
})
