import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { get } from "@/test/support/http";
import { createAuthor, createAuthorArticle } from "@/test/support/previews";
import { shareServerDatabase } from "@/test/support/site-data";
import { startSiteServer, type SiteServer } from "@/test/support/site-server";

let server: SiteServer;

beforeAll(async () => {
  server = await startSiteServer();
  await shareServerDatabase(server);
});
afterAll(async () => server?.stop());

const storedFile = (ownerId: string, fields: { articleId?: string; status: string; title: string }) =>
  db().storedFile.create({
    data: { ownerId, articleId: fields.articleId ?? null, priceSats: fields.articleId ? null : 50, title: fields.title, fileName: "a.pdf", mimeType: "application/pdf", sizeBytes: 10, sha256: "0".repeat(64), storageKey: randomBytes(16).toString("hex"), status: fields.status },
  });

const locs = (xml: string) => [...xml.matchAll(/<loc>([^<]*)<\/loc>/g)].map((match) => match[1]!);

describe("sitemap.xml and robots.txt", () => {
  it("lists the home page, visible articles, their authors and visible files sold alone, nothing else", async () => {
    const ada = await createAuthor("Ada");
    const idle = await createAuthor("Idle author");
    const visible = await createAuthorArticle(ada.id, { title: "Visible", priceSats: 10, body: "SITEMAP-BODY-SECRET" });
    const draft = await createAuthorArticle(ada.id, { title: "Draft", priceSats: 10, status: "draft", publishedAt: null });
    const unpublished = await createAuthorArticle(idle.id, { title: "Unpublished", priceSats: 10, status: "draft" });
    const removed = await createAuthorArticle(idle.id, { title: "Removed", priceSats: 10, status: "deleted_by_admin" });
    const alone = await storedFile(ada.id, { status: "visible", title: "Alone" });
    const aloneDraft = await storedFile(ada.id, { status: "draft", title: "Alone draft" });
    const aloneRemoved = await storedFile(ada.id, { status: "removed", title: "Alone removed" });
    const attached = await storedFile(ada.id, { status: "visible", title: "Attached", articleId: visible.id });

    const response = await get(`${server.url}/sitemap.xml`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toContain("application/xml");
    expect(response.headers.get("set-cookie")).toBeNull();
    expect(response.text).toMatch(/^<\?xml version="1\.0" encoding="UTF-8"\?>\s*<urlset xmlns="http:\/\/www\.sitemaps\.org\/schemas\/sitemap\/0\.9">/);
    expect(locs(response.text)).toEqual([`${server.url}/`, `${server.url}/articles/${visible.slug}`, `${server.url}/authors/${ada.id}`, `${server.url}/files/${alone.id}`]);
    expect(response.text).toMatch(new RegExp(`<loc>${server.url}/articles/${visible.slug}</loc>\\s*<lastmod>\\d{4}-\\d\\d-\\d\\dT`));
    for (const hidden of [draft.slug, unpublished.slug, removed.slug, idle.id, aloneDraft.id, aloneRemoved.id, attached.id, "SITEMAP-BODY-SECRET"]) {
      expect(response.text, hidden).not.toContain(hidden);
    }
  });

  it("robots.txt allows public pages, disallows private and paid-for paths, and names the sitemap", async () => {
    const response = await get(`${server.url}/robots.txt`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toContain("text/plain");
    const lines = response.text.trim().split("\n");
    expect(lines[0]).toBe("User-Agent: *");
    expect(lines).toContain("Allow: /");
    for (const path of ["/api/", "/account", "/library", "/dashboard", "/admin", "/receipts", "/gifts", "/d/", "/dev/"]) expect(lines, path).toContain(`Disallow: ${path}`);
    for (const open of ["/articles", "/authors", "/files", "/feed.xml", "/og/"]) expect(lines.some((line) => line.startsWith("Disallow:") && open.startsWith(line.slice(10))), open).toBe(false);
    expect(lines).toContain(`Sitemap: ${server.url}/sitemap.xml`);
  });
});
