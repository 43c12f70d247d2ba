import { randomBytes } from "node:crypto";
import { beforeEach, describe, expect, it } from "vitest";
import { createDraft, publishArticle, unpublishArticle, updateArticle } from "@/lib/articles/article-editing";
import { parseArticleCreate } from "@/lib/articles/article-input";
import { removeArticle, restoreArticle } from "@/lib/articles/article-moderation";
import { db } from "@/lib/db/client";
import { isAppError } from "@/lib/errors";
import { useFreshDatabase } from "@/test/support/test-database";

async function newAuthor() {
  return db().user.create({ data: { role: "author", profile: { create: { identityPubkey: `02${randomBytes(32).toString("hex")}`, displayName: "A" } } } });
}

async function refusal(run: () => Promise<unknown>) {
  try {
    await run();
  } catch (error) {
    if (!isAppError(error)) throw error;
    return { status: error.status, code: error.code, message: error.message };
  }
  throw new Error("expected a refusal");
}

const article = (id: string) => db().article.findUniqueOrThrow({ where: { id } });
const draft = (title: string, extra: Record<string, unknown> = {}) => parseArticleCreate({ title, priceSats: 10, body: "Body.", ...extra });

beforeEach(async () => {
  await useFreshDatabase();
});

describe("article editing", () => {
  it("creates drafts with generated slugs made unique by -2, -3 and refuses a typed slug that is taken", async () => {
    const a = await newAuthor();
    const b = await newAuthor();
    expect((await createDraft(a, draft("Hello world"))).slug).toBe("hello-world");
    expect((await createDraft(b, draft("Hello, World!"))).slug).toBe("hello-world-2");
    expect((await createDraft(a, draft("hello world"))).slug).toBe("hello-world-3");
    expect(await refusal(() => createDraft(b, draft("Other", { slug: "hello-world" })))).toMatchObject({ status: 409, code: "slug_taken" });
    const created = await createDraft(b, draft("Other", { slug: "my-own" }));
    expect(await article(created.id)).toMatchObject({ slug: "my-own", status: "draft", authorId: b.id, publishedAt: null, priceSats: 10 });
  });

  it("gives concurrent drafts with the same title distinct slugs", async () => {
    const a = await newAuthor();
    const slugs = await Promise.all(Array.from({ length: 6 }, () => createDraft(a, draft("Same title"))));
    expect(new Set(slugs.map((s) => s.slug)).size).toBe(6);
  });

  it("updates only the author's own article; another author's id is a 404 and changes nothing", async () => {
    const a = await newAuthor();
    const b = await newAuthor();
    const { id } = await createDraft(a, draft("Mine"));
    await updateArticle(a, id, { title: "Renamed", priceSats: 0 });
    expect(await article(id)).toMatchObject({ title: "Renamed", priceSats: 0, slug: "mine" });
    for (const attempt of [() => updateArticle(b, id, { title: "Hijacked" }), () => publishArticle(b, id), () => unpublishArticle(b, id)]) {
      expect(await refusal(attempt)).toEqual({ status: 404, code: "no_such_article", message: "No such article" });
    }
    expect(await refusal(() => updateArticle(a, "c".repeat(25), { title: "x" }))).toMatchObject({ status: 404 });
    expect(await article(id)).toMatchObject({ title: "Renamed", status: "draft" });
    await createDraft(b, draft("Theirs", { slug: "theirs" }));
    expect(await refusal(() => updateArticle(a, id, { slug: "theirs" }))).toMatchObject({ status: 409, code: "slug_taken" });
    expect((await updateArticle(a, id, { slug: "mine" })).slug).toBe("mine");
  });

  it("sets publishedAt on the first publish and keeps it when republished; unpublish goes back to draft", async () => {
    const a = await newAuthor();
    const { id } = await createDraft(a, draft("Dated"));
    expect(await publishArticle(a, id)).toMatchObject({ status: "visible" });
    const first = (await article(id)).publishedAt!;
    expect(first).toBeInstanceOf(Date);
    expect(await unpublishArticle(a, id)).toMatchObject({ status: "draft" });
    await new Promise((resolve) => setTimeout(resolve, 5));
    await publishArticle(a, id);
    await publishArticle(a, id);
    expect((await article(id)).publishedAt).toEqual(first);
    await updateArticle(a, id, { body: "Edited after publishing." });
    expect(await article(id)).toMatchObject({ status: "visible", body: "Edited after publishing." });
  });

  it("refuses to publish an empty body", async () => {
    const a = await newAuthor();
    const { id } = await createDraft(a, parseArticleCreate({ title: "Empty", priceSats: 5 }));
    expect(await refusal(() => publishArticle(a, id))).toMatchObject({ status: 409, code: "empty_body" });
    expect((await article(id)).status).toBe("draft");
  });
});

describe("moderation", () => {
  it("removes and restores published articles once, answers a repeat as done, and a draft with 409", async () => {
    const a = await newAuthor();
    const { id } = await createDraft(a, draft("Moderated"));
    expect(await refusal(() => removeArticle(id))).toMatchObject({ status: 409, code: "wrong_status" });
    expect(await refusal(() => restoreArticle(id))).toMatchObject({ status: 409, code: "wrong_status" });
    await publishArticle(a, id);
    const removals = await Promise.all([removeArticle(id), removeArticle(id), removeArticle(id)]);
    expect(removals.filter((r) => r.changed)).toHaveLength(1);
    expect((await article(id)).status).toBe("deleted_by_admin");

    // Frozen for its author while removed.
    for (const attempt of [() => publishArticle(a, id), () => unpublishArticle(a, id), () => updateArticle(a, id, { title: "Sneaky" })]) {
      expect(await refusal(attempt)).toMatchObject({ status: 403, code: "removed_by_admin" });
    }
    expect(await article(id)).toMatchObject({ status: "deleted_by_admin", title: "Moderated" });

    expect(await restoreArticle(id)).toEqual({ id, status: "visible", changed: true });
    expect(await restoreArticle(id)).toEqual({ id, status: "visible", changed: false });
    expect(await refusal(() => removeArticle("z".repeat(25)))).toMatchObject({ status: 404 });
  });
});
