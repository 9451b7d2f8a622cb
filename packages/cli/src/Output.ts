/**
 * Where a command writes its result: a file (`--out`), or standard output. Writes wait for the
 * stream to drain, so an export of any size keeps memory flat.
 *
 * @since 0.1.0
 */
import { Effect } from "effect"
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
