import "server-only";
import { markPublished, markUnpublished, ownArticleSummary } from "@/lib/articles/article-editing-queries";
import type { ArticleCreateInput, ArticleUpdateInput } from "@/lib/articles/article-input";
import { noSuchArticle } from "@/lib/articles/article-id";
import type { ArticleStatus } from "@/lib/articles/article-status";
import { slugify } from "@/lib/articles/slugify";
import { firstFreeSlug, isUniqueViolation, slugTaken } from "@/lib/articles/slugs";
import { db } from "@/lib/db/client";
import { articleTags, invalidatePages } from "@/lib/cache/page-cache";
import { AppError } from "@/lib/errors";
import { cancelOpenInvoices } from "@/lib/payments/withdrawn-articles";

// An author's own articles: create, edit, publish, unpublish. Every write names the author in
// its WHERE clause, so an id that belongs to someone else changes nothing and is answered like an
// unknown id (404), never confirming that it exists. Callers check the role (requireAuthor);
// admins pass that check but, here, only touch articles they wrote themselves.
//
// An article removed by the admins ("deleted_by_admin") is frozen for its author: no publish,
// no unpublish, and no edits either. Its page still shows the title to everyone and the body to
// earlier buyers, so editing would let the author put back on that page what the admins took
// down, and it keeps what the admins reviewed intact until they restore it.

type Author = { id: string };
const EDITABLE: ArticleStatus[] = ["draft", "visible"];

export async function createDraft(author: Author, input: ArticleCreateInput): Promise<{ id: string; slug: string }> {
  const data = { title: input.title, teaser: input.teaser, body: input.body, priceSats: input.priceSats, status: "draft", authorId: author.id };
  if (input.slug) {
    try {
      return await db().article.create({ data: { ...data, slug: input.slug }, select: { id: true, slug: true } });
    } catch (error) {
      throw isUniqueViolation(error) ? slugTaken(input.slug) : error;
    }
  }
  // Generated slug: another author may take the same one between our read and our insert.
  const base = slugify(input.title);
  for (let attempt = 0; ; attempt++) {
    const slug = await firstFreeSlug(base);
    try {
      return await db().article.create({ data: { ...data, slug }, select: { id: true, slug: true } });
    } catch (error) {
      if (!isUniqueViolation(error) || attempt >= 20) throw error;
    }
  }
}

/** Changes the given fields; allowed on drafts and published articles (the page updates at once). */
export async function updateArticle(author: Author, articleId: string, input: ArticleUpdateInput) {
  let count: number;
  try {
    ({ count } = await db().article.updateMany({ where: { id: articleId, authorId: author.id, status: { in: EDITABLE } }, data: input }));
  } catch (error) {
    throw isUniqueViolation(error) && input.slug ? slugTaken(input.slug) : error;
  }
  if (count === 0) await refusal(author, articleId, "edited");
  // Committed: the cached page and lists drop it on every instance (lib/cache/page-cache.ts).
  invalidatePages(articleTags(articleId));
  return summary(author, articleId);
}

/** Makes the article visible; publishedAt is set on the first publish and kept afterwards. */
export async function publishArticle(author: Author, articleId: string) {
  const now = new Date();
  // An empty body would sell nothing (or show nothing, when free).
  const count = await markPublished(author.id, articleId, now);
  if (count === 0) {
    await refusal(author, articleId, "published");
    throw new AppError(409, "Write the article's body before publishing it", "empty_body");
  }
  invalidatePages(articleTags(articleId));
  return summary(author, articleId);
}

/** Back to draft: off the home page, and its page answers 404 (buyers included) until republished. */
export async function unpublishArticle(author: Author, articleId: string) {
  const count = await markUnpublished(author.id, articleId);
  if (count === 0) await refusal(author, articleId, "unpublished");
  invalidatePages(articleTags(articleId));
  // After the change has committed: its open invoices are canceled, so it sells nothing more.
  await cancelOpenInvoices(articleId);
  return summary(author, articleId);
}

/** After a write changed nothing: says why (404 or 403); returns when the article is editable. */
async function refusal(author: Author, articleId: string, action: string) {
  const row = await ownArticleSummary(author.id, articleId);
  if (!row) throw noSuchArticle();
  if (row.status === "deleted_by_admin") {
    throw new AppError(403, `This article was removed by the site's administrators and cannot be ${action} until they restore it`, "removed_by_admin");
  }
}

async function summary(author: Author, articleId: string) {
  const row = await ownArticleSummary(author.id, articleId);
  if (!row) throw noSuchArticle();
  return row;
}
