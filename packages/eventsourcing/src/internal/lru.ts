/** One entry of an {@link Lru}, in its list from the most recently used to the least. */
interface Entry<K, V> {
  readonly key: K
  value: V
  newer: Entry<K, V> | undefined
  older: Entry<K, V> | undefined
}

/**
 * A map that keeps its `capacity` most recently used entries. A use moves its entry to the front
 * of a linked list and leaves the map alone: moving it by deleting and setting its key again had
 * the map rebuild its table every so many uses.
 */
export class Lru<K, V> {
  private readonly entries = new Map<K, Entry<K, V>>()
  private newest: Entry<K, V> | undefined = undefined
  private oldest: Entry<K, V> | undefined = undefined

  constructor(readonly capacity: number) {}

  get(key: K): V | undefined {
    const entry = this.entries.get(key)
    if (entry === undefined) return undefined
    this.toFront(entry)
    return entry.value
  }

  set(key: K, value: V): void {
    if (this.capacity <= 0) return
    const entry = this.entries.get(key)
    if (entry !== undefined) {
      entry.value = value
      this.toFront(entry)
      return
    }
    const added: Entry<K, V> = { key, value, newer: undefined, older: this.newest }
    if (this.newest !== undefined) this.newest.newer = added
    this.newest = added
    if (this.oldest === undefined) this.oldest = added
    this.entries.set(key, added)
    if (this.entries.size > this.capacity && this.oldest !== undefined) this.remove(this.oldest)
  }

  delete(key: K): void {
    const entry = this.entries.get(key)
    if (entry !== undefined) this.remove(entry)
  }

  /** Takes an entry out of the list and the map. */
  private remove(entry: Entry<K, V>): void {
    this.unlink(entry)
    this.entries.delete(entry.key)
  }

  private toFront(entry: Entry<K, V>): void {
    if (entry === this.newest) return
    this.unlink(entry)
    entry.older = this.newest
    entry.newer = undefined
    if (this.newest !== undefined) this.newest.newer = entry
    this.newest = entry
    if (this.oldest === undefined) this.oldest = entry
  }

  private unlink(entry: Entry<K, V>): void {
    if (entry.newer !== undefined) entry.newer.older = entry.older
    else this.newest = entry.older
    if (entry.older !== undefined) entry.older.newer = entry.newer
    else this.oldest = entry.newer
    entry.newer = undefined
    entry.older = undefined
  }
}
