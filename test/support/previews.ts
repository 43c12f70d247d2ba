import { randomBytes } from "node:crypto";
import { db } from "@/lib/db/client";
import { waitFor } from "./fixtures";
import { postJson, get } from "./http";
import { newReaderInvoice } from "./reader";

/** An author with a display name of its own choosing (feeds and previews show it). */
export async function createAuthor(displayName: string) {
  return db().user.create({ data: { role: "author", profile: { create: { identityPubkey: `02${randomBytes(32).toString("hex")}`, displayName } } } });
}

/** An article of that author; published now unless `status`/`publishedAt` say otherwise. */
export async function createAuthorArticle(authorId: string, input: { title: string; priceSats: number; body?: string; teaser?: string; status?: string; publishedAt?: Date | null }) {
  const suffix = randomBytes(4).toString("hex");
  return db().article.create({
    data: {
      slug: `preview-${suffix}`,
      title: input.title,
      teaser: input.teaser ?? `Teaser ${suffix}.`,
      body: input.body ?? `Body ${suffix}.`,
      priceSats: input.priceSats,
      status: input.status ?? "visible",
      publishedAt: input.publishedAt === undefined ? new Date() : input.publishedAt,
      authorId,
    },
  });
}

/** A new browser that buys the article with the dev wallet; returns its cookie once the page shows `bodyText`. */
export async function buyingBrowser(baseUrl: string, slug: string, bodyText: string): Promise<string> {
  const { cookie, invoice } = await newReaderInvoice(baseUrl, slug);
  await postJson(`${baseUrl}/api/dev/wallet/pay`, { invoice });
  await waitFor(async () => (await get(`${baseUrl}/articles/${slug}`, { cookie })).text.includes(bodyText));
  return cookie;
}

/** The raw bytes of a GET (images). */
export async function getBytes(url: string, headers: Record<string, string> = {}) {
  const response = await fetch(url, { headers, redirect: "manual" });
  return { status: response.status, headers: response.headers, bytes: Buffer.from(await response.arrayBuffer()) };
}

/** Width and height from a PNG's IHDR chunk, after checking the 8-byte signature. */
export function pngSize(bytes: Buffer): { width: number; height: number } {
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  if (!bytes.subarray(0, 8).equals(signature)) throw new Error("not a PNG");
  if (bytes.toString("latin1", 12, 16) !== "IHDR") throw new Error("PNG without IHDR first");
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

/**
 * A page's meta tags, as `property-or-name -> content` (the last one wins). The whole document
 * is searched: Next.js streams metadata into the body for browsers (crawlers get it in <head>).
 */
export function metaTags(html: string): Map<string, string> {
  const tags = new Map<string, string>();
  for (const match of html.matchAll(/<meta\s+([^>]*?)\/?>/g)) {
    const attrs = Object.fromEntries([...match[1]!.matchAll(/([a-zA-Z:-]+)="([^"]*)"/g)].map((pair) => [pair[1]!, decodeEntities(pair[2]!)]));
    const key = attrs.property ?? attrs.name;
    if (key && attrs.content !== undefined) tags.set(key, attrs.content);
  }
  return tags;
}

export function decodeEntities(text: string): string {
  return text.replace(/&(lt|gt|quot|#39|#x27|amp);/g, (_, name: string) => ({ lt: "<", gt: ">", quot: '"', "#39": "'", "#x27": "'", amp: "&" })[name]!);
}
