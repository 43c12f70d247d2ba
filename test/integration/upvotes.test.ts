import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { userAccount } from "@/lib/ledger/accounts";
import { devNode, expectBooksMatchNode } from "@/test/support/books";
import { createArticle } from "@/test/support/fixtures";
import { get } from "@/test/support/http";
import { shareServerDatabase } from "@/test/support/site-data";
import { startSiteServer, type SiteServer } from "@/test/support/site-server";
import { browserAcc, newUpvoter, openArticle, upvote, upvoteInvoice, type Upvoter } from "@/test/support/upvotes";
import { Browser } from "@/test/support/wallet";

// Paid upvotes on the dev node through the production server: four browsers upvote one article
// in turn, and each upvote's journal pays the author and the earlier upvoters exact msats,
// computed here by hand from the settings. Then a site fee and amounts that leave remainders.

const cardOf = (html: string, slug: string) => new RegExp(`href="/articles/${slug}"[\\s\\S]*?data-testid="article-upvotes"[^>]*`).exec(html)?.[0] ?? "";
const decoded = (html: string) => html.replace(/&#x27;|&#39;/g, "'").replace(/&amp;/g, "&").replace(/<!-- -->/g, "");

describe("upvotes at 10 sats, 50% to the author, no site fee", () => {
  let server: SiteServer;
  let article: { id: string; slug: string; authorId: string };
  const upvoters: Upvoter[] = [newUpvoter(), newUpvoter(), newUpvoter(), newUpvoter()];

  beforeAll(async () => {
    server = await startSiteServer({ env: { UPVOTE_SATS: "10", UPVOTE_AUTHOR_PERCENT: "50", SITE_FEE_PERCENT: "0" } });
    await shareServerDatabase(server);
    article = await createArticle({ priceSats: 21 });
  });
  afterAll(async () => server?.stop());

  it("shows the split before paying, and splits each upvote exactly between the author and the earlier upvoters", async () => {
    const author = userAccount(article.authorId);
    const [a, b, c, d] = upvoters as [Upvoter, Upvoter, Upvoter, Upvoter];
    const page = decoded((await openArticle(server.url, a, article.slug)).text);
    expect(page).toContain("Upvote (10 sats)");
    expect(page).toContain("10 sats: 10 to the author (no earlier upvoters to share with yet); site fee 0%");

    const first = await upvote(server.url, a, article);
    expect(first.lines).toEqual({ "node received": -10_000n, [`${author} upvote`]: 10_000n });

    const second = await upvote(server.url, b, article);
    expect(second.lines).toEqual({ "node received": -10_000n, [`${author} upvote`]: 5000n, [`${browserAcc(a)} upvote_share`]: 5000n });

    const third = await upvote(server.url, c, article);
    expect(third.lines).toEqual({ "node received": -10_000n, [`${author} upvote`]: 5000n, [`${browserAcc(a)} upvote_share`]: 2500n, [`${browserAcc(b)} upvote_share`]: 2500n });

    // The fourth: 5,000 msats to the author; 5,000 in three equal parts of 1,666 for a, b and c;
    // the 2 msats left over go to the (lead) author: 5,002.
    const before = decoded((await openArticle(server.url, d, article.slug)).text);
    expect(before).toContain("10 sats: 5.002 to the author, 4.998 shared by the 3 earlier upvoters; site fee 0%");
    const fourth = await upvote(server.url, d, article);
    expect(fourth.split).toBe("10 sats: 5.002 to the author, 4.998 shared by the 3 earlier upvoters; site fee 0%");
    expect(fourth.lines).toEqual({
      "node received": -10_000n,
      [`${author} upvote`]: 5002n,
      [`${browserAcc(a)} upvote_share`]: 1666n,
      [`${browserAcc(b)} upvote_share`]: 1666n,
      [`${browserAcc(c)} upvote_share`]: 1666n,
    });

    // The first upvoter again: never paid a share of their own upvote; the three others share.
    const again = await upvote(server.url, a, article);
    expect(again.paymentId).not.toBe(first.paymentId);
    expect(again.lines[`${browserAcc(a)} upvote_share`]).toBeUndefined();
    expect(again.lines[`${browserAcc(d)} upvote_share`]).toBe(1666n);

    // What a's browser earned: 5,000 + 2,500 + 1,666, shown on its library page.
    const library = await a.browser.get(`${server.url}/library`);
    expect(library.text).toContain('data-testid="upvote-shares-amount" data-msats="9166"');
  });

  it("counts upvotes and their sats on the card and the article", async () => {
    const home = await get(`${server.url}/`);
    expect(cardOf(home.text, article.slug)).toContain('data-upvotes="5" data-upvote-sats="50"');
    const page = await get(`${server.url}/articles/${article.slug}`);
    expect(page.text).toMatch(/data-testid="upvote-count">5</);
    expect(page.text).toMatch(/data-testid="upvote-sats">50 sats</);
    const row = await db().article.findUniqueOrThrow({ where: { id: article.id } });
    expect([row.upvoteCount, row.upvoteSats, row.viewCount]).toEqual([5, 50n, 0]);
  });

  it("keeps one open upvote per browser: asking twice before paying gives the same invoice", async () => {
    const upvoter = newUpvoter();
    await openArticle(server.url, upvoter, article.slug);
    const one = await upvoteInvoice(server.url, upvoter, article.id);
    const two = await upvoteInvoice(server.url, upvoter, article.id);
    expect(two.paymentId).toBe(one.paymentId);
    expect(two.paymentRequest).toBe(one.paymentRequest);
  });

  it("refuses upvotes of removed, unpublished and unknown articles, and browsers without the cookie, with a clear 4xx", async () => {
    const removed = await createArticle({ priceSats: 0, status: "deleted_by_admin" });
    const unpublished = await createArticle({ priceSats: 5, status: "draft" });
    const upvoter = newUpvoter();
    await openArticle(server.url, upvoter, article.slug);
    const gone = await upvoter.browser.send(`${server.url}/api/articles/${removed.id}/upvotes`, "POST", {});
    expect(gone.status).toBe(410);
    expect(gone.json().error.message).toMatch(/removed/);
    expect((await upvoter.browser.send(`${server.url}/api/articles/${unpublished.id}/upvotes`, "POST", {})).status).toBe(404);
    expect((await upvoter.browser.send(`${server.url}/api/articles/${"x".repeat(25)}/upvotes`, "POST", {})).status).toBe(404);
    expect((await upvoter.browser.send(`${server.url}/api/articles/not-an-id/upvotes`, "POST", {})).status).toBe(404);
    const cookieless = await new Browser().send(`${server.url}/api/articles/${article.id}/upvotes`, "POST", {});
    expect(cookieless.status).toBe(400);
    expect(await db().payment.count({ where: { articleId: { in: [removed.id, unpublished.id] } } })).toBe(0);
    // An article removed after its page was opened: the next upvote is refused too.
    await db().article.update({ where: { id: article.id }, data: { status: "deleted_by_admin" } });
    const late = newUpvoter();
    late.browser.keep(upvoter.browser.jar);
    expect((await late.browser.send(`${server.url}/api/articles/${article.id}/upvotes`, "POST", {})).status).toBe(410);
    await db().article.update({ where: { id: article.id }, data: { status: "visible" } });
    expect(server.logs()).not.toMatch(/unhandled route error/);
    await expectBooksMatchNode(devNode);
  });
});

describe("upvotes at 7 sats with a 5% site fee", () => {
  let server: SiteServer;

  beforeAll(async () => {
    server = await startSiteServer({ env: { UPVOTE_SATS: "7", UPVOTE_AUTHOR_PERCENT: "50", SITE_FEE_PERCENT: "5" } });
    await shareServerDatabase(server);
  });
  afterAll(async () => server?.stop());

  it("takes the fee off the top and gives the rounding remainder to the lead author", async () => {
    const article = await createArticle({ priceSats: 0 });
    const author = userAccount(article.authorId);
    const [a, b, c, d] = [newUpvoter(), newUpvoter(), newUpvoter(), newUpvoter()];
    // 7,000 msats: fee 5% = 350; 6,650 left, half (3,325) to the author.
    expect((await upvote(server.url, a, article)).lines).toEqual({ "node received": -7000n, "site site_fee": 350n, [`${author} upvote`]: 6650n });
    expect((await upvote(server.url, b, article)).lines).toEqual({ "node received": -7000n, "site site_fee": 350n, [`${author} upvote`]: 3325n, [`${browserAcc(a)} upvote_share`]: 3325n });
    // 3,325 in two parts: 1,662 each and 1 left over, to the author: 3,326.
    expect((await upvote(server.url, c, article)).lines).toEqual({
      "node received": -7000n,
      "site site_fee": 350n,
      [`${author} upvote`]: 3326n,
      [`${browserAcc(a)} upvote_share`]: 1662n,
      [`${browserAcc(b)} upvote_share`]: 1662n,
    });
    // 3,325 in three parts: 1,108 each and 1 left over: 3,326 to the author.
    const fourth = await upvote(server.url, d, article);
    expect(fourth.split).toBe("7 sats: 3.326 to the author, 3.324 shared by the 3 earlier upvoters; site fee 5% (0.35 sats)");
    expect(fourth.lines).toEqual({
      "node received": -7000n,
      "site site_fee": 350n,
      [`${author} upvote`]: 3326n,
      [`${browserAcc(a)} upvote_share`]: 1108n,
      [`${browserAcc(b)} upvote_share`]: 1108n,
      [`${browserAcc(c)} upvote_share`]: 1108n,
    });
    await expectBooksMatchNode(devNode);
  });
});
