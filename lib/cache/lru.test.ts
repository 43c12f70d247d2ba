import { describe, expect, it } from "vitest";
import { Lru } from "@/lib/cache/lru";

describe("Lru", () => {
  it("evicts the least recently used entry past its entry cap", () => {
    const cache = new Lru<string>(2);
    cache.set("a", "1");
    cache.set("b", "2");
    cache.get("a");
    cache.set("c", "3");
    expect([cache.get("a"), cache.get("b"), cache.get("c")]).toEqual(["1", undefined, "3"]);
  });

  it("evicts by summed weight, oldest first, however few entries it holds", () => {
    const cache = new Lru<string>(100, { maxWeight: 10, weigh: (value) => value.length });
    cache.set("a", "xxxx");
    cache.set("b", "yyyy");
    cache.get("a"); // b is now the oldest
    cache.set("c", "zzzz");
    expect(cache.get("b")).toBeUndefined();
    expect(cache.get("a")).toBe("xxxx");
    expect(cache.get("c")).toBe("zzzz");
    expect(cache.weight).toBe(8);
    expect(cache.size).toBe(2);
  });

  it("does not keep a value heavier than the whole budget, and keeps the rest", () => {
    const cache = new Lru<string>(100, { maxWeight: 10, weigh: (value) => value.length });
    cache.set("small", "xx");
    cache.set("huge", "y".repeat(11));
    expect(cache.get("huge")).toBeUndefined();
    expect(cache.get("small")).toBe("xx");
    expect(cache.weight).toBe(2);
  });

  it("counts a replaced value's weight once", () => {
    const cache = new Lru<string>(100, { maxWeight: 10, weigh: (value) => value.length });
    cache.set("a", "xxxx");
    cache.set("a", "xxxxxx");
    expect(cache.weight).toBe(6);
    expect(cache.size).toBe(1);
  });
});
