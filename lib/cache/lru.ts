/**
 * A small least-recently-used map for per-process caches of derived, immutable values. Bounded
 * by entry count and, when `maxWeight` is given, by the summed weight of its values (an estimate
 * of their bytes), so a few huge values cannot grow the process past its budget.
 */
export class Lru<V> {
  private readonly entries = new Map<string, { value: V; weight: number }>();
  private total = 0;

  constructor(
    private readonly max: number,
    private readonly bytes: { maxWeight: number; weigh: (value: V) => number } | null = null,
  ) {}

  get(key: string): V | undefined {
    const entry = this.entries.get(key);
    if (entry !== undefined) {
      // Map iteration order is insertion order: re-inserting marks it most recent.
      this.entries.delete(key);
      this.entries.set(key, entry);
    }
    return entry?.value;
  }

  set(key: string, value: V) {
    this.delete(key);
    const weight = this.bytes ? this.bytes.weigh(value) : 0;
    // A value heavier than the whole budget would only flush everything else out.
    if (this.bytes && weight > this.bytes.maxWeight) return;
    this.entries.set(key, { value, weight });
    this.total += weight;
    while (this.entries.size > this.max || (this.bytes && this.total > this.bytes.maxWeight)) {
      this.delete(this.entries.keys().next().value!);
    }
  }

  /** Removes every entry whose value matches (invalidation by tag: lib/cache/tagged-cache.ts). */
  deleteWhere(matches: (value: V) => boolean) {
    for (const [key, entry] of [...this.entries]) if (matches(entry.value)) this.delete(key);
  }

  get size() {
    return this.entries.size;
  }

  /** The summed weight of the cached values. */
  get weight() {
    return this.total;
  }

  private delete(key: string) {
    const entry = this.entries.get(key);
    if (!entry) return;
    this.entries.delete(key);
    this.total -= entry.weight;
  }
}
