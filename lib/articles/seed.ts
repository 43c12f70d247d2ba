import "server-only";
import { createHash } from "node:crypto";
import { db } from "@/lib/db/client";
import { SAMPLE_ARTICLES } from "@/lib/articles/sample-articles";
import { secp256k1PublicKey } from "@/lib/lightning/dev-node/secp256k1-public-key";

/** Creates a sample author and articles on an empty site; does nothing once any article exists. */
export async function seedSampleContent(): Promise<{ created: number }> {
  if ((await db().article.count()) > 0) return { created: 0 };
  // A stable, obviously fake identity: the key is derived from a public phrase.
  const identityPubkey = secp256k1PublicKey(createHash("sha256").update("lightning-press sample author").digest("hex"));
  const author = await db().user.create({
    data: { role: "author", profile: { create: { identityPubkey, displayName: "Satoshi Sample", lightningName: "satoshi" } } },
  });
  const now = Date.now();
  for (const [index, article] of SAMPLE_ARTICLES.entries()) {
    await db().article.create({
      data: {
        ...article,
        authorId: author.id,
        publishedAt: article.status === "visible" ? new Date(now - index * 3600_000) : null,
      },
    });
  }
  return { created: SAMPLE_ARTICLES.length };
}
