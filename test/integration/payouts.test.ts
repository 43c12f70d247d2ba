import { createHash } from "node:crypto";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { ledgerImbalance } from "@/lib/ledger/ledger-queries";
import { receiveWithDevWallet } from "@/lib/lightning/dev-node/dev-wallet-receive";
import { errorOf, send, signInActors, type Actor } from "@/test/support/authors";
import { shareServerDatabase } from "@/test/support/site-data";
import { startSiteServer, type SiteServer } from "@/test/support/site-server";
import { balanceOf, payWithDevWalletEndpoint, sellArticle, waitForWithdrawal } from "@/test/support/withdrawal-helpers";

// Automatic payouts to a Lightning Address, on the development node: a real LNURL-pay server
// (LUD-16 + LUD-06) runs in this test process and hands out dev wallet invoices; the site's
// worker pays the whole withdrawable balance once it passes the threshold. Servers that answer
// with the wrong amount or a description_hash that is not sha256(metadata) are not paid.
let site: SiteServer;
let lnurlServer: Server;
let lnurlHost = "";
let author: Actor;
let other: Actor;
const METADATA = JSON.stringify([["text/plain", "Payout"], ["text/identifier", "good@example"]]);
const sha256 = (text: string) => createHash("sha256").update(text, "utf8").digest("hex");

function startLnurlPayServer(): Promise<Server> {
  const server = createServer(async (request, response) => {
    const url = new URL(request.url ?? "/", `http://${lnurlHost}`);
    const json = (value: unknown) => response.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(value));
    const wellKnown = /^\/\.well-known\/lnurlp\/([a-z]+)$/.exec(url.pathname);
    if (wellKnown) return json({ tag: "payRequest", callback: `http://${lnurlHost}/callback/${wellKnown[1]}`, minSendable: 1000, maxSendable: 100_000_000_000, metadata: METADATA });
    const callback = /^\/callback\/([a-z]+)$/.exec(url.pathname);
    if (!callback) return response.writeHead(404).end();
    const amount = BigInt(url.searchParams.get("amount") ?? "0");
    const name = callback[1];
    try {
      const invoice = await receiveWithDevWallet({
        amountMsats: name === "shortchange" ? amount - 1000n : amount,
        descriptionHash: sha256(name === "otherhash" ? `${METADATA} ` : METADATA),
      });
      return json({ pr: invoice.paymentRequest, routes: [] });
    } catch (error) {
      // Say so at once rather than leave the site waiting for its timeout.
      return response.writeHead(500).end(String(error));
    }
  });
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve(server)));
}

const setPayout = (who: Actor, payoutAddress: string | null, payoutThresholdSats: number | null) => send(site.url, who, "PUT", "/api/account/payout", { payoutAddress, payoutThresholdSats });

beforeAll(async () => {
  lnurlServer = await startLnurlPayServer();
  lnurlHost = `127.0.0.1:${(lnurlServer.address() as AddressInfo).port}`;
  site = await startSiteServer({ env: { PAYOUT_HTTP_LOCALHOST: "1", PENDING_RECHECK_SECONDS: "1" } });
  await shareServerDatabase(site);
  ({ authorA: author, authorB: other } = await signInActors(site.url));
  for (const who of [author, other]) await sellArticle(site.url, who.userId!, 3000, 2, (invoice) => payWithDevWalletEndpoint(site.url, invoice));
});
afterAll(async () => {
  await site?.stop();
  lnurlServer?.close();
});

describe("automatic payouts to a Lightning Address", () => {
  it("pays everything withdrawable to the address once the balance passes the threshold", async () => {
    expect(await balanceOf(author)).toBe(6_000_000n);
    const saved = await setPayout(author, `good@${lnurlHost}`, 5000);
    expect(saved.status).toBe(200);
    const paid = await waitForWithdrawal({ userId: author.userId! }, "paid");
    // 5,940 sats + its 1% reserve (59.4 sats) is the most that fits in 6,000; the dev node's fee is 1 sat.
    expect(paid.method).toBe("payout");
    expect(paid.amountMsats).toBe(5_940_000n);
    expect(paid.feeMsats).toBe(1000n);
    expect(await balanceOf(author)).toBe(6_000_000n - 5_940_000n - 1000n);
    const invoice = await db().devWalletInvoice.findUniqueOrThrow({ where: { paymentHash: paid.paymentHash } });
    expect(invoice.paidMsats).toBe(5_940_000n);
    // Below the threshold now: nothing more is paid.
    await new Promise((resolve) => setTimeout(resolve, 2500));
    expect(await db().withdrawal.count({ where: { userId: author.userId! } })).toBe(1);
    expect(await ledgerImbalance()).toBe(0n);
  });

  it("does not pay an invoice for another amount, nor one that does not commit to the metadata", async () => {
    for (const name of ["shortchange", "otherhash"]) {
      expect((await setPayout(other, `${name}@${lnurlHost}`, 1000)).status).toBe(200);
      await new Promise((resolve) => setTimeout(resolve, 2500));
      expect(await db().withdrawal.count({ where: { userId: other.userId! } })).toBe(0);
    }
    expect(site.logs()).toMatch(/payout not made.*another amount/);
    expect(site.logs()).toMatch(/payout not made.*metadata/);
    expect(await balanceOf(other)).toBe(6_000_000n);
  });

  it("refuses addresses that are malformed, unreachable or on an IP literal, and turns payouts off", async () => {
    const cases: Array<[string | null, number | null, number, string]> = [
      ["not an address", 1000, 400, "invalid_body"],
      [`good@${lnurlHost}`, null, 400, "invalid_body"],
      ["someone@127.0.0.1:1", 1000, 502, "outgoing_failed"],
      ["someone@10.1.2.3", 1000, 400, "outgoing_refused"],
    ];
    for (const [address, threshold, status, code] of cases) {
      const response = await setPayout(other, address, threshold);
      expect({ address, status: response.status, code: errorOf(response).code }).toEqual({ address, status, code });
    }
    expect((await setPayout(other, null, null)).status).toBe(200);
    expect((await db().profile.findUniqueOrThrow({ where: { userId: other.userId! } })).payoutAddress).toBeNull();
  });
});
