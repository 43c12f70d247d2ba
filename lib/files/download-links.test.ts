import { randomBytes } from "node:crypto";
import { beforeEach, describe, expect, it } from "vitest";
import { listFileDownloads } from "@/lib/buyers/library-file-queries";
import type { Reader } from "@/lib/buyers/reader";
import { db } from "@/lib/db/client";
import { findLinkByToken, takeDownloadUse } from "@/lib/files/download-link-queries";
import { linkFor } from "@/lib/files/download-links";
import { downloadLinksText } from "@/lib/files/download-mail-lines";
import { decodeCursor, type Cursor, PAGE_SIZE } from "@/lib/pagination/keyset-cursor";
import { buyerId, createArticle } from "@/test/support/fixtures";
import { useFreshDatabase } from "@/test/support/test-database";

// Download links on a real SQLite file: issued once per (entitlement, file, round), counted by
// one conditional UPDATE, stopped by DOWNLOAD_DAYS and by the pass they are held under; the
// library's file list walks its keyset pages with each purchase once.

const DAY = 24 * 3600_000;

beforeEach(async () => {
  await useFreshDatabase({ DOWNLOAD_DAYS: "2", DOWNLOAD_LIMIT: "3" });
});

async function fileOf(article: { id: string; authorId: string }) {
  return db().storedFile.create({
    data: { ownerId: article.authorId, articleId: article.id, title: "File", fileName: "f.pdf", mimeType: "application/pdf", sizeBytes: 10, sha256: "0".repeat(64), storageKey: randomBytes(16).toString("hex"), status: "visible" },
  });
}

async function purchase(buyer: string, article: { id: string }, at = new Date(), kind = "read", validUntil: Date | null = null) {
  const payment = await db().payment.create({ data: { buyerId: buyer, articleId: article.id, purpose: "view", amountSats: 5, status: "complete", settledAt: at } });
  return db().entitlement.create({ data: { paymentId: payment.id, buyerId: buyer, kind, resource: kind === "read" ? `article:${article.id}` : "pass:site", articleId: kind === "read" ? article.id : null, validUntil, createdAt: at } });
}

const reader = (buyer: string): Reader => ({ buyerId: buyer, receiptPaymentIds: [], freshBuyer: false, userId: null });

describe("download links", () => {
  it("are issued once per entitlement, file and round, with DOWNLOAD_LIMIT uses and DOWNLOAD_DAYS", async () => {
    const article = await createArticle({ priceSats: 5 });
    const file = await fileOf(article);
    const buyer = buyerId();
    await db().buyer.create({ data: { id: buyer } });
    const entitlement = await purchase(buyer, article);
    const now = new Date();
    const [first, again] = await Promise.all([linkFor(entitlement.id, file.id, { now }), linkFor(entitlement.id, file.id)]);
    expect(first!.token).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect(again!.token).toBe(first!.token);
    expect(first!.usesLeft).toBe(3);
    expect(first!.expiresAt!.getTime()).toBe(now.getTime() + 2 * DAY);
    const fresh = await linkFor(entitlement.id, file.id, { round: 2 });
    expect(fresh!.token).not.toBe(first!.token);
    expect(await db().downloadLink.count()).toBe(2);
    expect(await linkFor("no-such-entitlement", file.id)).toBeNull();

    const link = (await findLinkByToken(first!.token))!;
    const taken = [];
    for (let n = 0; n < 5; n++) taken.push(await takeDownloadUse(link.id));
    expect(taken).toEqual([true, true, true, false, false]);
    // Past its end the fresh link takes no download either.
    const freshLink = (await findLinkByToken(fresh!.token))!;
    expect(await takeDownloadUse(freshLink.id, new Date(Date.now() + 3 * DAY))).toBe(false);
    expect(await takeDownloadUse(freshLink.id)).toBe(true);
  });

  it("never outlive the pass they are held under", async () => {
    const article = await createArticle({ priceSats: 5 });
    const file = await fileOf(article);
    const buyer = buyerId();
    await db().buyer.create({ data: { id: buyer } });
    const passUntil = new Date(Date.now() + 3600_000);
    const pass = await purchase(buyer, article, new Date(), "pass", passUntil);
    expect((await linkFor(pass.id, file.id, { passUntil }))!.expiresAt!.getTime()).toBe(passUntil.getTime());
  });
});

