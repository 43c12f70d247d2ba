import { describe, expect, it } from "vitest";
import { TaggedCache } from "@/lib/cache/tagged-cache";

function counting(value: string) {
  const loader = { calls: 0, load: async () => (loader.calls++, value) };
  return loader;
}

describe("TaggedCache", () => {
  it("serves a value from memory until its lifetime ends, then loads it again", async () => {
    let now = 1000;
    const cache = new TaggedCache<string>(10, 500, () => now);
    const loader = counting("a");
    expect(await cache.get("k", loader.load, () => ["t"])).toBe("a");
    now += 499;
    expect(await cache.get("k", loader.load, () => ["t"])).toBe("a");
    expect(loader.calls).toBe(1);
    now += 1;
    await cache.get("k", loader.load, () => ["t"]);
    expect(loader.calls).toBe(2);
  });

  it("drops the entries of an invalidated tag and keeps the others; null drops everything", async () => {
    const cache = new TaggedCache<string>(10, 60_000);
    const one = counting("1");
    const two = counting("2");
    await cache.get("one", one.load, () => ["article:1", "lists"]);
    await cache.get("two", two.load, () => ["article:2"]);
    cache.invalidate(["article:1"]);
    await cache.get("one", one.load, () => ["article:1", "lists"]);
    await cache.get("two", two.load, () => ["article:2"]);
    expect([one.calls, two.calls]).toEqual([2, 1]);
    cache.invalidate(null);
    await cache.get("two", two.load, () => ["article:2"]);
    expect(two.calls).toBe(2);
  });

  it("does not store what a load read before an invalidation, nor let later callers join that load", async () => {
    const cache = new TaggedCache<string>(10, 60_000);
    let release: (value: string) => void = () => {};
    const slow = cache.get("k", () => new Promise<string>((resolve) => (release = resolve)), () => ["t"]);
    cache.invalidate(["t"]); // the write committed while the read was in flight
    const fresh = counting("new");
    const after = cache.get("k", fresh.load, () => ["t"]);
    release("old");
    expect(await slow).toBe("old");
    expect(await after).toBe("new");
    expect(await cache.get("k", fresh.load, () => ["t"])).toBe("new");
    expect(fresh.calls).toBe(1);
  });

  it("shares one load between concurrent misses, and stores nothing when told not to (not found)", async () => {
    const cache = new TaggedCache<string | null>(10, 60_000);
    const loader = counting("v");
    await Promise.all([cache.get("k", loader.load, () => ["t"]), cache.get("k", loader.load, () => ["t"])]);
    expect(loader.calls).toBe(1);
    let misses = 0;
    const missing = async () => (misses++, null);
    await cache.get("gone", missing, (value) => (value ? ["t"] : null));
    await cache.get("gone", missing, (value) => (value ? ["t"] : null));
    expect(misses).toBe(2);
  });

  it("does not keep a failed load", async () => {
    const cache = new TaggedCache<string>(10, 60_000);
    await expect(cache.get("k", () => Promise.reject(new Error("db down")), () => ["t"])).rejects.toThrow("db down");
    expect(await cache.get("k", async () => "ok", () => ["t"])).toBe("ok");
  });
});
