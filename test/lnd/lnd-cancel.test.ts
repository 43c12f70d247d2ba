import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { removeArticle } from "@/lib/articles/article-moderation";
import { db } from "@/lib/db/client";
import { resetEnvForTests } from "@/lib/env";
import { lightning, resetLightningForTests } from "@/lib/lightning/lightning";
import { bobWallet } from "@/test/support/bob-wallet";
import { createArticle } from "@/test/support/fixtures";
import { newReaderInvoice } from "@/test/support/reader";
import { aliceSettings } from "@/test/support/regtest-network";
import { shareServerDatabase } from "@/test/support/site-data";
import { startSiteServer, type SiteServer } from "@/test/support/site-server";

// Withdrawing an article cancels its open invoices on a real LND: LND's CancelInvoice (through
// the `lightning` package's cancelHodlInvoice) voids ordinary invoices, and bob cannot pay them.
let server: SiteServer;

beforeAll(async () => {
  server = await startSiteServer({ env: aliceSettings() });
  await shareServerDatabase(server);
  // This process removes the article through lib/, talking to alice like the server does.
  Object.assign(process.env, aliceSettings());
  resetEnvForTests();
  resetLightningForTests();
});
afterAll(async () => server?.stop());

describe("an article removed while a reader's invoice on alice is open", () => {
  it("has that invoice canceled on alice: bob's payment fails and nothing is credited", async () => {
    const article = await createArticle({ priceSats: 700, body: "Withdrawn before payment." });
    const { invoice } = await newReaderInvoice(server.url, article.slug);
    const payment = await db().payment.findFirstOrThrow({ where: { paymentRequest: invoice } });
    expect((await lightning().getInvoice(payment.paymentHash!))?.state).toBe("open");

    await removeArticle(article.id);
    expect((await lightning().getInvoice(payment.paymentHash!))?.state).toBe("canceled");
    expect((await db().payment.findUniqueOrThrow({ where: { id: payment.id } })).status).toBe("expired");
    await expect(bobWallet().pay(invoice)).rejects.toBeDefined();
    // Canceling again (an admin clicking twice) is harmless: LND accepts it and nothing changes.
    await lightning().cancelInvoice(payment.paymentHash!);
    expect((await lightning().getInvoice(payment.paymentHash!))?.state).toBe("canceled");
    expect((await db().payment.findUniqueOrThrow({ where: { id: payment.id } })).status).toBe("expired");
  });

  it("leaves a settled invoice alone: canceling it answers false, and the payment stays complete", async () => {
    const article = await createArticle({ priceSats: 300, body: "Paid in time." });
    const { invoice } = await newReaderInvoice(server.url, article.slug);
    await bobWallet().pay(invoice);
    const payment = await db().payment.findFirstOrThrow({ where: { paymentRequest: invoice } });
    expect(await lightning().cancelInvoice(payment.paymentHash!)).toBe(false);
    expect((await lightning().getInvoice(payment.paymentHash!))?.state).toBe("settled");
  });
});
