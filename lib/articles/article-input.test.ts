import { beforeEach, describe, expect, it } from "vitest";
import { parseArticleCreate, parseArticleUpdate } from "@/lib/articles/article-input";
import { isAppError } from "@/lib/errors";
import { resetEnvForTests } from "@/lib/env";

const valid = { title: "  A title  ", priceSats: 21 };

function refusal(run: () => unknown) {
  try {
    run();
  } catch (error) {
    if (!isAppError(error)) throw error;
    return { status: error.status, code: error.code, message: error.message };
  }
  throw new Error("expected a refusal");
}

beforeEach(() => {
  delete process.env.MAX_PRICE_SATS;
  resetEnvForTests();
});

describe("article input", () => {
  it("trims the title and teaser, fills defaults, and leaves the slug out when none is sent", () => {
    expect(parseArticleCreate({ ...valid, teaser: "  hello " })).toEqual({ title: "A title", teaser: "hello", body: "", priceSats: 21 });
    expect(parseArticleCreate({ ...valid, slug: "my-first-article-2", body: "# Hi\n\ntext" })).toMatchObject({ slug: "my-first-article-2", body: "# Hi\n\ntext" });
  });

  it.each([
    [{ ...valid, title: "" }, "invalid_title", /Title is required/],
    [{ ...valid, title: "   " }, "invalid_title", /Title is required/],
    [{ priceSats: 1 }, "invalid_title", /Title is required/],
    [{ ...valid, title: "x".repeat(121) }, "invalid_title", /at most 120/],
    [{ ...valid, title: "a\u0000b" }, "invalid_title", /control characters/],
    [{ ...valid, title: "two\nlines" }, "invalid_title", /control characters/],
    [{ ...valid, title: 5 }, "invalid_title", /Title must be text/],
    [{ ...valid, slug: "Bad Slug" }, "invalid_slug", /lowercase letters and digits/],
    [{ ...valid, slug: "double--hyphen" }, "invalid_slug", /single hyphens/],
    [{ ...valid, slug: "-leading" }, "invalid_slug", /Slug/],
    [{ ...valid, slug: "ünï" }, "invalid_slug", /Slug/],
    [{ ...valid, slug: "a".repeat(101) }, "invalid_slug", /at most 100/],
    [{ ...valid, slug: "" }, "invalid_slug", /must not be empty/],
    [{ ...valid, teaser: "t".repeat(1001) }, "invalid_teaser", /Teaser must be at most 1000/],
    [{ ...valid, body: "b".repeat(100_001) }, "invalid_body", /Body must be at most 100,000/],
    [{ ...valid, body: "bell\u0007" }, "invalid_body", /control characters/],
    [{ title: "t" }, "invalid_price_sats", /Price \(priceSats\) is required/],
    [{ ...valid, priceSats: -1 }, "invalid_price_sats", /must not be negative/],
    [{ ...valid, priceSats: 1.5 }, "invalid_price_sats", /whole number/],
    [{ ...valid, priceSats: "21" }, "invalid_price_sats", /number of sats/],
    [{ ...valid, priceSats: 1_000_001 }, "invalid_price_sats", /at most 1,000,000 sats/],
    [{ ...valid, price: 5 }, "unknown_field", /Unknown field: price/],
  ])("refuses %j with a message naming the field", (input, code, message) => {
    const error = refusal(() => parseArticleCreate(input));
    expect(error).toMatchObject({ status: 400, code });
    expect(error.message).toMatch(message);
  });

  it("accepts the limits themselves: 120-character title, 100,000-character body, 0 and the maximum price", () => {
    expect(parseArticleCreate({ title: "x".repeat(120), body: "b".repeat(100_000), priceSats: 1_000_000 }).priceSats).toBe(1_000_000);
    expect(parseArticleCreate({ title: "free", priceSats: 0 }).priceSats).toBe(0);
  });

  it("takes the maximum price from MAX_PRICE_SATS", () => {
    process.env.MAX_PRICE_SATS = "5000";
    resetEnvForTests();
    expect(refusal(() => parseArticleCreate({ ...valid, priceSats: 5001 })).message).toMatch(/at most 5,000 sats/);
    expect(parseArticleCreate({ ...valid, priceSats: 5000 }).priceSats).toBe(5000);
  });

  it("lets an update send any subset of fields, but at least one, and nothing unknown", () => {
    expect(parseArticleUpdate({ priceSats: 0 })).toEqual({ priceSats: 0 });
    expect(parseArticleUpdate({ slug: "new-slug", title: " T " })).toEqual({ slug: "new-slug", title: "T" });
    expect(refusal(() => parseArticleUpdate({}))).toMatchObject({ status: 400, message: "Send at least one field to change" });
    expect(refusal(() => parseArticleUpdate({ status: "visible" }))).toMatchObject({ code: "unknown_field" });
    expect(refusal(() => parseArticleUpdate({ authorId: "someone" }))).toMatchObject({ code: "unknown_field" });
    expect(refusal(() => parseArticleUpdate({ title: null }))).toMatchObject({ code: "invalid_title" });
  });

  it.each([null, [], "text", 42])("refuses a body that is not an object: %j", (value) => {
    expect(refusal(() => parseArticleCreate(value))).toMatchObject({ status: 400, code: "invalid_body" });
  });
});
