import { describe, expect, it } from "@effect/vitest"
import { ForumSummary, type KemitraanEvent, SupplyChain } from "@kemitraan/core"
import { CheckpointStore, EventStore, type Projection, ProjectionRunner } from "@kemitraan/eventsourcing"
import { Effect, Either, Layer } from "effect"
import * as fc from "fast-check"
import { appendAll, log } from "./world.js"

/** A projection under test and the rows that show its whole state in a fixed order. */
interface Case<S> {
  readonly projection: Projection.Projection<S, KemitraanEvent.KemitraanEvent>
  readonly rows: (state: S) => unknown
}

const stores = () => Layer.merge(EventStore.layerMemory, CheckpointStore.layerMemory)

const properties = <S>({ projection, rows }: Case<S>) =>
  describe(projection.name, () => {
    const pageSize = fc.integer({ min: 1, max: 40 })
    const commitEvery = fc.integer({ min: 1, max: 60 })
    const options = { fastCheck: { numRuns: 20 } }

    it.effect.prop(
      "a rebuild from position 0 equals catching up in any split into pages, batches and commits",
      [log, pageSize, commitEvery, fc.array(fc.nat(), { maxLength: 4 })],
      ([entries, pageSize, commitEvery, cuts]) =>
        Effect.gen(function* () {
          yield* appendAll(entries)
          const rebuilt = yield* ProjectionRunner.rebuild(projection)
          const untils = cuts.map((cut) => cut % (entries.length + 1)).sort((a, b) => a - b)
          for (const until of untils) yield* ProjectionRunner.catchUp(projection, { pageSize, commitEvery, until })
          const caughtUp = yield* ProjectionRunner.catchUp(projection, { pageSize, commitEvery })
          expect(caughtUp.position).toBe(rebuilt.position)
          expect(rows(caughtUp.state)).toEqual(rows(rebuilt.state))
          expect(caughtUp.state).toEqual(rebuilt.state)
        }).pipe(Effect.provide(stores())),
      options
    )

    it.effect.prop(
      "resuming from any checkpoint gives the same state, and folding on never changes a saved state",
      [log, pageSize, commitEvery],
      ([entries, pageSize, commitEvery]) =>
        Effect.gen(function* () {
          yield* appendAll(entries)
          const saved: Array<{ readonly position: number; readonly state: unknown; readonly json: string }> = []
          const whole = yield* ProjectionRunner.catchUp(projection, {
            pageSize,
            commitEvery,
            onCommit: ({ position, state }) =>
              Effect.sync(() => {
                const encoded = Either.getOrThrow(projection.stateCodec.encode(state))
                saved.push({ position, state: encoded, json: JSON.stringify(encoded) })
              })
          })
          const resume = (position: number, state: unknown) => {
            const checkpoints = CheckpointStore.makeMemory()
            const { name, version } = projection
            return Effect.zipRight(
              checkpoints.save({ name, version, position, state }),
              ProjectionRunner.catchUp(projection, { pageSize })
            ).pipe(Effect.provideService(CheckpointStore.CheckpointStore, checkpoints))
          }
          for (const { position, state, json } of saved) {
            expect(JSON.stringify(state)).toBe(json)
            // twice from the very same saved value: resuming must not change it either
            for (const from of [state, state, JSON.parse(json)]) {
              const resumed = yield* resume(position, from)
              expect(resumed.position).toBe(whole.position)
              expect(rows(resumed.state)).toEqual(rows(whole.state))
            }
          }
        }).pipe(Effect.provide(stores())),
      options
    )

    it.effect.prop(
      "the projection as of position p equals a rebuild over the log cut at p",
      [log, pageSize, fc.nat()],
      ([entries, pageSize, cut]) =>
        Effect.gen(function* () {
          const p = cut % (entries.length + 1)
          yield* appendAll(entries)
          const asOf = yield* ProjectionRunner.asOf(projection, p, { pageSize })
          const cutLog = yield* Effect.zipRight(
            appendAll(entries.slice(0, p)),
            ProjectionRunner.rebuild(projection)
          ).pipe(Effect.provide(stores()))
          expect(asOf.position).toBe(p)
          expect(rows(asOf.state)).toEqual(rows(cutLog.state))
          expect(asOf.state).toEqual(cutLog.state)
        }).pipe(Effect.provide(stores())),
      options
    )
  })

properties<ForumSummary.State>({ projection: ForumSummary.projection, rows: ForumSummary.rows })
properties<SupplyChain.State>({ projection: SupplyChain.projection, rows: SupplyChain.rows })
