import { describe, expect, it } from "vitest";
import { matchesIfNoneMatch, weakEtag } from "@/lib/http/etag";

describe("entity tags", () => {
  it("are weak, stable for the same content and differ for other content", () => {
    expect(weakEtag("a")).toMatch(/^W\/"[A-Za-z0-9_-]{27}"$/);
    expect(weakEtag("a")).toBe(weakEtag("a"));
    expect(weakEtag("a")).not.toBe(weakEtag("b"));
  });

  it("match If-None-Match by weak comparison, in lists and with *", () => {
    const tag = weakEtag("feed");
    expect(matchesIfNoneMatch(tag, tag)).toBe(true);
    expect(matchesIfNoneMatch(tag.slice(2), tag)).toBe(true);
    expect(matchesIfNoneMatch(`W/"other", ${tag}`, tag)).toBe(true);
    expect(matchesIfNoneMatch("*", tag)).toBe(true);
    expect(matchesIfNoneMatch(`W/"other"`, tag)).toBe(false);
    expect(matchesIfNoneMatch("", tag)).toBe(false);
    expect(matchesIfNoneMatch(null, tag)).toBe(false);
  });
});
