import { randomBytes } from "node:crypto";
import { db } from "@/lib/db/client";
import { newBuyerId } from "@/lib/buyers/reader-cookies";

/** An author and one visible article; returns the article. */
export async function createArticle(input: { priceSats: number; body?: string; slug?: string; title?: string; status?: string }) {
  const suffix = randomBytes(4).toString("hex");
  const author = await db().user.create({
    data: { role: "author", profile: { create: { identityPubkey: `02${randomBytes(32).toString("hex")}`, displayName: `Author ${suffix}` } } },
  });
  return db().article.create({
    data: {
      slug: input.slug ?? `test-article-${suffix}`,
      title: input.title ?? `Test article ${suffix}`,
      teaser: "A public teaser.",
      body: input.body ?? "The paid body.",
      priceSats: input.priceSats,
      status: input.status ?? "visible",
      publishedAt: new Date(),
      authorId: author.id,
    },
  });
}

export function buyerId() {
  return newBuyerId();
}

export async function waitFor<T>(probe: () => Promise<T | null | undefined | false>, { timeoutMs = 5000, intervalMs = 25 } = {}): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}
