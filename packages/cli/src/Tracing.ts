/**
 * `--trace-file FILE`: the spans of a run (command handling, appends, reads, read-model commits,
 * from the kernel) exported through OpenTelemetry, one JSON object a line: name, trace and span
 * ids, parent, start and end (epoch microseconds), attributes and status. `--otlp-endpoint URL`:
 * the same spans sent to an OpenTelemetry collector over OTLP/HTTP (JSON), by
 * `@effect/opentelemetry`'s own exporter on `fetch` (no exporter package beyond the pinned ones).
 * Without either option the CLI sets up no tracer and exports nothing.
 *
 * @since 0.1.0
 */
import { NodeSdk, OtlpSerialization, OtlpTracer } from "@effect/opentelemetry"
import { FetchHttpClient } from "@effect/platform"
import { type ReadableSpan, SimpleSpanProcessor, type SpanExporter } from "@opentelemetry/sdk-trace-base"
import { Layer } from "effect"
import * as fs from "node:fs"

const micros = ([seconds, nanos]: readonly [number, number]): number => seconds * 1_000_000 + Math.round(nanos / 1000)

/** A span as a line of the trace file. */
export const spanLine = (span: ReadableSpan): string =>
  JSON.stringify({
    name: span.name,
    traceId: span.spanContext().traceId,
    spanId: span.spanContext().spanId,
    parentSpanId: span.parentSpanContext?.spanId ?? null,
    start: micros(span.startTime),
    end: micros(span.endTime),
    attributes: span.attributes,
    status: span.status
  })

/** A span exporter that appends each span to a file as a JSON line. */
export class FileSpanExporter implements SpanExporter {
  constructor(readonly file: string) {
    fs.writeFileSync(file, "")
  }
  export(spans: Array<ReadableSpan>, done: Parameters<SpanExporter["export"]>[1]): void {
    try {
      fs.appendFileSync(this.file, spans.map((span) => `${spanLine(span)}\n`).join(""))
      done({ code: 0 })
    } catch (error) {
      done({ code: 1, error: error instanceof Error ? error : new Error(String(error)) })
    }
  }
  shutdown(): Promise<void> {
    return Promise.resolve()
  }
}

/** The tracer layer for a span exporter: every span of the program goes to it, named as `kemitraan`. */
export const layerExporter = (exporter: SpanExporter): Layer.Layer<never> =>
  NodeSdk.layer(() => ({
    resource: { serviceName: "kemitraan" },
    spanProcessor: new SimpleSpanProcessor(exporter)
  }))

/**
 * The tracer that sends spans to an OTLP/HTTP traces endpoint (`http://collector:4318/v1/traces`),
 * in batches, the last when the layer is released.
 */
export const layerOtlp = (url: string): Layer.Layer<never> =>
  OtlpTracer.layer({ url, resource: { serviceName: "kemitraan" } }).pipe(
    Layer.provide(OtlpSerialization.layerJson),
    Layer.provide(FetchHttpClient.layer)
  )

/** The tracer of `--trace-file` or `--otlp-endpoint`, or none. */
export const layer = (traceFile: string | undefined, otlpEndpoint?: string | undefined): Layer.Layer<never> =>
  traceFile !== undefined
    ? Layer.suspend(() => layerExporter(new FileSpanExporter(traceFile)))
    : otlpEndpoint !== undefined
      ? layerOtlp(otlpEndpoint)
      : Layer.empty
