/**
 * Leases that give each read model one owner among the nodes sharing a store. A lease is a row per
 * read model, `(name, owner, epoch, leaseUntil)`: a node takes it only when it is free, already its
 * own, or expired, and the epoch goes up each time the owner changes. A node renews its leases on a
 * heartbeat and at each commit: the renewal `WHERE owner = me AND epoch = e` is the first step of the
 * commit's transaction (see `ReadModelStore.Commit.fence`), so a node that was paused past its lease
 * and lost it to another fails with {@link ProjectionLeaseLost} and writes nothing.
 *
 * Nodes also announce themselves ({@link ProjectionLeases.join}): the number of live nodes gives each
 * its fair share of the read models, so that the work spreads instead of going to the first node up.
 *
 * ```ts
 * const leases = yield* ProjectionLeases.ProjectionLeases
 * const held = yield* leases.acquire("forum-summary", "node-a", 15_000)
 * ```
 *
 * Time is the store's: Effect's `Clock` in memory ({@link layerMemory}), the database's clock on SQL,
 * so that the nodes of one database agree on when a lease expires.
 *
 * @since 0.3.0
 */
import * as Clock from "effect/Clock"
import * as Context from "effect/Context"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Option from "effect/Option"
import * as Schema from "effect/Schema"
import type { StoreError } from "./EventStoreError.js"

/** A lease as stored: who holds the read model `name`, since which change of owner, and until when. */
export const Lease = Schema.Struct({
  name: Schema.NonEmptyString,
  owner: Schema.NonEmptyString,
  epoch: Schema.Int.pipe(Schema.greaterThanOrEqualTo(1)),
  /** Epoch milliseconds of the store's clock. */
  leaseUntil: Schema.Int
})

/** A lease as stored. */
export type Lease = typeof Lease.Type

/** What a node holds: the read model, itself, and the epoch it took the lease at. */
export interface Held {
  readonly name: string
  readonly owner: string
  readonly epoch: number
}

/**
 * A node tried to renew or commit under a lease it no longer holds: another node took it (a higher
 * epoch) or it gave it up. Nothing was written.
 */
export class ProjectionLeaseLost extends Schema.TaggedError<ProjectionLeaseLost>(
  "@kemitraan/eventsourcing/ProjectionLeaseLost"
)("ProjectionLeaseLost", {
  name: Schema.String,
  owner: Schema.String,
  epoch: Schema.Number
}) {
  override get message(): string {
    return `read model "${this.name}": "${this.owner}" no longer holds its lease of epoch ${this.epoch}; nothing was written`
  }
}

/** The service a store provides. */
export interface ProjectionLeases {
  /**
   * Takes or renews the lease of `name` for `owner` until `ttlMillis` from now, if it is free, already
   * the owner's, or expired; none when another node holds it. The epoch stays when the owner already
   * held it, and goes up by one otherwise.
   */
  readonly acquire: (name: string, owner: string, ttlMillis: number) => Effect.Effect<Option.Option<Held>, StoreError>
  /**
   * Extends a held lease to `ttlMillis` from now, if the row still names this owner and epoch (even
   * past its expiry, when no one took it since). Used as a commit's fence: run inside the commit's
   * transaction, its failure rolls the commit back.
   */
  readonly renew: (held: Held, ttlMillis: number) => Effect.Effect<void, ProjectionLeaseLost | StoreError>
  /** Gives a lease up at once, if it is still held at this epoch: any node may take it now. */
  readonly release: (held: Held) => Effect.Effect<void, StoreError>
  /**
   * Announces `owner` alive for `ttlMillis` from now, and returns how many nodes are alive (itself
   * included): the divisor of each node's fair share.
   */
  readonly join: (owner: string, ttlMillis: number) => Effect.Effect<number, StoreError>
  /** The node stops: its announcement is withdrawn and its leases released. */
  readonly leave: (owner: string) => Effect.Effect<void, StoreError>
  /** The leases held now (not expired, not released), by name. */
  readonly held: Effect.Effect<ReadonlyArray<Lease>, StoreError>
}

/** The projection-leases service tag. */
export const ProjectionLeases = Context.GenericTag<ProjectionLeases>("@kemitraan/eventsourcing/ProjectionLeases")

/** How many of `models` read models a node may hold when `nodes` nodes are alive: a fair share, rounded up. */
export const fairShare = (models: number, nodes: number): number => Math.ceil(models / Math.max(1, nodes))

interface Row {
  owner: string | null
  epoch: number
  leaseUntil: number
}

/** Makes leases held in memory, timed by Effect's `Clock`: for tests, and nodes that are fibers of one process. */
export const makeMemory = (): ProjectionLeases => {
  const rows = new Map<string, Row>()
  const nodes = new Map<string, number>()
  const lost = (held: Held) => new ProjectionLeaseLost(held)
  return ProjectionLeases.of({
    acquire: (name, owner, ttlMillis) =>
      Effect.map(Clock.currentTimeMillis, (now) => {
        const row = rows.get(name)
        if (row !== undefined && row.owner !== owner && row.owner !== null && row.leaseUntil > now) {
          return Option.none()
        }
        const epoch = row === undefined ? 1 : row.owner === owner ? row.epoch : row.epoch + 1
        rows.set(name, { owner, epoch, leaseUntil: now + ttlMillis })
        return Option.some({ name, owner, epoch })
      }),
    renew: (held, ttlMillis) =>
      Effect.flatMap(Clock.currentTimeMillis, (now) => {
        const row = rows.get(held.name)
        if (row === undefined || row.owner !== held.owner || row.epoch !== held.epoch) return Effect.fail(lost(held))
        row.leaseUntil = now + ttlMillis
        return Effect.void
      }),
    release: (held) =>
      Effect.sync(() => {
        const row = rows.get(held.name)
        if (row !== undefined && row.owner === held.owner && row.epoch === held.epoch) {
          rows.set(held.name, { owner: null, epoch: row.epoch, leaseUntil: 0 })
        }
      }),
    join: (owner, ttlMillis) =>
      Effect.map(Clock.currentTimeMillis, (now) => {
        nodes.set(owner, now + ttlMillis)
        for (const [node, until] of nodes) if (until <= now) nodes.delete(node)
        return nodes.size
      }),
    leave: (owner) =>
      Effect.sync(() => {
        nodes.delete(owner)
        for (const [name, row] of rows) {
          if (row.owner === owner) rows.set(name, { owner: null, epoch: row.epoch, leaseUntil: 0 })
        }
      }),
    held: Effect.map(Clock.currentTimeMillis, (now) =>
      [...rows]
        .flatMap(([name, { epoch, leaseUntil, owner }]) =>
          owner !== null && leaseUntil > now ? [{ name, owner, epoch, leaseUntil }] : []
        )
        .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
    )
  })
}

/** Leases held in memory. */
export const layerMemory: Layer.Layer<ProjectionLeases> = Layer.sync(ProjectionLeases, makeMemory)
