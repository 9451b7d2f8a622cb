/**
 * One writer process of `pnpm bench:pg`'s concurrent phase: it holds a store (its own group commit)
 * and a raw `pg` pool on the bench's cluster, prints `ready`, then for each line on stdin
 *
 *   store <round> <appends> | raw <round> <appends>
 *
 * makes that many one-event appends from its concurrent writers, on that side, and prints
 * `done <seconds> <cpu microseconds>`. `exit` (or the end of stdin) closes it.
 *
 * Arguments: one JSON object, {@link Args}.
 */
import { createInterface } from "node:readline"
import { Effect, ManagedRuntime, Schema } from "effect"
import pg from "pg"
import { EventStore, ExpectedVersion } from "@kemitraan/eventsourcing"
import { PgStore } from "../src/index.js"
import { eventsOf, lanes, rawInsert, rawParams } from "./shared.js"

const Args = Schema.parseJson(
  Schema.Struct({ url: Schema.String, schema: Schema.String, process: Schema.Int, writers: Schema.Int })
)
const args = Schema.decodeUnknownSync(Args)(process.argv[2])

const Command = Schema.Tuple(Schema.Literal("store", "raw"), Schema.NumberFromString, Schema.NumberFromString)
const decodeCommand = Schema.decodeUnknownEither(Command)

const say = (line: string) => process.stdout.write(`${line}\n`)

const main = async () => {
  // Appends only: the group commit's two lanes and a spare.
  const runtime = ManagedRuntime.make(PgStore.layer({ url: args.url, schema: args.schema, maxConnections: 3 }))
  const pool = new pg.Pool({ connectionString: args.url, max: args.writers })
  pool.on("error", () => undefined)
  try {
    const store = await runtime.runPromise(EventStore.EventStore)
    const append = (streamId: string, events: ReturnType<typeof eventsOf>) =>
      runtime.runPromise(Effect.asVoid(store.append(streamId, ExpectedVersion.any, events)))
    // Open the raw side's connections before the first round, as the store's are.
    await Promise.all(Array.from({ length: args.writers }, () => pool.query("SELECT 1")))
    say("ready")
    for await (const line of createInterface({ input: process.stdin })) {
      if (line === "exit") break
      const command = decodeCommand(line.split(" "))
      if (command._tag === "Left") throw new Error(`unknown command ${JSON.stringify(line)}`)
      const [side, round, appends] = command.right
      const tag = `${side === "store" ? "s" : "r"}${round}-p${args.process}`
      // Streams shared by all the processes, as commands on the same aggregates would be.
      const streamOf = (i: number) => `one-${(args.process * 53 + i) % 200}`
      const cpu = process.cpuUsage()
      const seconds = await lanes(appends, args.writers, (i) =>
        side === "store"
          ? append(streamOf(i), eventsOf(`${tag}-c${i}`, 1))
          : pool.query(rawInsert(1), rawParams(streamOf(i), eventsOf(`${tag}-c${i}`, 1))).then(() => undefined)
      )
      const used = process.cpuUsage(cpu)
      say(`done ${seconds} ${used.user + used.system}`)
    }
  } finally {
    await runtime.dispose()
    await pool.end()
  }
}

main().catch((error: unknown) => {
  process.stderr.write(
    `writer ${args.process} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`
  )
  process.exit(1)
})
