import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { errorOf, send, signInActors, type Actor } from "@/test/support/authors";
import { get } from "@/test/support/http";
import { shareServerDatabase } from "@/test/support/site-data";
import { startSiteServer, type SiteServer } from "@/test/support/site-server";

let server: SiteServer;
let people: Awaited<ReturnType<typeof signInActors>>;

beforeAll(async () => {
  server = await startSiteServer();
  await shareServerDatabase(server);
  people = await signInActors(server.url);
});
afterAll(async () => server?.stop());

const call = (who: Actor, method: string, path: string, value?: unknown) => send(server.url, who, method, path, value);
const unique = () => randomBytes(4).toString("hex");

/** An article of author A straight in the database, in the state a row of the matrix needs. */
async function articleOfA(status: "draft" | "visible" | "deleted_by_admin") {
  const suffix = unique();
  return db().article.create({
    data: { slug: `matrix-${suffix}`, title: `Matrix ${suffix}`, teaser: "T", body: "B", priceSats: 10, status, publishedAt: status === "draft" ? null : new Date(), authorId: people.authorA.userId! },
  });
}

describe("who may do what (status codes)", () => {
  type Row = { action: string; status: "draft" | "visible" | "deleted_by_admin"; run: (who: Actor, id: string) => Promise<{ status: number }>; expect: Record<string, number>; after?: string };
  const rows: Row[] = [
    { action: "update A's article", status: "draft", run: (who, id) => call(who, "PATCH", `/api/articles/${id}`, { title: "Changed" }), expect: { anonymous: 401, reader: 403, "author B": 404, admin: 404, "author A": 200 } },
    { action: "publish A's article", status: "draft", run: (who, id) => call(who, "POST", `/api/articles/${id}/publish`, {}), expect: { anonymous: 401, reader: 403, "author B": 404, admin: 404, "author A": 200 }, after: "visible" },
    { action: "unpublish A's article", status: "visible", run: (who, id) => call(who, "POST", `/api/articles/${id}/unpublish`, {}), expect: { anonymous: 401, reader: 403, "author B": 404, admin: 404, "author A": 200 }, after: "draft" },
    { action: "remove A's article", status: "visible", run: (who, id) => call(who, "POST", `/api/admin/articles/${id}/remove`, {}), expect: { anonymous: 401, reader: 403, "author A": 403, "author B": 403, admin: 200 }, after: "deleted_by_admin" },
    { action: "restore A's article", status: "deleted_by_admin", run: (who, id) => call(who, "POST", `/api/admin/articles/${id}/restore`, {}), expect: { anonymous: 401, reader: 403, "author A": 403, "author B": 403, admin: 200 }, after: "visible" },
    { action: "open A's editor", status: "draft", run: (who, id) => get(`${server.url}/dashboard/articles/${id}`, { cookie: who.cookie }), expect: { anonymous: 307, reader: 404, "author B": 404, admin: 404, "author A": 200 } },
  ];

  it.each(rows)("$action", async ({ status, run, expect: expected, after }) => {
    const article = await articleOfA(status);
    // The one allowed actor goes last: everyone before it must have changed nothing.
    for (const [name, code] of Object.entries(expected)) {
      const who = Object.values(people).find((person) => person.name === name)!;
      const last = name === Object.keys(expected).at(-1);
      if (last) expect(await db().article.findUniqueOrThrow({ where: { id: article.id } })).toMatchObject({ status, title: article.title });
      expect((await run(who, article.id)).status, `${name}`).toBe(code);
    }
    const final = await db().article.findUniqueOrThrow({ where: { id: article.id } });
    expect(final.status).toBe(after ?? status);
  });

  it("creates drafts for authors and admins only, and each may update and publish their own", async () => {
    const body = () => ({ title: `Mine ${unique()}`, priceSats: 5, body: "Text." });
    expect((await call(people.anonymous, "POST", "/api/articles", body())).status).toBe(401);
    expect(errorOf(await call(people.reader, "POST", "/api/articles", body()))).toMatchObject({ code: "forbidden" });
    for (const who of [people.authorA, people.authorB, people.admin]) {
      const created = await call(who, "POST", "/api/articles", body());
      expect(created.status, who.name).toBe(201);
      const { id, slug } = JSON.parse(created.text) as { id: string; slug: string };
      expect(slug).toMatch(/^mine-[0-9a-f]{8}$/);
      expect(await db().article.findUniqueOrThrow({ where: { id } })).toMatchObject({ authorId: who.userId, status: "draft" });
      expect((await call(who, "PATCH", `/api/articles/${id}`, { priceSats: 6 })).status, who.name).toBe(200);
      expect((await call(who, "POST", `/api/articles/${id}/publish`, {})).status, who.name).toBe(200);
      expect((await get(`${server.url}/dashboard/articles/${id}`, { cookie: who.cookie })).status, who.name).toBe(200);
    }
    expect((await call(people.reader, "POST", "/api/articles", body())).status).toBe(403);
    expect(await db().article.count({ where: { authorId: people.reader.userId! } })).toBe(0);
  });

  it("answers malformed ids with 404 and refuses cross-site requests", async () => {
    for (const id of ["short", "UPPERCASE0123456789012345", "x".repeat(40), "abc%20def0123456789012345"]) {
      expect((await call(people.authorA, "PATCH", `/api/articles/${id}`, { title: "x" })).status, id).toBe(404);
      expect((await call(people.admin, "POST", `/api/admin/articles/${id}/remove`, {})).status, id).toBe(404);
      expect((await get(`${server.url}/dashboard/articles/${id}`, { cookie: people.authorA.cookie })).status, id).toBe(404);
    }
    const crossSite = await send(server.url, people.authorA, "POST", "/api/articles", { title: "x", priceSats: 1 }, { origin: "https://evil.example" });
    expect(crossSite.status).toBe(403);
    expect(errorOf(crossSite).code).toBe("cross_site");
  });

  it("sends signed-out visitors to sign in, shows readers how to become an author, and hides /admin from non-admins", async () => {
    for (const path of ["/dashboard", "/dashboard/articles/new", "/admin"]) {
      const page = await get(`${server.url}${path}`);
      expect(page.status, path).toBe(307);
      expect(page.headers.get("location"), path).toBe(`/signin?callbackUrl=${path}`);
    }
    const readerDashboard = await get(`${server.url}/dashboard`, { cookie: people.reader.cookie });
    expect(readerDashboard.status).toBe(200);
    expect(readerDashboard.text).toContain('data-testid="become-author"');
    expect(readerDashboard.text).toContain('data-testid="become-author-button"');
    expect((await get(`${server.url}/dashboard/articles/new`, { cookie: people.reader.cookie })).headers.get("location")).toBe("/dashboard");
    for (const who of [people.reader, people.authorA]) expect((await get(`${server.url}/admin`, { cookie: who.cookie })).status, who.name).toBe(404);
    expect((await get(`${server.url}/admin`, { cookie: people.admin.cookie })).status).toBe(200);
  });
});

