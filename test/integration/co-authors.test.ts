import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { userAccount } from "@/lib/ledger/accounts";
import { errorOf, send, signInActors } from "@/test/support/authors";
import { devNode, expectBooksMatchNode } from "@/test/support/books";
import { waitFor } from "@/test/support/fixtures";
import { get, paymentIdIn, postJson } from "@/test/support/http";
import { newReaderInvoice } from "@/test/support/reader";
import { shareServerDatabase } from "@/test/support/site-data";
import { startSiteServer, type SiteServer } from "@/test/support/site-server";
import { browserAcc, journalLines, newUpvoter, upvote } from "@/test/support/upvotes";

// Co-authored articles: the lead author sets shares in the editor (refused unless they name
// authors of the site and sum to 100), and sales and upvotes are split by them to the msat.

let server: SiteServer;
let people: Awaited<ReturnType<typeof signInActors>>;
let article: { id: string; slug: string };

beforeAll(async () => {
  server = await startSiteServer({ env: { UPVOTE_SATS: "10", UPVOTE_AUTHOR_PERCENT: "50", SITE_FEE_PERCENT: "0" } });
  await shareServerDatabase(server);
  people = await signInActors(server.url);
  const created = await send(server.url, people.authorA, "POST", "/api/articles", { title: "Written together", priceSats: 21, teaser: "Two of us.", body: "The paid part." });
  expect(created.status, created.text).toBe(201);
  article = JSON.parse(created.text);
  expect((await send(server.url, people.authorA, "POST", `/api/articles/${article.id}/publish`, {})).status).toBe(200);
});
afterAll(async () => server?.stop());

const setShares = (value: unknown, who = people.authorA) => send(server.url, who, "PUT", `/api/articles/${article.id}/authors`, value);

