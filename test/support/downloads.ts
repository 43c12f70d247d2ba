import { expect } from "vitest";
import { db } from "@/lib/db/client";
import { waitFor } from "./fixtures";
import { invoiceIn, paymentIdIn } from "./http";
import type { Browser } from "./wallet";

// Buying and downloading as a browser does, for the download tests.

/**
 * Buys a paid article in this browser with the dev wallet; returns the payment id once it
 * completed. receiptEmail: typed beside the invoice before paying (the receipt goes there).
 */
export async function buyWithDevWallet(baseUrl: string, browser: Browser, slug: string, options: { receiptEmail?: string } = {}): Promise<string> {
  await browser.get(`${baseUrl}/articles/${slug}`);
  const paywall = await browser.get(`${baseUrl}/articles/${slug}`);
  const paymentId = paymentIdIn(paywall.text);
  if (options.receiptEmail) {
    const kept = await browser.send(`${baseUrl}/api/payments/${paymentId}/receipt-email`, "POST", { email: options.receiptEmail });
    expect(kept.json()).toMatchObject({ status: "on_payment" });
  }
  const paid = await browser.send(`${baseUrl}/api/dev/wallet/pay`, "POST", { invoice: invoiceIn(paywall.text) });
  expect(paid.status).toBe(200);
  await waitFor(async () => (await db().payment.findUnique({ where: { id: paymentId } }))?.status === "complete", { timeoutMs: 10_000 });
  return paymentId;
}

export type Download = { status: number; headers: Headers; bytes: Buffer };

/** One request with the browser's cookies; never follows redirects. */
export async function fetchBytes(url: string, options: { browser?: Browser; method?: string; headers?: Record<string, string> } = {}): Promise<Download> {
  const response = await fetch(url, {
    method: options.method ?? "GET",
    redirect: "manual",
    headers: { ...(options.browser ? { cookie: options.browser.cookie, "x-forwarded-for": options.browser.address } : {}), ...options.headers },
  });
  return { status: response.status, headers: response.headers, bytes: Buffer.from(await response.arrayBuffer()) };
}

/** The browser's download link for a file: /files/<id>/download answers 303 to /d/<token>. */
export async function downloadLinkOf(baseUrl: string, browser: Browser, fileId: string): Promise<string> {
  const answer = await fetchBytes(`${baseUrl}/files/${fileId}/download`, { browser });
  expect(answer.status).toBe(303);
  const location = answer.headers.get("location") ?? "";
  expect(location).toMatch(/^\/d\/[A-Za-z0-9_-]{32}$/);
  return `${baseUrl}${location}`;
}

export const tokenOf = (link: string) => link.slice(link.lastIndexOf("/") + 1);
