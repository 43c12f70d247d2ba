import "server-only";
import { noSuchArticle } from "@/lib/articles/article-id";
import type { ArticleStatus } from "@/lib/articles/article-status";
import { articleStatus, moveArticleStatus } from "@/lib/articles/moderation-queries";
import { articleTags, invalidatePages } from "@/lib/cache/page-cache";
import { AppError } from "@/lib/errors";
import { cancelOpenInvoices } from "@/lib/payments/withdrawn-articles";

// Admins take a published article down (visible -> deleted_by_admin) and put it back. Each is one
// conditional UPDATE, so two admins clicking at once change it once. Repeating an action that
// is already done answers as done (changed: false); an article in any other state (a draft) is
// a 409. Callers check the role (requireAdmin).

type Moderation = { id: string; status: ArticleStatus; changed: boolean };

export async function removeArticle(articleId: string): Promise<Moderation> {
  const count = await moveArticleStatus(articleId, "visible", "deleted_by_admin");
  if (count === 1) invalidatePages(articleTags(articleId));
  const result = count === 1 ? { id: articleId, status: "deleted_by_admin" as const, changed: true } : await unchanged(articleId, "deleted_by_admin", "Only a published article can be removed; this one is a draft");
  // After the change has committed: nothing of it is sold from now on (repeating it is harmless).
  await cancelOpenInvoices(articleId);
  return result;
}

export async function restoreArticle(articleId: string): Promise<Moderation> {
  const count = await moveArticleStatus(articleId, "deleted_by_admin", "visible");
  if (count === 1) invalidatePages(articleTags(articleId));
  if (count === 1) return { id: articleId, status: "visible", changed: true };
  return unchanged(articleId, "visible", "Only a removed article can be restored; this one is a draft");
}

async function unchanged(articleId: string, target: ArticleStatus, conflict: string): Promise<Moderation> {
  const row = await articleStatus(articleId);
  if (!row) throw noSuchArticle();
  if (row.status === target) return { id: articleId, status: target, changed: false };
  throw new AppError(409, conflict, "wrong_status");
}