describe("article input at the API", () => {
  const create = (value: unknown) => call(people.authorA, "POST", "/api/articles", value);
  const base = { title: "Valid title", priceSats: 10 };

  it.each([
    [{ ...base, slug: "Not A Slug" }, "invalid_slug", /Slug may only contain lowercase letters and digits/],
    [{ ...base, slug: "trailing-" }, "invalid_slug", /Slug/],
    [{ ...base, title: "t".repeat(121) }, "invalid_title", /Title must be at most 120 characters/],
    [{ ...base, title: "" }, "invalid_title", /Title is required/],
    [{ ...base, priceSats: -5 }, "invalid_price_sats", /Price must not be negative/],
    [{ ...base, priceSats: 2.5 }, "invalid_price_sats", /whole number of sats/],
    [{ ...base, priceSats: 1_000_001 }, "invalid_price_sats", /at most 1,000,000 sats/],
    [{ ...base, priceSats: "10" }, "invalid_price_sats", /number of sats/],
    [{ title: "No price" }, "invalid_price_sats", /Price \(priceSats\) is required/],
    [{ ...base, teaser: "t".repeat(1001) }, "invalid_teaser", /Teaser must be at most 1000/],
    [{ ...base, body: "b".repeat(100_001) }, "invalid_body", /Body must be at most 100,000/],
    [{ ...base, status: "visible" }, "unknown_field", /Unknown field: status/],
    [{ ...base, authorId: "someone-else" }, "unknown_field", /Unknown field: authorId/],
    [[base], "invalid_body", /JSON object/],
  ])("refuses %j with a 400 naming the problem", async (value, code, message) => {
    const response = await create(value);
    expect(response.status).toBe(400);
    expect(errorOf(response).code).toBe(code);
    expect(errorOf(response).message).toMatch(message);
  });

  it("refuses malformed JSON, other content types, empty updates and oversized bodies with 4xx, never 500", async () => {
    expect(errorOf(await create("{not json"))).toMatchObject({ code: "invalid_json" });
    const form = await send(server.url, people.authorA, "POST", "/api/articles", "title=x", { "content-type": "application/x-www-form-urlencoded" });
    expect(form.status).toBe(415);
    const { id } = JSON.parse((await create(base)).text) as { id: string };
    expect(errorOf(await call(people.authorA, "PATCH", `/api/articles/${id}`, {}))).toMatchObject({ code: "invalid_body", message: "Send at least one field to change" });
    expect((await call(people.authorA, "PATCH", `/api/articles/${id}`, "null")).status).toBe(400);
    expect((await create({ ...base, body: "x".repeat(2_000_000) })).status).toBe(413);
  });

  it("takes a 100,000-character Markdown body (far above the usual 16 KB JSON limit)", async () => {
    const body = "é".repeat(100_000);
    const response = await create({ ...base, title: `Long ${unique()}`, body });
    expect(response.status).toBe(201);
    const { id } = JSON.parse(response.text) as { id: string };
    expect((await db().article.findUniqueOrThrow({ where: { id } })).body).toBe(body);
  });
});

