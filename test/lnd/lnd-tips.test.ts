import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { earningsByKind } from "@/lib/ledger/ledger-queries";
import { fetchPayRequest, requestTipInvoice } from "@/test/support/article-tip-wallet";
import { bobWallet } from "@/test/support/bob-wallet";
import { aliceNode, expectBooksMatchNode } from "@/test/support/books";
import { createArticle, waitFor } from "@/test/support/fixtures";
import { invoiceCommitment, sha256Hex, TestLightningAddress } from "@/test/support/lightning-address-wallet";
import { aliceSettings } from "@/test/support/regtest-network";
import { shareServerDatabase } from "@/test/support/site-data";
import { startSiteServer, type SiteServer } from "@/test/support/site-server";

// A Lightning Address tip on a real LND: the site's invoice is made by alice with LND's
// description_hash, bob resolves the address through the LNURL-pay steps (Alby's client
// library), checks the commitment and pays from his node through the channel.
let server: SiteServer;
let bob: ReturnType<typeof bobWallet>;

beforeAll(async () => {
  server = await startSiteServer({ env: { ...aliceSettings(), SITE_FEE_PERCENT: "3" } });
  await shareServerDatabase(server);
  bob = bobWallet();
});
afterAll(async () => server?.stop());

async function authorNamed(lightningName: string) {
  const user = await db().user.create({
    data: { role: "author", profile: { create: { identityPubkey: `02${randomBytes(32).toString("hex")}`, displayName: "Regtest Writer", lightningName } } },
  });
  return user.id;
}

describe("a Lightning Address tip paid by bob to the site on alice", () => {
  it("credits the author exactly what alice settled, less the site fee, and the ledger matches alice", async () => {
    const authorId = await authorNamed(`writer-${randomBytes(3).toString("hex")}`);
    const name = (await db().profile.findUniqueOrThrow({ where: { userId: authorId } })).lightningName!;
    const address = new TestLightningAddress(name, server.url);
    await address.fetch();
    expect(address.lnurlpData).toMatchObject({ identifier: `${name}@${new URL(server.url).host}`, description: "Tip Regtest Writer on Lightning Press" });

    const invoices = [await address.requestInvoice({ satoshi: 2100, comment: "From bob's node" }), await address.requestInvoice({ satoshi: 777 })];
    for (const invoice of invoices) {
      // What bob's wallet checks before paying: LND put sha256(metadata) in the invoice.
      expect(invoiceCommitment(invoice.paymentRequest).descriptionHash).toBe(sha256Hex(address.lnurlpData!.rawData.metadata as string));
      await bob.pay(invoice.paymentRequest);
    }
    await waitFor(async () => (await db().payment.count({ where: { paymentRequest: { in: invoices.map((invoice) => invoice.paymentRequest) }, status: "complete" } })) === 2, {
      timeoutMs: 20_000,
      intervalMs: 100,
    });

    const alice = aliceNode();
    const settledOnAlice = await Promise.all(invoices.map(async (invoice) => (await alice.getInvoice(invoice.paymentHash))!));
    expect(settledOnAlice.map((invoice) => invoice.state)).toEqual(["settled", "settled"]);
    const received = settledOnAlice.map((invoice) => invoice.receivedMsats);
    expect(received).toEqual([2_100_000n, 777_000n]);
    const authorShare = received.reduce((sum, msats) => sum + msats - (msats * 3n) / 100n, 0n);
    expect((await earningsByKind(authorId)).tip).toBe(authorShare);
    // The ledger balances and its received total is what alice settled, invoice by invoice.
    await expectBooksMatchNode(alice);
  });
});

describe("an article tip paid by bob on a co-authored article", () => {
  it("shares what alice settled by the authors' shares to the msat, the lead taking the remainder, and the ledger matches alice", async () => {
    const article = await createArticle({ priceSats: 21, title: "Regtest duet" });
    const coAuthor = await authorNamed(`duet-${randomBytes(3).toString("hex")}`);
    const setShares = async (lead: number) => {
      await db().articleAuthor.deleteMany({ where: { articleId: article.id } });
      await db().articleAuthor.createMany({
        data: [
          { articleId: article.id, userId: article.authorId, sharePercent: lead, position: 0 },
          { articleId: article.id, userId: coAuthor, sharePercent: 100 - lead, position: 1 },
        ],
      });
    };
    const payRequest = await fetchPayRequest(`${server.url}/api/lnurlp/articles/${article.id}`);
    expect(JSON.parse(payRequest.metadata)).toEqual([["text/plain", "Tip for Regtest duet on Lightning Press"]]);
    const tip = async (msats: number) => {
      // requestTipInvoice checks what bob's wallet checks: the amount and LND's description_hash.
      const invoice = await requestTipInvoice(payRequest, msats, "From bob's node");
      await bob.pay(invoice.paymentRequest);
      await waitFor(async () => (await db().payment.findFirst({ where: { paymentRequest: invoice.paymentRequest } }))?.status === "complete", { timeoutMs: 20_000, intervalMs: 100 });
      const settled = (await aliceNode().getInvoice(invoice.paymentHash))!;
      expect(settled).toMatchObject({ state: "settled", receivedMsats: BigInt(msats) });
    };
    const tips = async () => [(await earningsByKind(article.authorId)).tip ?? 0n, (await earningsByKind(coAuthor)).tip ?? 0n];

    // 60/40: 2,100,000 msats less the 3% fee (63,000) leaves 2,037,000: 1,222,200 and 814,800.
    await setShares(60);
    await tip(2_100_000);
    expect(await tips()).toEqual([1_222_200n, 814_800n]);
    // 67/33: 1,001,000 msats less 30,030 leaves 970,970: 650,549.9 and 320,420.1 round down to
    // 650,549 and 320,420, and the 1 msat left over goes to the lead.
    await setShares(67);
    await tip(1_001_000);
    expect(await tips()).toEqual([1_222_200n + 650_550n, 814_800n + 320_420n]);
    await expectBooksMatchNode(aliceNode());
  });
});
