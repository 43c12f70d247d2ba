import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { receiveWithDevWallet } from "@/lib/lightning/dev-node/dev-wallet-receive";
import { signInActors, type Actor } from "@/test/support/authors";
import { violationsInEveryScheme } from "@/test/support/axe";
import { contextWithCookies, launchChromium } from "@/test/support/browser";
import { shareServerDatabase } from "@/test/support/site-data";
import { startSiteServer, type SiteServer } from "@/test/support/site-server";
import { balanceOf, payWithDevWalletEndpoint, readWithdrawRequest, sellArticle } from "@/test/support/withdrawal-helpers";

// The money page in Chromium: an author with two sales sees the balance, shows an LNURL-withdraw
// QR, withdraws by pasting a dev wallet invoice and finds it paid in the history; axe-core finds
// no serious problems in either colour scheme.
let server: SiteServer;
let browser: Browser;
let author: Actor;

beforeAll(async () => {
  server = await startSiteServer();
  await shareServerDatabase(server);
  author = (await signInActors(server.url)).authorA;
  await sellArticle(server.url, author.userId!, 2100, 2, (invoice) => payWithDevWalletEndpoint(server.url, invoice));
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

async function openMoney(): Promise<Page> {
  const context = await contextWithCookies(browser, server.url, author.cookie);
  const page = await context.newPage();
  await page.goto(`${server.url}/account/money`);
  await page.getByTestId("money").waitFor();
  return page;
}

describe("the money page", () => {
  it("shows the balance, an LNURL-withdraw QR, and pays a pasted invoice", async () => {
    const page = await openMoney();
    expect(await page.getByTestId("balance").textContent()).toBe("4,200 sats");
    await page.getByTestId("new-withdraw-link").click();
    await page.getByTestId("withdraw-lnurl-qr").waitFor();
    const lnurl = await page.getByTestId("withdraw-lnurl-text").inputValue();
    expect((await readWithdrawRequest(lnurl)).body.tag).toBe("withdrawRequest");
    const found = await violationsInEveryScheme(page);
    expect(found, found.join("\n")).toEqual([]);

    const invoice = await receiveWithDevWallet({ amountMsats: 1_000_000n });
    await page.getByTestId("withdraw-invoice").fill(invoice.paymentRequest);
    await page.getByRole("button", { name: "Withdraw", exact: true }).click();
    await page.getByText("Paid.").waitFor({ timeout: 15_000 });
    await page.locator('[data-testid="withdrawal-history"] tr[data-status="paid"]').waitFor();
    expect(await page.getByTestId("balance").textContent()).toBe("3,199 sats");
    expect(await balanceOf(author)).toBe(3_199_000n);
    expect((await db().devWalletInvoice.findUniqueOrThrow({ where: { paymentHash: invoice.paymentHash } })).paidAt).not.toBeNull();
    const after = await violationsInEveryScheme(page);
    expect(after, after.join("\n")).toEqual([]);
    await page.context().close();
  });
});
