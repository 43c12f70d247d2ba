import { expect } from "vitest";
import { db } from "@/lib/db/client";
import { waitFor } from "./fixtures";
import { Browser } from "./wallet";

// A browser upvoting an article through the site, as the upvote button does: open the article
// (which gives the browser its buyer cookie), ask for the upvote's invoice, pay it (the dev
// wallet, or any payer given), and wait until the site has credited it.

export type Upvoter = { browser: Browser; buyerId: string | null };

export const newUpvoter = (): Upvoter => ({ browser: new Browser(), buyerId: null });

export async function openArticle(baseUrl: string, upvoter: Upvoter, slug: string) {
  return upvoter.browser.get(`${baseUrl}/articles/${slug}`);
}

export async function upvoteInvoice(baseUrl: string, upvoter: Upvoter, articleId: string) {
  const response = await upvoter.browser.send(`${baseUrl}/api/articles/${articleId}/upvotes`, "POST", {});
  expect(response.status, response.text).toBe(200);
  return response.json() as { state: "waiting"; paymentId: string; paymentRequest: string; split: string; amountSats: number };
}

/** Upvotes and waits for the settlement; returns the payment's ledger lines as {account: msats}. */
export async function upvote(baseUrl: string, upvoter: Upvoter, article: { id: string; slug: string }, pay?: (invoice: string) => Promise<void>) {
  if (!upvoter.browser.jar.lp_buyer) await openArticle(baseUrl, upvoter, article.slug);
  const invoice = await upvoteInvoice(baseUrl, upvoter, article.id);
  if (pay) await pay(invoice.paymentRequest);
  else {
    const paid = await upvoter.browser.send(`${baseUrl}/api/dev/wallet/pay`, "POST", { invoice: invoice.paymentRequest });
    expect(paid.status, paid.text).toBe(200);
  }
  const payment = await waitFor(async () => {
    const row = await db().payment.findUnique({ where: { id: invoice.paymentId } });
    return row?.status === "complete" ? row : null;
  }, { timeoutMs: 20_000 });
  upvoter.buyerId = payment.buyerId;
  return { paymentId: payment.id, split: invoice.split, lines: await journalLines(payment.id) };
}

/** One payment's ledger journal as {"<account> <kind>": msats}. */
export async function journalLines(paymentId: string): Promise<Record<string, bigint>> {
  const entries = await db().ledgerEntry.findMany({ where: { journal: `payment:${paymentId}` } });
  return Object.fromEntries(entries.map((entry) => [`${entry.account} ${entry.kind}`, entry.amountMsats]));
}

export const browserAcc = (upvoter: Upvoter) => `browser:${upvoter.buyerId}`;
