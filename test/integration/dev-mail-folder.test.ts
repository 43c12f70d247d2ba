import { mkdtempSync, readdirSync, readFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createArticle, waitFor } from "@/test/support/fixtures";
import { get, invoiceIn, paymentIdIn } from "@/test/support/http";
import { shareServerDatabase } from "@/test/support/site-data";
import { startSiteServer, type SiteServer } from "@/test/support/site-server";
import { Browser } from "@/test/support/wallet";

// Without SMTP_URL, with the development tools allowed (the test suite's DEV_NODE_IN_PRODUCTION=1
// stands in for a `next dev` build), mails go to MAIL_DIR and are listed at /dev/mail.

const BODY = "Folder mail paid body, never in a mail.";

describe("the development mail folder", () => {
  let server: SiteServer;
  const folder = mkdtempSync(path.join(os.tmpdir(), "lp-mail-"));

  beforeAll(async () => {
    server = await startSiteServer({ env: { SMTP_URL: "", MAIL_DIR: folder } });
    await shareServerDatabase(server);
  });
  afterAll(async () => server?.stop());

  it("writes the receipt mail to MAIL_DIR and lists it at /dev/mail", async () => {
    const article = await createArticle({ priceSats: 5, body: BODY, title: "Folder mail article" });
    const buyer = new Browser();
    await buyer.get(`${server.url}/articles/${article.slug}`);
    const paywall = await buyer.get(`${server.url}/articles/${article.slug}`);
    const paymentId = paymentIdIn(paywall.text);
    await buyer.send(`${server.url}/api/dev/wallet/pay`, "POST", { invoice: invoiceIn(paywall.text) });
    await waitFor(async () => (await buyer.get(`${server.url}/articles/${article.slug}`)).text.includes(BODY));
    expect((await buyer.send(`${server.url}/api/payments/${paymentId}/receipt-email`, "POST", { email: "dev@example.test" })).status).toBe(202);

    const mails = () => readdirSync(folder).filter((name) => name.endsWith(".json"));
    const [file] = await waitFor(async () => mails().length > 0 && mails(), { timeoutMs: 10_000 });
    const mail = JSON.parse(readFileSync(path.join(folder, file!), "utf8")) as { to: string; subject: string; text: string };
    expect(mail).toMatchObject({ to: "dev@example.test", subject: "Your receipt: Folder mail article" });
    expect(mail.text).toMatch(/\/receipts\/[A-Za-z0-9_-]{32}/);
    expect(mail.text).not.toContain(BODY);

    const page = await get(`${server.url}/dev/mail`);
    expect(page.status).toBe(200);
    expect(page.text).toContain("Your receipt: Folder mail article");
    expect(page.text).toContain("dev@example.test");
  });
});
