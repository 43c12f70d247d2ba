import { beforeEach, describe, expect, it } from "vitest";
import { isValidSlug } from "@/lib/articles/article-status";
import { slugify } from "@/lib/articles/slugify";
import { firstFreeSlug } from "@/lib/articles/slugs";
import { createArticle } from "@/test/support/fixtures";
import { useFreshDatabase } from "@/test/support/test-database";

describe("slugify", () => {
  it.each([
    ["Hello, World!", "hello-world"],
    ["  Ça va? Déjà 21 sats!  ", "ca-va-deja-21-sats"],
    ["Straße über Ölberg", "strasse-uber-olberg"],
    ["Ångström & Œuvre", "angstrom-oeuvre"],
    ["--multiple   spaces -- and___underscores--", "multiple-spaces-and-underscores"],
    ["ＦＵＬＬＷＩＤＴＨ １２３", "fullwidth-123"],
    ["日本語のタイトル", "article"],
    ["Smørrebrød i Łódź", "smorrebrod-i-lodz"],
    ["!!!", "article"],
    ["", "article"],
  ])("%j -> %j", (title, slug) => {
    expect(slugify(title)).toBe(slug);
  });

  it("caps the length without leaving a trailing hyphen, leaving room for a suffix", () => {
    const slug = slugify(`${"word ".repeat(40)}end`);
    expect(slug.length).toBeLessThanOrEqual(80);
    expect(isValidSlug(slug)).toBe(true);
    expect(isValidSlug(`${slugify("x".repeat(300))}-999`)).toBe(true);
  });
});

describe("firstFreeSlug", () => {
  beforeEach(async () => {
    await useFreshDatabase();
  });

  it("returns the base when free, else the first free -N, ignoring look-alike slugs", async () => {
    expect(await firstFreeSlug("my-post")).toBe("my-post");
    await createArticle({ priceSats: 0, slug: "my-post" });
    await createArticle({ priceSats: 0, slug: "my-posts" });
    expect(await firstFreeSlug("my-post")).toBe("my-post-2");
    await createArticle({ priceSats: 0, slug: "my-post-2" });
    await createArticle({ priceSats: 0, slug: "my-post-4" });
    expect(await firstFreeSlug("my-post")).toBe("my-post-3");
  });
});