describe("the library's files", () => {
  it("walks its pages with each purchase once (the latest of a user's browsers) and shows the downloads left", async () => {
    const user = await db().user.create({ data: {} });
    const [phone, laptop] = [buyerId(), buyerId()];
    for (const id of [phone, laptop]) await db().buyer.create({ data: { id, userId: user.id } });
    const base = Date.UTC(2026, 5, 1);
    const articles = [];
    for (let i = 0; i < PAGE_SIZE + 5; i++) {
      const article = await createArticle({ priceSats: 5 });
      await fileOf(article);
      await purchase(phone, article, new Date(base + i * 60_000));
      articles.push(article);
    }
    // An article without files is not listed; one bought again from the laptop is listed once.
    await purchase(phone, await createArticle({ priceSats: 5 }), new Date(base));
    const again = await purchase(laptop, articles[3]!, new Date(base + 1000 * 60_000));
    const file = await db().storedFile.findFirstOrThrow({ where: { articleId: articles[3]!.id } });
    const link = await linkFor(again.id, file.id);
    await takeDownloadUse((await findLinkByToken(link!.token))!.id);

    const signedIn: Reader = { buyerId: null, receiptPaymentIds: [], freshBuyer: false, userId: user.id };
    const pages = [];
    let before: Cursor | null = null;
    for (;;) {
      const page = await listFileDownloads(signedIn, before);
      pages.push(page.items);
      if (!page.older) break;
      before = decodeCursor(page.older);
    }
    const groups = pages.flat();
    expect(pages).toHaveLength(2);
    expect(groups).toHaveLength(PAGE_SIZE + 5);
    expect(new Set(groups.map((group) => group.entitlementId)).size).toBe(groups.length);
    expect(groups[0]!.entitlementId).toBe(again.id);
    expect(groups[0]!.files[0]).toMatchObject({ fileId: file.id, usesLeft: 2, expired: false });
    expect(groups[1]!.files[0]!.usesLeft).toBe(3);
    // Another browser sees none of it.
    expect((await listFileDownloads(reader(buyerId()))).items).toEqual([]);
  });
});

describe("the receipt's download part", () => {
  it("lists a link per file the payment holds, made in the transaction it is given (the link is the purchase's own)", async () => {
    const article = await createArticle({ priceSats: 5 });
    const [one, two] = [await fileOf(article), await fileOf(article)];
    const buyer = buyerId();
    await db().buyer.create({ data: { id: buyer } });
    const entitlement = await purchase(buyer, article);
    const text = await db().$transaction((tx) => downloadLinksText(tx, entitlement.paymentId, "https://press.example"));
    const tokens = [...(text ?? "").matchAll(/https:\/\/press\.example\/d\/([A-Za-z0-9_-]{32})/g)].map((match) => match[1]);
    expect(tokens).toHaveLength(2);
    expect(text).toContain("File (f.pdf), 3 downloads until ");
    expect(tokens[0]).toBe((await linkFor(entitlement.id, one.id))!.token);
    expect(tokens[1]).toBe((await linkFor(entitlement.id, two.id))!.token);
    // A transaction that rolls back takes its links along.
    const stranger = buyerId();
    await db().buyer.create({ data: { id: stranger } });
    const other = await purchase(stranger, article);
    await db().$transaction(async (tx) => {
      await downloadLinksText(tx, other.paymentId, "https://press.example");
      throw new Error("rolled back");
    }).catch(() => {});
    expect(await db().downloadLink.count({ where: { entitlementId: other.id } })).toBe(0);
    // A payment without files has no download part.
    expect(await downloadLinksText(db(), (await purchase(buyer, await createArticle({ priceSats: 5 }))).paymentId, "https://press.example")).toBeNull();
  });
});
