import { fetchWithL402 } from "@getalby/lightning-tools/402";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { earningsByKind } from "@/lib/ledger/ledger-queries";
import { bobWallet } from "@/test/support/bob-wallet";
import { aliceNode, expectBooksMatchNode } from "@/test/support/books";
import { createArticle, waitFor } from "@/test/support/fixtures";
import { aliceSettings } from "@/test/support/regtest-network";
import { shareServerDatabase } from "@/test/support/site-data";
import { startSiteServer, type SiteServer } from "@/test/support/site-server";

// The L402 API with a real client: Alby's `fetchWithL402` gets the 402, has bob's LND pay alice's
// invoice through the channel, and retries with `L402 <macaroon>:<preimage>`. The sale lands in
// the ledger like a browser's, and the books match what alice settled.
const SENTINEL = "L402-LND-BODY-SENTINEL-0d2e";
let server: SiteServer;
let bob: ReturnType<typeof bobWallet>;

beforeAll(async () => {
  server = await startSiteServer({ env: { ...aliceSettings(), SITE_FEE_PERCENT: "5" } });
  await shareServerDatabase(server);
  bob = bobWallet();
});
afterAll(async () => server?.stop());

describe("fetchWithL402 paying through LND regtest", () => {
  it("pays once, reads the body, reuses the credential without paying again, and books the sale on alice", async () => {
    const article = await createArticle({ priceSats: 1200, body: `Paid: ${SENTINEL}` });
    const url = `${server.url}/api/v1/articles/${article.slug}`;
    let payments = 0;
    const wallet = {
      async payInvoice({ invoice }: { invoice: string }) {
        payments++;
        return bob.pay(invoice);
      },
    };
    const response = await fetchWithL402(url, {}, { wallet });
    expect(response.status).toBe(200);
    const json = (await response.json()) as { body: string; access: string; priceSats: number };
    expect(json).toMatchObject({ access: "l402", priceSats: 1200, body: `Paid: ${SENTINEL}` });
    expect(response.payment).toMatchObject({ paid: true, amountSat: 1200 });
    expect(payments).toBe(1);

    // The credential it kept opens the article again; no second payment.
    const again = await fetchWithL402(url, {}, { wallet, credentials: response.payment!.credentials });
    expect(again.status).toBe(200);
    expect(((await again.json()) as { body: string }).body).toContain(SENTINEL);
    expect(payments).toBe(1);

    const payment = await waitFor(() => db().payment.findFirst({ where: { articleId: article.id, status: "complete" } }), { timeoutMs: 20_000, intervalMs: 100 });
    expect(payment.payerKind).toBe("machine");
    const settled = await aliceNode().getInvoice(payment.paymentHash!);
    expect(settled).toMatchObject({ state: "settled", receivedMsats: 1_200_000n });
    expect((await earningsByKind(article.authorId)).sale).toBe(1_200_000n - (1_200_000n * 5n) / 100n);
    await expectBooksMatchNode(aliceNode());
  });
});
