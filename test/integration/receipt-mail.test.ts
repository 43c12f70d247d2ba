import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { expectBooksMatchNode, devNode } from "@/test/support/books";
import { createArticle, waitFor } from "@/test/support/fixtures";
import { invoiceIn, paymentIdIn } from "@/test/support/http";
import { shareServerDatabase } from "@/test/support/site-data";
import { startSiteServer, type SiteServer } from "@/test/support/site-server";
import { startSmtpSink, type SmtpSink } from "@/test/support/smtp-sink";
import { Browser } from "@/test/support/wallet";

// Receipts by mail through the production server and a real SMTP server on a local port: the
// mail carries a working receipt link and never the paid body; a mail server that is down
// delays the receipt (it waits in the outbox) but never the purchase; asking twice sends once.

const BODY = "Paid body: the receipt mail must never carry this sentence.";

describe("receipt mails", () => {
  let server: SiteServer;
  let smtp: SmtpSink;
  let article: { id: string; slug: string };

  beforeAll(async () => {
    smtp = await startSmtpSink();
    server = await startSiteServer({ env: { SMTP_URL: smtp.url, MAIL_FROM: "Lightning Press <press@example.test>", MAIL_RETRY_MAX_SECONDS: "1" } });
    await shareServerDatabase(server);
    article = await createArticle({ priceSats: 21, body: BODY, title: "Mail test article" });
  });
  afterAll(async () => {
    await server?.stop();
    await smtp?.stop();
  });

  async function buy(browser: Browser): Promise<string> {
    await browser.get(`${server.url}/articles/${article.slug}`);
    const paywall = await browser.get(`${server.url}/articles/${article.slug}`);
    const paymentId = paymentIdIn(paywall.text);
    expect((await browser.send(`${server.url}/api/dev/wallet/pay`, "POST", { invoice: invoiceIn(paywall.text) })).status).toBe(200);
    await waitFor(async () => (await browser.get(`${server.url}/articles/${article.slug}`)).text.includes(BODY));
    return paymentId;
  }
  const mailsTo = (address: string) => smtp.mails.filter((mail) => mail.to.includes(address));

  it("mails the receipt link to the buyer; the link opens the article in a fresh browser; no paid body in the mail", async () => {
    const buyer = new Browser();
    const paymentId = await buy(buyer);
    const page = await buyer.get(`${server.url}/articles/${article.slug}`);
    expect(page.text).toContain('data-testid="receipt-email-form"');

    const asked = await buyer.send(`${server.url}/api/payments/${paymentId}/receipt-email`, "POST", { email: "Reader@Example.test" });
    expect(asked.status).toBe(202);
    const [mail] = await waitFor(async () => mailsTo("reader@example.test").length === 1 && mailsTo("reader@example.test"), { timeoutMs: 10_000 });
    expect(mail!.headers.from).toBe("Lightning Press <press@example.test>");
    expect(mail!.headers.subject).toBe("Your receipt: Mail test article");
    expect(mail!.raw).not.toContain("Paid body");
    expect(mail!.text).not.toContain(BODY);

    const link = /http:\/\/127\.0\.0\.1:\d+\/receipts\/[A-Za-z0-9_-]{32}/.exec(mail!.text)?.[0];
    expect(link).toBeDefined();
    const fresh = new Browser();
    expect((await fresh.get(`${server.url}/articles/${article.slug}`)).text).not.toContain(BODY);
    await fresh.get(link!);
    expect((await fresh.get(`${server.url}/articles/${article.slug}`)).text).toContain(BODY);
    await expectBooksMatchNode(devNode);
  });

  it("sends the same receipt once when it is asked for twice (also at the same moment)", async () => {
    const buyer = new Browser();
    const paymentId = await buy(buyer);
    const ask = () => buyer.send(`${server.url}/api/payments/${paymentId}/receipt-email`, "POST", { email: "twice@example.test" });
    const answers = await Promise.all([ask(), ask()]);
    expect(answers.map((answer) => answer.status)).toEqual([202, 202]);
    await waitFor(async () => mailsTo("twice@example.test").length >= 1, { timeoutMs: 10_000 });
    expect((await ask()).json()).toEqual({ status: "queued", duplicate: true });
    // Time for a second mail to arrive if one had been queued (the worker ticks every 2 s).
    await new Promise((resolve) => setTimeout(resolve, 4500));
    expect(mailsTo("twice@example.test")).toHaveLength(1);
    expect(await db().mailOutbox.count({ where: { to: "twice@example.test" } })).toBe(1);
  });

  it("refuses a bad address (400) and someone else's payment (404)", async () => {
    const buyer = new Browser();
    const paymentId = await buy(buyer);
    for (const email of ["not-an-email", "", "a@b@c", "x".repeat(250) + "@example.test"]) {
      const answer = await buyer.send(`${server.url}/api/payments/${paymentId}/receipt-email`, "POST", { email });
      expect(answer.status, email).toBe(400);
    }
    expect((await buyer.send(`${server.url}/api/payments/${paymentId}/receipt-email`, "POST", { address: "a@example.test" })).status).toBe(400);
    const stranger = new Browser();
    await stranger.get(`${server.url}/`);
    expect((await stranger.send(`${server.url}/api/payments/${paymentId}/receipt-email`, "POST", { email: "thief@example.test" })).status).toBe(404);
    expect((await buyer.send(`${server.url}/api/payments/nosuchpaymentid0000000000/receipt-email`, "POST", { email: "a@example.test" })).status).toBe(404);
    expect(await db().mailOutbox.count({ where: { to: "thief@example.test" } })).toBe(0);
  });

  it("keeps the receipt in the outbox while the mail server is down, and sends it once it is back; the purchase goes through", async () => {
    await smtp.stop();
    const buyer = new Browser();
    const paymentId = await buy(buyer);
    expect((await buyer.send(`${server.url}/api/payments/${paymentId}/receipt-email`, "POST", { email: "later@example.test" })).status).toBe(202);
    const waiting = await waitFor(
      async () => {
        const row = await db().mailOutbox.findFirst({ where: { to: "later@example.test" } });
        return row && row.attempts >= 2 && row.status === "queued" && row;
      },
      { timeoutMs: 15_000 },
    );
    expect(waiting.lastError).toBeTruthy();
    expect(mailsTo("later@example.test")).toHaveLength(0);

    await smtp.start();
    const [mail] = await waitFor(async () => mailsTo("later@example.test").length === 1 && mailsTo("later@example.test"), { timeoutMs: 15_000 });
    expect(mail!.text).toMatch(/\/receipts\/[A-Za-z0-9_-]{32}/);
    expect(mail!.text).not.toContain(BODY);
    // Marked sent just after the SMTP server accepted it.
    const row = await waitFor(async () => {
      const found = await db().mailOutbox.findFirstOrThrow({ where: { to: "later@example.test" } });
      return found.status === "sent" && found;
    });
    expect(row.sentAt).toBeInstanceOf(Date);
    await expectBooksMatchNode(devNode);
  });
});