describe("slugs", () => {
  it("numbers generated slugs on conflict and answers a typed slug that is taken with 409", async () => {
    const word = `clash-${unique()}`;
    const first = await call(people.authorA, "POST", "/api/articles", { title: word.replace("-", " "), priceSats: 1 });
    expect(JSON.parse(first.text).slug).toBe(word);
    const second = await call(people.authorB, "POST", "/api/articles", { title: `${word.toUpperCase().replace("-", " ")}!`, priceSats: 1 });
    expect(JSON.parse(second.text).slug).toBe(`${word}-2`);
    const typed = await call(people.authorB, "POST", "/api/articles", { title: "Anything", slug: word, priceSats: 1 });
    expect(typed.status).toBe(409);
    expect(errorOf(typed)).toMatchObject({ code: "slug_taken", message: expect.stringContaining(`"${word}" is already used`) });
    const renamed = await call(people.authorB, "PATCH", `/api/articles/${JSON.parse(second.text).id}`, { slug: word });
    expect(renamed.status).toBe(409);
    const own = await call(people.authorB, "PATCH", `/api/articles/${JSON.parse(second.text).id}`, { slug: `${word}-mine` });
    expect(JSON.parse(own.text)).toMatchObject({ slug: `${word}-mine`, status: "draft" });
  });
});

describe("publishing", () => {
  it("publish puts the article on the home page; unpublish takes it off and its page answers 404", async () => {
    const title = `Fresh news ${unique()}`;
    const { id, slug } = JSON.parse((await call(people.authorA, "POST", "/api/articles", { title, priceSats: 0, teaser: "Teaser.", body: "Free body text." })).text);
    expect((await get(`${server.url}/`)).text).not.toContain(`/articles/${slug}"`);
    expect((await get(`${server.url}/articles/${slug}`)).status).toBe(404);

    const published = await call(people.authorA, "POST", `/api/articles/${id}/publish`, {});
    expect(JSON.parse(published.text)).toEqual({ id, slug, status: "visible" });
    const firstPublishedAt = (await db().article.findUniqueOrThrow({ where: { id } })).publishedAt;
    expect(firstPublishedAt).toBeInstanceOf(Date);
    expect((await get(`${server.url}/`)).text).toContain(`href="/articles/${slug}"`);
    const page = await get(`${server.url}/articles/${slug}`);
    expect(page.status).toBe(200);
    expect(page.text).toContain("Free body text.");

    await call(people.authorA, "PATCH", `/api/articles/${id}`, { body: "Edited while published." });
    expect((await get(`${server.url}/articles/${slug}`)).text).toContain("Edited while published.");

    expect(JSON.parse((await call(people.authorA, "POST", `/api/articles/${id}/unpublish`, {})).text).status).toBe("draft");
    expect((await get(`${server.url}/`)).text).not.toContain(`/articles/${slug}"`);
    expect((await get(`${server.url}/articles/${slug}`)).status).toBe(404);

    await call(people.authorA, "POST", `/api/articles/${id}/publish`, {});
    expect((await db().article.findUniqueOrThrow({ where: { id } })).publishedAt).toEqual(firstPublishedAt);
  });

  it("refuses to publish an empty body", async () => {
    const { id } = JSON.parse((await call(people.authorA, "POST", "/api/articles", { title: `Empty ${unique()}`, priceSats: 3 })).text);
    const response = await call(people.authorA, "POST", `/api/articles/${id}/publish`, {});
    expect(response.status).toBe(409);
    expect(errorOf(response).code).toBe("empty_body");
  });
});
