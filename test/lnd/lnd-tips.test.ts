import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { earningsByKind } from "@/lib/ledger/ledger-queries";
import { bobWallet } from "@/test/support/bob-wallet";
import { aliceNode, expectBooksMatchNode } from "@/test/support/books";
import { waitFor } from "@/test/support/fixtures";
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
