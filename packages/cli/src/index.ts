/**
 * @kemitraan/cli: the `kemitraan` command line, and its parts for programs and tests.
 *
 * @since 0.1.0
 */

/** The command line: subcommands, options, exit statuses. */
export * as Cli from "./Cli.js"

/** The report's charts, SVG drawn without a browser. */
export * as Charts from "./Charts.js"

/** The CLI's errors and exit statuses. */
export * as Errors from "./Errors.js"

/** Report formats: text, JSON, CSV, HTML. */
export * as Formats from "./Formats.js"

/** What a report shows, gathered from the store. */
export * as ReportData from "./ReportData.js"

/** The store of `--store`. */
export * as Store from "./Store.js"

/** What the store holds. */
export * as Stats from "./Stats.js"

/** Spans exported through OpenTelemetry. */
export * as Tracing from "./Tracing.js"

/** Export and import of events and commands. */
export * as Transfer from "./Transfer.js"
