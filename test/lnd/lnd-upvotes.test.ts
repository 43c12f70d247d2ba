import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { userAccount } from "@/lib/ledger/accounts";
import { bobWallet } from "@/test/support/bob-wallet";
import { aliceNode, expectBooksMatchNode } from "@/test/support/books";
import { createArticle, waitFor } from "@/test/support/fixtures";
import { paymentIdIn } from "@/test/support/http";
import { newReaderInvoice } from "@/test/support/reader";
import { aliceSettings } from "@/test/support/regtest-network";
import { shareServerDatabase } from "@/test/support/site-data";
import { startSiteServer, type SiteServer } from "@/test/support/site-server";
import { browserAcc, journalLines, newUpvoter, upvote } from "@/test/support/upvotes";

// Paid upvotes and a co-authored sale on alice, every invoice paid by bob through the channel:
// four browsers (four cookies, one wallet) upvote in turn, and the ledger splits each to the
// msat; the books equal what alice says she received.
let server: SiteServer;
let bob: ReturnType<typeof bobWallet>;
const payWithBob = async (invoice: string) => void (await bob.pay(invoice));

beforeAll(async () => {
  server = await startSiteServer({ env: { ...aliceSettings(), UPVOTE_SATS: "10", UPVOTE_AUTHOR_PERCENT: "50", SITE_FEE_PERCENT: "0" } });
  await shareServerDatabase(server);
  bob = bobWallet();
});
afterAll(async () => server?.stop());

describe("upvotes and co-authors on LND", () => {
  it("splits the fourth upvote between the author and the three earlier upvoters, exact msats", async () => {
    const article = await createArticle({ priceSats: 0 });
    const author = userAccount(article.authorId);
    const [a, b, c, d] = [newUpvoter(), newUpvoter(), newUpvoter(), newUpvoter()];
    expect((await upvote(server.url, a, article, payWithBob)).lines).toEqual({ "node received": -10_000n, [`${author} upvote`]: 10_000n });
    expect((await upvote(server.url, b, article, payWithBob)).lines).toEqual({ "node received": -10_000n, [`${author} upvote`]: 5000n, [`${browserAcc(a)} upvote_share`]: 5000n });
    await upvote(server.url, c, article, payWithBob);
    const fourth = await upvote(server.url, d, article, payWithBob);
    // 5,000 to the author, 5,000 in three parts of 1,666, the 2 left over to the author.
    expect(fourth.lines).toEqual({
      "node received": -10_000n,
      [`${author} upvote`]: 5002n,
      [`${browserAcc(a)} upvote_share`]: 1666n,
      [`${browserAcc(b)} upvote_share`]: 1666n,
      [`${browserAcc(c)} upvote_share`]: 1666n,
    });
    expect((await db().article.findUniqueOrThrow({ where: { id: article.id } })).upvoteCount).toBe(4);
  });

  it("splits a co-authored sale 60/40 to the msat", async () => {
    const article = await createArticle({ priceSats: 21 });
    const coAuthor = await db().user.create({
      data: { role: "author", profile: { create: { identityPubkey: `03${randomBytes(32).toString("hex")}`, displayName: "Co-author" } } },
    });
    await db().articleAuthor.createMany({
      data: [
        { articleId: article.id, userId: article.authorId, sharePercent: 60, position: 0 },
        { articleId: article.id, userId: coAuthor.id, sharePercent: 40, position: 1 },
      ],
    });
    const reader = await newReaderInvoice(server.url, article.slug);
    await bob.pay(reader.invoice);
    const paymentId = paymentIdIn(reader.html);
    await waitFor(async () => (await db().payment.findUnique({ where: { id: paymentId } }))?.status === "complete", { timeoutMs: 20_000, intervalMs: 100 });
    expect(await journalLines(paymentId)).toEqual({ "node received": -21_000n, [`${userAccount(article.authorId)} sale`]: 12_600n, [`${userAccount(coAuthor.id)} sale`]: 8400n });
    await expectBooksMatchNode(aliceNode());
  });
});