describe("co-authors", () => {
  it("refuses shares that do not sum to 100, unknown or non-author co-authors, and anyone but the lead author", async () => {
    const b = people.authorB.userId!;
    const short = await setShares({ leadPercent: 60, coAuthors: [{ who: b, percent: 30 }] });
    expect(short.status).toBe(400);
    expect(errorOf(short)).toMatchObject({ code: "invalid_shares" });
    expect(errorOf(short).message).toMatch(/add up to 90%, not 100%/);
    const over = await setShares({ leadPercent: 70, coAuthors: [{ who: b, percent: 40 }] });
    expect(errorOf(over).message).toMatch(/110%/);
    expect(errorOf(await setShares({ leadPercent: 60.5, coAuthors: [{ who: b, percent: 39.5 }] })).message).toMatch(/whole percent/);
    expect(errorOf(await setShares({ leadPercent: 100, coAuthors: [{ who: b, percent: 0 }] })).message).toMatch(/at least 1%/);
    const unknown = await setShares({ leadPercent: 60, coAuthors: [{ who: "nobody-by-this-name", percent: 40 }] });
    expect(unknown.status).toBe(400);
    expect(errorOf(unknown)).toMatchObject({ code: "unknown_co_author" });
    expect(errorOf(unknown).message).toMatch(/nobody-by-this-name/);
    expect(errorOf(await setShares({ leadPercent: 60, coAuthors: [{ who: people.reader.userId!, percent: 40 }] }))).toMatchObject({ code: "not_an_author" });
    expect(errorOf(await setShares({ leadPercent: 60, coAuthors: [{ who: people.authorA.userId!, percent: 40 }] })).message).toMatch(/is you/);
    expect(errorOf(await setShares({ leadPercent: 50, coAuthors: [{ who: b, percent: 25 }, { who: b, percent: 25 }] })).message).toMatch(/twice/);
    expect(errorOf(await setShares({ leadPercent: 60, coAuthors: [{ who: b, percent: 40 }], extra: 1 })).code).toBe("invalid_shares");
    expect((await setShares({ leadPercent: 60, coAuthors: [{ who: b, percent: 40 }] }, people.authorB)).status).toBe(404);
    expect((await setShares({ leadPercent: 60, coAuthors: [{ who: b, percent: 40 }] }, people.reader)).status).toBe(403);
    expect((await setShares({ leadPercent: 60, coAuthors: [{ who: b, percent: 40 }] }, people.anonymous)).status).toBe(401);
    expect(await db().articleAuthor.count({ where: { articleId: article.id } })).toBe(0);
  });

  it("finds co-authors by Lightning Address name or display name, and stores the lead first", async () => {
    await db().profile.update({ where: { userId: people.authorB.userId! }, data: { lightningName: "bee", displayName: "Author Bee" } });
    const byAddress = await setShares({ leadPercent: 70, coAuthors: [{ who: "bee@127.0.0.1", percent: 30 }] });
    expect(byAddress.status, byAddress.text).toBe(200);
    const byName = await setShares({ leadPercent: 60, coAuthors: [{ who: "Author Bee", percent: 40 }] });
    expect(byName.status, byName.text).toBe(200);
    const rows = await db().articleAuthor.findMany({ where: { articleId: article.id }, orderBy: { position: "asc" } });
    expect(rows.map((row) => [row.userId, row.sharePercent, row.position])).toEqual([
      [people.authorA.userId, 60, 0],
      [people.authorB.userId, 40, 1],
    ]);
    const page = await get(`${server.url}/articles/${article.slug}`);
    expect(page.text).toContain(`<a data-testid="coauthor-link" href="/authors/${people.authorB.userId}">Author Bee</a>`);
  });

  it("splits a sale 60/40 and an upvote's authors' part 60/40 (remainder to the lead), to the msat", async () => {
    const a = userAccount(people.authorA.userId!);
    const b = userAccount(people.authorB.userId!);
    // A 21-sat sale: 12,600 and 8,400 msats (whole sats split by whole percents never round).
    const { cookie, invoice, html } = await newReaderInvoice(server.url, article.slug);
    expect((await postJson(`${server.url}/api/dev/wallet/pay`, { invoice }, { cookie })).status).toBe(200);
    const saleId = paymentIdIn(html);
    await waitFor(async () => (await db().payment.findUnique({ where: { id: saleId } }))?.status === "complete", { timeoutMs: 20_000 });
    expect(await journalLines(saleId)).toEqual({ "node received": -21_000n, [`${a} sale`]: 12_600n, [`${b} sale`]: 8400n });

    // Four upvotes; the fourth leaves 5,000 to the authors plus the 2 msats the three equal
    // parts (1,666) leave over: 5,002 split 60/40 is 3,001.2 and 2,000.8, rounded down to 3,001
    // and 2,000, and the 1 msat left goes to the lead: 3,002 and 2,000.
    const upvoters = [newUpvoter(), newUpvoter(), newUpvoter(), newUpvoter()];
    for (const upvoter of upvoters.slice(0, 3)) await upvote(server.url, upvoter, article);
    const fourth = await upvote(server.url, upvoters[3]!, article);
    expect(fourth.split).toBe("10 sats: 5.002 to the 2 authors, 4.998 shared by the 3 earlier upvoters; site fee 0%");
    expect(fourth.lines).toEqual({
      "node received": -10_000n,
      [`${a} upvote`]: 3002n,
      [`${b} upvote`]: 2000n,
      ...Object.fromEntries(upvoters.slice(0, 3).map((upvoter) => [`${browserAcc(upvoter)} upvote_share`, 1666n])),
    });
  });

  it("shows each author their own share on the dashboard, the co-author under co-written articles", async () => {
    const entries = await db().ledgerEntry.groupBy({ by: ["account"], where: { articleId: article.id, account: { startsWith: "user:" } }, _sum: { amountMsats: true } });
    const earned = Object.fromEntries(entries.map((row) => [row.account, row._sum.amountMsats]));
    const lead = await get(`${server.url}/dashboard`, { cookie: people.authorA.cookie });
    expect(lead.text).toContain(`data-testid="article-your-share" data-msats="${earned[userAccount(people.authorA.userId!)]}"`);
    expect(lead.text).toContain('data-testid="earned-sale" data-msats="12600"');
    const coAuthor = await get(`${server.url}/dashboard`, { cookie: people.authorB.cookie });
    expect(coAuthor.text).toContain('data-testid="co-authored-article"');
    expect(coAuthor.text).toContain(`data-testid="co-authored-earned" data-msats="${earned[userAccount(people.authorB.userId!)]}"`);
    expect(coAuthor.text).toContain('data-testid="earned-sale" data-msats="8400"');
    expect(coAuthor.text).toMatch(/data-testid="balance" data-msats="\d+"/);
    await expectBooksMatchNode(devNode);
  });
});
