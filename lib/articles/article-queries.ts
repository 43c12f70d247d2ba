import "server-only";
import { db } from "@/lib/db/client";
import { isValidSlug } from "@/lib/articles/article-status";

// Public reads. None of these select the paid body: it is read only by getPaidBody, and only
// after an access check (lib/articles/article-access.ts).

const completedViews = { where: { purpose: "view", status: "complete" } } as const;

export async function listVisibleArticles() {
  const rows = await db().article.findMany({
    where: { status: "visible" },
    orderBy: [{ publishedAt: "desc" }, { createdAt: "desc" }],
    select: {
      id: true,
      slug: true,
      title: true,
      teaser: true,
      priceSats: true,
      publishedAt: true,
      author: { select: { profile: { select: { displayName: true } } } },
      _count: { select: { payments: completedViews } },
    },
  });
  return rows.map(({ _count, author, ...article }) => ({ ...article, authorName: author.profile?.displayName ?? "Anonymous", views: _count.payments }));
}

export type ArticleListItem = Awaited<ReturnType<typeof listVisibleArticles>>[number];

/** The public part of a visible article, or null (unknown, malformed, draft or removed). */
export async function findPublicArticle(slug: string) {
  if (!isValidSlug(slug)) return null;
  const article = await db().article.findUnique({
    where: { slug },
    select: {
      id: true,
      slug: true,
      title: true,
      teaser: true,
      priceSats: true,
      status: true,
      publishedAt: true,
      updatedAt: true,
      author: { select: { profile: { select: { displayName: true } } } },
    },
  });
  if (!article || article.status !== "visible") return null;
  const { author, ...rest } = article;
  return { ...rest, authorName: author.profile?.displayName ?? "Anonymous" };
}

export type PublicArticle = NonNullable<Awaited<ReturnType<typeof findPublicArticle>>>;

export async function countCompletedViews(articleId: string) {
  return db().payment.count({ where: { articleId, ...completedViews.where } });
}
