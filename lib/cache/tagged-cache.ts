import { Lru } from "@/lib/cache/lru";

/**
 * A per-process cache of public, same-for-everyone values (an article's shell, a list page),
 * each entry tagged with what it was built from (e.g. "article:<id>"), so a write drops exactly
 * the entries it made stale. Entries also expire after `ttlMs`: the bound on staleness when an
 * invalidation is lost.
 *
 * A load that started before any invalidation does not store what it read (a generation counter,
 * as lib/l402/root-keys.ts does): otherwise a slow read could put back what a write just dropped.
 * Invalidations are rare next to reads, so the few loads this wastes do not matter.
 */
export class TaggedCache<V> {
  private readonly entries: Lru<{ value: V; tags: readonly string[]; expiresAt: number }>;
  // Loads in flight by key: concurrent misses share one read instead of stampeding the database.
  private readonly loading = new Map<string, Promise<V>>();
  private generation = 0;

  constructor(
    max: number,
    private readonly ttlMs: number,
    private readonly now: () => number = Date.now,
  ) {
    this.entries = new Lru(max);
  }

  /** `tagsOf` names what the loaded value was built from; null: do not store it (e.g. not found). */
  async get(key: string, load: () => Promise<V>, tagsOf: (value: V) => readonly string[] | null): Promise<V> {
    const hit = this.entries.get(key);
    if (hit && hit.expiresAt > this.now()) return hit.value;
    const pending = this.loading.get(key);
    if (pending) return pending;
    const before = this.generation;
    const promise = load().then(
      (value) => {
        if (this.loading.get(key) === promise) this.loading.delete(key);
        const tags = tagsOf(value);
        if (tags && before === this.generation) this.entries.set(key, { value, tags, expiresAt: this.now() + this.ttlMs });
        return value;
      },
      (error: unknown) => {
        if (this.loading.get(key) === promise) this.loading.delete(key);
        throw error;
      },
    );
    this.loading.set(key, promise);
    return promise;
  }

  /** Drops every entry carrying one of `tags`; null drops everything. */
  invalidate(tags: readonly string[] | null) {
    this.generation++;
    // A shared load in flight may have read before the write: later callers must not join it.
    this.loading.clear();
    const drop = new Set(tags);
    this.entries.deleteWhere((entry) => tags === null || entry.tags.some((tag) => drop.has(tag)));
  }

  get size() {
    return this.entries.size;
  }
}
