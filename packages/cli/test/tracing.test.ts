/**
 * The kernel's spans, exported through @effect/opentelemetry to an in-memory exporter: command
 * handling with its stream, command type, event count and positions; appends and stream reads
 * made outside a command; log reads and read-model commits with the model and the checkpoint. The
 * same spans to a file (`--trace-file`) and to an OTLP/HTTP endpoint (`--otlp-endpoint`, a server of
 * the test's own on the loopback address).
 */
import { describe, expect, it } from "@effect/vitest"
import { ForumSummary, Kemitraan, KemitraanEvent } from "@kemitraan/core"
import { EventStore, ExpectedVersion, ReadModelRunner, ReadModelStore } from "@kemitraan/eventsourcing"
import { SqliteStore } from "@kemitraan/sqlite"
import { InMemorySpanExporter, type ReadableSpan } from "@opentelemetry/sdk-trace-base"
import { Effect, Either, Layer } from "effect"
import * as fs from "node:fs"
import * as http from "node:http"
import * as os from "node:os"
import * as path from "node:path"
import * as Tracing from "../src/Tracing.js"

const enrol = (participantId: string): Kemitraan.Command =>
  Either.getOrThrow(
    Kemitraan.decodeCommand({
      _tag: "EnrolSme",
      participantId,
      legalName: "CV Maju Bersama",
      province: "32",
      kbli: "10792",
      kind: "UKM",
      foundedYear: 2015
    })
  )

const named = (spans: ReadonlyArray<ReadableSpan>, name: string) => spans.filter((span) => span.name === name)

const work = Effect.gen(function* () {
  yield* Kemitraan.handle(enrol("sme-trace-1"), { commandId: "trace/1" })
  yield* Kemitraan.handle(enrol("sme-trace-2"), { commandId: "trace/2" })
  // An append and a read outside any command, as an application's own code makes them.
  const [first] = yield* EventStore.readStreamEvents(KemitraanEvent.ParticipantEvents, "Participant-sme-trace-1")
  if (first !== undefined) {
    yield* EventStore.appendEvents(
      KemitraanEvent.ParticipantEvents,
      "Participant-sme-trace-1",
      ExpectedVersion.exact(1),
      [first.event]
    )
  }
  yield* ReadModelStore.createTables([ForumSummary.readModel])
  yield* ReadModelRunner.catchUp(ForumSummary.readModel)
})

describe("spans through OpenTelemetry", () => {
  it.live("command handling, appends, reads and read-model commits carry stream, type, counts and positions", () =>
    Effect.gen(function* () {
      const exporter = new InMemorySpanExporter()
      // Read before the layer is released: shutting the exporter down empties it.
      const spans = yield* work.pipe(
        Effect.provide(SqliteStore.layerMemory),
        Effect.andThen(Effect.sync(() => [...exporter.getFinishedSpans()])),
        Effect.provide(Tracing.layerExporter(exporter))
      )

      // One span per command, with its append's figures.
      const handled = named(spans, "kemitraan.command.handle")
      expect(handled.map((span) => span.attributes)).toEqual(
        [1, 2].map((n) => ({
          "kemitraan.stream": `Participant-sme-trace-${n}`,
          "kemitraan.command.type": "EnrolSme",
          "kemitraan.event.count": 1,
          "kemitraan.stream.version": 1,
          "kemitraan.position": n
        }))
      )

      // An append outside a command has a span of its own; so has reading a stream's events.
      const appends = named(spans, "kemitraan.store.append")
      expect(appends.map((span) => span.attributes)).toEqual([
        {
          "kemitraan.stream": "Participant-sme-trace-1",
          "kemitraan.expected_version": "1",
          "kemitraan.event.count": 1,
          "kemitraan.position": 3,
          "kemitraan.stream.version": 2
        }
      ])
      expect(named(spans, "kemitraan.store.read_stream").map((span) => span.attributes)).toEqual([
        { "kemitraan.stream": "Participant-sme-trace-1", "kemitraan.stream.version": 1, "kemitraan.event.count": 1 }
      ])

      const reads = named(spans, "kemitraan.store.read_all")
      expect(reads[0]?.attributes).toEqual({
        "kemitraan.position.after": 0,
        "kemitraan.event.count": 3,
        "kemitraan.position": 3
      })
      const commits = named(spans, "kemitraan.read_model.commit")
      expect(commits.map((span) => span.attributes)).toEqual([
        {
          "kemitraan.read_model": "ForumSummary",
          "kemitraan.checkpoint.previous": 0,
          "kemitraan.position": 3,
          "kemitraan.rows": expect.any(Number)
        }
      ])
    })
  )

  it.live("--trace-file writes one JSON span a line", () =>
    Effect.gen(function* () {
      const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "kemitraan-trace-")), "spans.jsonl")
      yield* work.pipe(Effect.provide(SqliteStore.layerMemory), Effect.provide(Layer.fresh(Tracing.layer(file))))
      const lines = fs
        .readFileSync(file, "utf8")
        .trimEnd()
        .split("\n")
        .map((line) => JSON.parse(line) as unknown)
      expect(lines).toContainEqual(
        expect.objectContaining({
          name: "kemitraan.command.handle",
          attributes: expect.objectContaining({ "kemitraan.command.type": "EnrolSme" })
        })
      )
      fs.rmSync(path.dirname(file), { recursive: true })
    })
  )

  it.live("--otlp-endpoint sends them to a collector over OTLP/HTTP", () =>
    Effect.gen(function* () {
      const received: Array<{ url: string | undefined; body: string }> = []
      const server = http.createServer((request, response) => {
        let body = ""
        request.on("data", (chunk: Buffer) => (body += chunk.toString()))
        request.on("end", () => {
          received.push({ url: request.url, body })
          response.writeHead(200, { "content-type": "application/json" }).end("{}")
        })
      })
      const port = yield* Effect.async<number>((resume) => {
        server.listen(0, "127.0.0.1", () => {
          const address = server.address()
          resume(Effect.succeed(typeof address === "object" && address !== null ? address.port : 0))
        })
      })
      yield* work.pipe(
        Effect.provide(SqliteStore.layerMemory),
        Effect.provide(Layer.fresh(Tracing.layer(undefined, `http://127.0.0.1:${port}/v1/traces`))),
        Effect.ensuring(Effect.async<void>((resume) => void server.close(() => resume(Effect.void))))
      )
      expect(received.length).toBeGreaterThan(0)
      expect(received.map((request) => request.url)).toContain("/v1/traces")
      const text = received.map((request) => request.body).join("\n")
      expect(text).toContain('"kemitraan"')
      expect(text).toContain("kemitraan.command.handle")
      expect(text).toContain("kemitraan.read_model.commit")
      expect(text).toContain("EnrolSme")
    })
  )
})
