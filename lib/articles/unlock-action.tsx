"use server";

import { ArticleBody } from "@/components/article-body";
import { unlockedBody } from "@/lib/articles/unlocked-body";
import { currentReader } from "@/lib/buyers/reader";
import { isDatabaseUnavailable } from "@/lib/db/database-unavailable";

export type UnlockResult = { ok: true; body: React.ReactNode } | { ok: false; status: number; code: string; message: string };

/**
 * The paywall's unlock (components/paywall/unlock-swap.tsx): once its payment settled, one POST
 * returns the rendered <ArticleBody> (RSC payload) to swap in where the paywall was, instead of a
 * full re-render of the page. A server action rather than a route because the body stays React
 * elements from the same renderer as the page (no HTML string to inject, no second Markdown
 * path). Refusals are values with an HTTP-like status; the browser then refreshes the page.
 */
export async function unlockArticle(paymentId: string): Promise<UnlockResult> {
  try {
    const unlocked = await unlockedBody(paymentId, await currentReader());
    if (!unlocked.ok) return unlocked;
    return { ok: true, body: <ArticleBody markdown={unlocked.body} /> };
  } catch (error) {
    if (isDatabaseUnavailable(error)) return { ok: false, status: 503, code: "database_unavailable", message: "Try again shortly" };
    throw error;
  }
}
