import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { recoverMessageSigner, signMessageAsNode } from "@/lib/lightning/message-signature";
import { aliceSettings, bobFiles, regtest } from "@/test/support/regtest-network";
import { shareServerDatabase } from "@/test/support/site-data";
import { startSiteServer, type SiteServer } from "@/test/support/site-server";
import { Browser, newPrivateKey } from "@/test/support/wallet";

// "Sign in with your node", as in the tutorial this site grew from: bob runs
// `lncli signmessage` on the challenge, alice (the site's node) verifies it and must know bob.
let server: SiteServer;
beforeAll(async () => {
  server = await startSiteServer({ env: aliceSettings() });
  await shareServerDatabase(server);
});
afterAll(async () => server?.stop());

const commandMessage = (html: string) => {
  const match = /lncli signmessage &quot;(Sign in to [^&]+ with challenge [0-9a-f]{64})&quot;/.exec(html);
  if (!match) throw new Error("no lncli command in the page");
  return match[1]!;
};

async function openSignIn() {
  const browser = new Browser();
  const { k1, html } = await browser.openChallenge(server.url);
  return { browser, k1, html, message: commandMessage(html) };
}

describe("sign in with an LND node signature, verified by the site's LND", () => {
  it("signs bob in with `lncli signmessage`; his node pubkey is the account's identity", async () => {
    const { browser, k1, html, message } = await openSignIn();
    // The development wallet exists only beside the development node.
    expect(html).not.toContain("dev-wallet-login");
    expect(message).toBe(`Sign in to 127.0.0.1:${server.port} with challenge ${k1}`);
    const signature = (await regtest("signmessage", "bob", message)).trim();
    const bob = bobFiles().pubkey;
    // The development node's verifier reads LND's format the same way.
    expect(recoverMessageSigner(message, signature)).toBe(bob);

    const answered = await browser.send(`${server.url}/api/login/lnd`, "POST", { k1, signature });
    expect(answered.status).toBe(200);
    expect(answered.json()).toEqual({ state: "answered", pubkey: bob });
    expect(await browser.redeem(server.url, k1)).toBe(true);
    const key = await db().loginKey.findUniqueOrThrow({ where: { pubkey: bob } });
    expect(key.kind).toBe("lnd");
    expect((await db().profile.findUniqueOrThrow({ where: { userId: key.userId } })).identityPubkey).toBe(bob);
    expect((await browser.get(`${server.url}/account`)).text).toContain(bob);
    // The same challenge cannot be answered again.
    expect((await browser.send(`${server.url}/api/login/lnd`, "POST", { k1, signature })).status).toBe(409);
  });

  it("says clearly when the signature is malformed or is for other text", async () => {
    const { browser, k1, message } = await openSignIn();
    const malformed = await browser.send(`${server.url}/api/login/lnd`, "POST", { k1, signature: "not a signature" });
    expect(malformed.status).toBe(400);
    expect(malformed.json().error.message).toContain("lncli signmessage");

    const garbage = await browser.send(`${server.url}/api/login/lnd`, "POST", { k1, signature: "y".repeat(104) });
    expect(garbage.status).toBe(400);
    expect(garbage.json().error.message).toContain("does not match");

    const otherText = (await regtest("signmessage", "bob", `${message} (edited)`)).trim();
    const wrong = await browser.send(`${server.url}/api/login/lnd`, "POST", { k1, signature: otherText });
    expect(wrong.status).toBe(403);
    expect(wrong.json().error.message).toContain("signed exactly the text shown");
    expect(await browser.redeem(server.url, k1)).toBe(false);
  });

  it("refuses a node alice does not know, saying that the site's node must know it", async () => {
    const { browser, k1, message } = await openSignIn();
    const stranger = newPrivateKey();
    const response = await browser.send(`${server.url}/api/login/lnd`, "POST", { k1, signature: signMessageAsNode(message, stranger) });
    expect(response.status).toBe(403);
    expect(response.json().error.message).toContain("does not know the node");
    expect(await browser.redeem(server.url, k1)).toBe(false);
  });

  it("accepts the signature only from the browser that holds the challenge", async () => {
    const { k1, message } = await openSignIn();
    const signature = (await regtest("signmessage", "bob", message)).trim();
    const stranger = new Browser();
    await stranger.get(`${server.url}/signin`);
    expect((await stranger.send(`${server.url}/api/login/lnd`, "POST", { k1, signature })).status).toBe(404);
  });
});
