import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { waitFor } from "@/test/support/fixtures";
import { shareServerDatabase } from "@/test/support/site-data";
import { startSiteServer, type SiteServer } from "@/test/support/site-server";
import { startSmtpSink, type SmtpSink } from "@/test/support/smtp-sink";
import { Browser, signInWithWallet } from "@/test/support/wallet";

// The account's verified address through the production server and a real SMTP server: the
// link arrives by mail; opening it (GET, as a mail scanner would) verifies nothing, the Confirm
// POST does, once; a used, expired, unknown or outdated link is refused with a clear 4xx; one
// mail a minute per user; a new address clears the verification.

describe("verifying the account's email address", () => {
  let server: SiteServer;
  let smtp: SmtpSink;

  beforeAll(async () => {
    smtp = await startSmtpSink();
    server = await startSiteServer({ env: { SMTP_URL: smtp.url } });
    await shareServerDatabase(server);
  });
  afterAll(async () => {
    await server?.stop();
    await smtp?.stop();
  });

  const mailsTo = (address: string) => smtp.mails.filter((mail) => mail.to.includes(address));
  /** The verification link of the n-th mail to the address. */
  async function linkMailedTo(address: string, count = 1): Promise<{ url: string; token: string }> {
    const mail = await waitFor(async () => mailsTo(address).length >= count && mailsTo(address)[count - 1], { timeoutMs: 10_000 });
    expect(mail.headers.subject).toMatch(/^Confirm your email address/);
    const match = /(http:\/\/127\.0\.0\.1:\d+\/verify-email\/([A-Za-z0-9_-]{43}))/.exec(mail.text);
    expect(match).not.toBeNull();
    return { url: match![1]!, token: match![2]! };
  }
  const setEmail = (browser: Browser, email: unknown) => browser.send(`${server.url}/api/account/email`, "PUT", { email });
  const confirm = (browser: Browser, token: string) => browser.send(`${server.url}/api/email-verifications/${token}`, "POST");
  const userOf = async (browser: Browser) => {
    const account = await browser.get(`${server.url}/account`);
    expect(account.status).toBe(200);
    return account.text;
  };

  it("verifies only on the Confirm POST, once; the link page then says it cannot be used (404)", async () => {
    const { browser, pubkey } = await signInWithWallet(server.url);
    const userId = (await db().loginKey.findUniqueOrThrow({ where: { pubkey } })).userId;
    const saved = await setEmail(browser, "Ada@Example.test");
    expect(saved.status).toBe(202);
    expect(saved.json()).toEqual({ email: "ada@example.test", verified: false, sent: true });
    const { url, token } = await linkMailedTo("ada@example.test");
    expect(await db().emailVerification.count({ where: { tokenHash: token } })).toBe(0); // only the hash is stored

    // A scanner (no cookies, another browser) fetching the link twice verifies nothing.
    for (let i = 0; i < 2; i++) {
      const page = await new Browser().get(url);
      expect(page.status).toBe(200);
      expect(page.text).toContain('data-testid="verify-email-confirm"');
      expect(page.text).toContain("ada@example.test");
    }
    expect((await db().user.findUniqueOrThrow({ where: { id: userId } })).emailVerifiedAt).toBeNull();
    expect(await userOf(browser)).toContain("Not verified yet");

    // The Confirm button works from any browser (the mail may be read elsewhere).
    const confirmed = await confirm(new Browser(), token);
    expect(confirmed.status).toBe(200);
    expect(confirmed.json()).toEqual({ status: "verified", email: "ada@example.test" });
    expect((await db().user.findUniqueOrThrow({ where: { id: userId } })).emailVerifiedAt).toBeInstanceOf(Date);
    expect(await userOf(browser)).toContain(">Verified<");

    const again = await confirm(browser, token);
    expect(again.status).toBe(410);
    expect(again.json()).toMatchObject({ error: { code: "link_used" } });
    const usedPage = await new Browser().get(url);
    expect(usedPage.status).toBe(404);
    expect(usedPage.text).toContain("This link cannot be used");
    expect(usedPage.text).not.toContain('data-testid="verify-email-confirm"');
  });

  it("refuses an expired link (410, 404 page) and an unknown or malformed one (404)", async () => {
    const { browser } = await signInWithWallet(server.url);
    expect((await setEmail(browser, "late@example.test")).status).toBe(202);
    const { url, token } = await linkMailedTo("late@example.test");
    await db().emailVerification.updateMany({ where: { email: "late@example.test" }, data: { expiresAt: new Date(Date.now() - 1000) } });
    const page = await new Browser().get(url);
    expect(page.status).toBe(404);
    expect(page.text).toContain("This link cannot be used");
    const expired = await confirm(browser, token);
    expect(expired.status).toBe(410);
    expect(expired.json()).toMatchObject({ error: { code: "link_expired" } });
    expect((await db().user.findFirstOrThrow({ where: { email: "late@example.test" } })).emailVerifiedAt).toBeNull();

    const unknown = "A".repeat(43);
    expect((await confirm(browser, unknown)).status).toBe(404);
    expect((await new Browser().get(`${server.url}/verify-email/${unknown}`)).status).toBe(404);
    for (const bad of ["short", "x".repeat(44), "..%2F..%2Fetc", "A".repeat(42) + "!"]) {
      expect((await confirm(browser, bad)).status, bad).toBe(404);
      expect((await new Browser().get(`${server.url}/verify-email/${bad}`)).status, bad).toBeGreaterThanOrEqual(400);
    }
  });

  it("sends at most one mail a minute per user (429), and a new address clears the verification", async () => {
    const { browser, pubkey } = await signInWithWallet(server.url);
    const userId = (await db().loginKey.findUniqueOrThrow({ where: { pubkey } })).userId;
    expect((await setEmail(browser, "first@example.test")).status).toBe(202);
    const first = await linkMailedTo("first@example.test");
    expect((await confirm(browser, first.token)).status).toBe(200);
    // The same verified address again: nothing to send.
    expect((await setEmail(browser, "first@example.test")).json()).toEqual({ email: "first@example.test", verified: true, sent: false });

    const limited = await setEmail(browser, "second@example.test");
    expect(limited.status).toBe(429);
    expect(limited.json()).toMatchObject({ error: { code: "rate_limited" } });
    const user = await db().user.findUniqueOrThrow({ where: { id: userId } });
    expect(user).toMatchObject({ email: "second@example.test", emailVerifiedAt: null });
    expect(mailsTo("second@example.test")).toHaveLength(0);

    // A minute later (moved back in the database) the link goes out; the old address's
    // verification does not carry over, and a link for an address no longer the account's is refused.
    await db().emailVerification.updateMany({ where: { userId }, data: { createdAt: new Date(Date.now() - 61_000) } });
    expect((await setEmail(browser, "second@example.test")).status).toBe(202);
    const second = await linkMailedTo("second@example.test");
    await db().emailVerification.updateMany({ where: { userId }, data: { createdAt: new Date(Date.now() - 61_000) } });
    expect((await setEmail(browser, "third@example.test")).status).toBe(202);
    const outdated = await confirm(browser, second.token);
    expect(outdated.status).toBe(409);
    expect((await db().user.findUniqueOrThrow({ where: { id: userId } })).emailVerifiedAt).toBeNull();

    expect((await setEmail(browser, null)).json()).toEqual({ email: null, verified: false, sent: false });
    expect(await db().user.findUniqueOrThrow({ where: { id: userId } })).toMatchObject({ email: null, emailVerifiedAt: null });
  });

  it("refuses bad input (400) and anyone signed out (401)", async () => {
    const { browser } = await signInWithWallet(server.url);
    for (const email of ["not-an-email", "", "a@b@c", "x".repeat(250) + "@example.test", 42]) {
      expect((await setEmail(browser, email)).status, String(email)).toBe(400);
    }
    expect((await browser.send(`${server.url}/api/account/email`, "PUT", { address: "a@example.test" })).status).toBe(400);
    const anonymous = new Browser();
    await anonymous.get(`${server.url}/`);
    expect((await setEmail(anonymous, "anon@example.test")).status).toBe(401);
    expect(await db().mailOutbox.count({ where: { to: "anon@example.test" } })).toBe(0);
  });
});
