import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { expectBooksMatchNode, devNode } from "@/test/support/books";
import { createArticle, waitFor } from "@/test/support/fixtures";
import { invoiceIn, paymentIdIn } from "@/test/support/http";
import { shareServerDatabase } from "@/test/support/site-data";
import { startSiteServer, type SiteServer } from "@/test/support/site-server";
import { startSmtpSink, type SmtpSink } from "@/test/support/smtp-sink";
import { Browser, signInWithWallet } from "@/test/support/wallet";

// The receipt asked for before paying (the invoice panel's "Email me the receipt"), and the
// account's verified address used without typing one: the receipt is queued in the transaction
// that completes the payment and arrives through a real SMTP server, with a working receipt link
// and never the paid body; a mail server that is down delays it but never the purchase.

const BODY = "Paid body: no receipt mail may carry this sentence.";
const RECEIPT_LINK = /http:\/\/127\.0\.0\.1:\d+\/receipts\/[A-Za-z0-9_-]{32}/;

describe("receipts asked for at purchase", () => {
  let server: SiteServer;
  let smtp: SmtpSink;
  let article: { id: string; slug: string };

  beforeAll(async () => {
    smtp = await startSmtpSink();
    server = await startSiteServer({ env: { SMTP_URL: smtp.url, MAIL_RETRY_MAX_SECONDS: "1" } });
    await shareServerDatabase(server);
    article = await createArticle({ priceSats: 21, body: BODY, title: "At-purchase receipt article" });
  });
  afterAll(async () => {
    await server?.stop();
    await smtp?.stop();
  });

  const mailsTo = (address: string) => smtp.mails.filter((mail) => mail.to.includes(address));
  const onlyMailTo = (address: string) => waitFor(async () => mailsTo(address).length === 1 && mailsTo(address)[0]!, { timeoutMs: 15_000 });

  /** Opens the paywall (twice: the first visit sets the buyer cookie); returns its payment and invoice. */
  async function paywall(browser: Browser) {
    await browser.get(`${server.url}/articles/${article.slug}`);
    const page = await browser.get(`${server.url}/articles/${article.slug}`);
    return { paymentId: paymentIdIn(page.text), invoice: invoiceIn(page.text), html: page.text };
  }
  async function pay(browser: Browser, invoice: string) {
    expect((await browser.send(`${server.url}/api/dev/wallet/pay`, "POST", { invoice })).status).toBe(200);
    await waitFor(async () => (await browser.get(`${server.url}/articles/${article.slug}`)).text.includes(BODY), { timeoutMs: 10_000 });
  }
  const askReceipt = (browser: Browser, paymentId: string, email: unknown) => browser.send(`${server.url}/api/payments/${paymentId}/receipt-email`, "POST", { email });

  it("keeps the address given before paying and mails the receipt when the payment completes; the link works, no paid body", async () => {
    const buyer = new Browser();
    const { paymentId, invoice, html } = await paywall(buyer);
    expect(html).toContain('data-testid="receipt-at-purchase"');
    const asked = await askReceipt(buyer, paymentId, "Early@Example.test");
    expect(asked.status).toBe(202);
    expect(asked.json()).toEqual({ status: "on_payment", duplicate: false });
    expect((await db().payment.findUniqueOrThrow({ where: { id: paymentId } })).receiptEmail).toBe("early@example.test");
    expect(await db().mailOutbox.count({ where: { to: "early@example.test" } })).toBe(0);

    await pay(buyer, invoice);
    // The receipt is in the outbox the moment the payment is complete: one read of both.
    const [payment, queued] = await db().$transaction([
      db().payment.findUniqueOrThrow({ where: { id: paymentId } }),
      db().mailOutbox.findFirst({ where: { idempotencyKey: `receipt:${paymentId}:early@example.test` } }),
    ]);
    expect(payment.status).toBe("complete");
    expect(queued).not.toBeNull();

    const mail = await onlyMailTo("early@example.test");
    expect(mail.headers.subject).toBe("Your receipt: At-purchase receipt article");
    expect(mail.raw).not.toContain("Paid body");
    expect(mail.text).not.toContain(BODY);
    const link = RECEIPT_LINK.exec(mail.text)?.[0];
    expect(link).toBeDefined();
    const fresh = new Browser();
    await fresh.get(link!);
    expect((await fresh.get(`${server.url}/articles/${article.slug}`)).text).toContain(BODY);
    // Asking again afterwards (the after-purchase form) sends nothing new for the same address.
    expect((await askReceipt(buyer, paymentId, "early@example.test")).json()).toEqual({ status: "queued", duplicate: true });
    await expectBooksMatchNode(devNode);
  });

  it("completes the purchase while the mail server is down; the receipt arrives once it is back", async () => {
    await smtp.stop();
    try {
      const buyer = new Browser();
      const { paymentId, invoice } = await paywall(buyer);
      expect((await askReceipt(buyer, paymentId, "down@example.test")).status).toBe(202);
      await pay(buyer, invoice);
      expect((await db().payment.findUniqueOrThrow({ where: { id: paymentId } })).status).toBe("complete");
      const waiting = await waitFor(
        async () => {
          const row = await db().mailOutbox.findFirst({ where: { to: "down@example.test" } });
          return row && row.attempts >= 2 && row.status === "queued" && row;
        },
        { timeoutMs: 15_000 },
      );
      expect(waiting.lastError).toBeTruthy();
    } finally {
      await smtp.start();
    }
    const mail = await onlyMailTo("down@example.test");
    expect(mail.text).toMatch(RECEIPT_LINK);
    expect(mail.text).not.toContain(BODY);
    await expectBooksMatchNode(devNode);
  });

  it("refuses bad addresses (400), strangers (404) and payments without a receipt such as an upvote (400)", async () => {
    const buyer = new Browser();
    const { paymentId } = await paywall(buyer);
    for (const email of ["not-an-email", "", "a@b@c", "x".repeat(250) + "@example.test", 42, null]) {
      expect((await askReceipt(buyer, paymentId, email)).status, String(email)).toBe(400);
    }
    const stranger = new Browser();
    await stranger.get(`${server.url}/`);
    expect((await askReceipt(stranger, paymentId, "thief@example.test")).status).toBe(404);
    expect((await db().payment.findUniqueOrThrow({ where: { id: paymentId } })).receiptEmail).toBeNull();

    const upvote = await buyer.send(`${server.url}/api/articles/${article.id}/upvotes`, "POST", {});
    expect(upvote.status).toBe(200);
    const refused = await askReceipt(buyer, (upvote.json() as { paymentId: string }).paymentId, "upvote@example.test");
    expect(refused.status).toBe(400);
    expect(refused.json()).toMatchObject({ error: { code: "no_receipt" } });
  });

  it("mails a signed-in reader's receipt to their verified address without being asked", async () => {
    const { browser } = await signInWithWallet(server.url);
    expect((await browser.send(`${server.url}/api/account/email`, "PUT", { email: "verified@example.test" })).status).toBe(202);
    const verification = await onlyMailTo("verified@example.test");
    const token = /\/verify-email\/([A-Za-z0-9_-]{43})/.exec(verification.text)![1]!;
    expect((await browser.send(`${server.url}/api/email-verifications/${token}`, "POST")).status).toBe(200);

    const { paymentId, invoice, html } = await paywall(browser);
    expect(html.replace(/<!-- -->/g, "")).toContain("The receipt will go to verified@example.test, your verified address.");
    await pay(browser, invoice);
    const receipt = await waitFor(async () => mailsTo("verified@example.test").find((mail) => mail.headers.subject?.startsWith("Your receipt")), { timeoutMs: 15_000 });
    expect(receipt.text).toMatch(RECEIPT_LINK);
    expect(receipt.text).not.toContain(BODY);
    expect(await db().mailOutbox.count({ where: { idempotencyKey: `receipt:${paymentId}:verified@example.test` } })).toBe(1);
    await expectBooksMatchNode(devNode);
  });

  it("sends no receipt to an address that is not verified", async () => {
    const { browser } = await signInWithWallet(server.url);
    expect((await browser.send(`${server.url}/api/account/email`, "PUT", { email: "unverified@example.test" })).status).toBe(202);
    await onlyMailTo("unverified@example.test");
    const { paymentId, invoice } = await paywall(browser);
    await pay(browser, invoice);
    await new Promise((resolve) => setTimeout(resolve, 2500));
    expect(await db().mailOutbox.count({ where: { idempotencyKey: { startsWith: `receipt:${paymentId}:` } } })).toBe(0);
    expect(mailsTo("unverified@example.test")).toHaveLength(1);
  });
});
