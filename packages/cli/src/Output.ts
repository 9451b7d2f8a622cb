/**
 * Where a command writes its result: a file (`--out`), or standard output. Writes wait for the
 * stream to drain, so an export of any size keeps memory flat.
 *
 * @since 0.1.0
 */
import * as Console from "effect/Console"
import * as Effect from "effect/Effect"
import * as fs from "node:fs"
import { FileError } from "./Errors.js"

/** Something text can be written to. */
export interface Output {
  readonly write: (text: string) => Effect.Effect<void, FileError>
}

const reasonOf = (error: unknown): string => (error instanceof Error ? error.message : String(error))

const writer = (stream: NodeJS.WritableStream, name: string): Output => ({
  write: (text) =>
    Effect.async<void, FileError>((resume) => {
      stream.write(text, (error) =>
        resume(error ? Effect.fail(new FileError({ file: name, reason: reasonOf(error) })) : Effect.void)
      )
    })
})

/** Standard output. */
export const stdout: Output = writer(process.stdout, "standard output")

/** A file, created or truncated, closed when the scope ends. */
export const file = (path: string) =>
  Effect.acquireRelease(
    Effect.async<fs.WriteStream, FileError>((resume) => {
      const stream = fs.createWriteStream(path)
      stream.once("open", () => resume(Effect.succeed(stream)))
      stream.once("error", (error) => resume(Effect.fail(new FileError({ file: path, reason: error.message }))))
    }),
    (stream) => Effect.async<void>((resume) => void stream.end(() => resume(Effect.void)))
  ).pipe(Effect.map((stream) => writer(stream, path)))

/** `--out FILE` when given, else standard output. */
export const to = (out: string | undefined) => (out === undefined ? Effect.succeed(stdout) : file(out))

/** Reads a whole text file. */
export const readText = (path: string): Effect.Effect<string, FileError> =>
  Effect.tryPromise({
    try: () => fs.promises.readFile(path, "utf8"),
    catch: (error) => new FileError({ file: path, reason: reasonOf(error) })
  })

// Select Graphic Rendition: the colours and bold @effect/cli's help and messages are written in.
const sgr = new RegExp(`${String.fromCharCode(0x1b)}\\[[0-9;]*m`, "g")

/** Text without colours and bold. */
export const plain = (text: string): string => text.replace(sgr, "")

/** Where the console writes: whether standard output and standard error are terminals. */
export interface Terminals {
  readonly stdout: boolean
  readonly stderr: boolean
}

const plainArgs = (args: ReadonlyArray<unknown>): Array<unknown> =>
  args.map((arg) => (typeof arg === "string" ? plain(arg) : arg))

/** A console that writes colours and bold only to a terminal (and never when `NO_COLOR` is set). */
export const console = (base: Console.Console, terminals: Terminals, noColor: boolean): Console.Console => {
  const stdout = terminals.stdout && !noColor
  const stderr = terminals.stderr && !noColor
  return {
    ...base,
    log: (...args) => base.log(...(stdout ? args : plainArgs(args))),
    info: (...args) => base.info(...(stdout ? args : plainArgs(args))),
    error: (...args) => base.error(...(stderr ? args : plainArgs(args))),
    warn: (...args) => base.warn(...(stderr ? args : plainArgs(args)))
  }
}

/** Runs `self` with {@link console} for this process's standard output and error. */
export const withTerminalConsole = <A, E, R>(self: Effect.Effect<A, E, R>): Effect.Effect<A, E, R> =>
  Console.consoleWith((base) =>
    Effect.withConsole(
      self,
      console(
        base,
        { stdout: process.stdout.isTTY === true, stderr: process.stderr.isTTY === true },
        (process.env["NO_COLOR"] ?? "") !== ""
      )
    )
  )
