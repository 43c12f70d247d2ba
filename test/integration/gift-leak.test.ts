import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { createArticle } from "@/test/support/fixtures";
import { buyGift, claimJson, newBrowser } from "@/test/support/gifts";
import { get, post, postJson, type RawResponse } from "@/test/support/http";
import { shareServerDatabase } from "@/test/support/site-data";
import { startSiteServer, type SiteServer } from "@/test/support/site-server";

// Gift links never carry the paid body: not the gift page (what the gift is), not the claim
// answers, not the giver's receipt page, library or JSON, before or after the claim. Positive
// control: the claimer's article page does carry it, so the search can fail.
const SENTINEL = "SENTINEL-GIFT-BODY-5b8e1d07";

let server: SiteServer;
let article: Awaited<ReturnType<typeof createArticle>>;

beforeAll(async () => {
  server = await startSiteServer();
  await shareServerDatabase(server);
  article = await createArticle({ priceSats: 321, title: "Gift leak check", body: `Secret gift paragraph.\n\n${SENTINEL} and more.` });
});
afterAll(async () => server?.stop());

function expectNoBody(channel: string, response: RawResponse | string) {
  const text = typeof response === "string" ? response : response.text;
  expect(text.includes(SENTINEL), `${channel} leaked the paid body`).toBe(false);
  expect(text.includes("Secret gift paragraph"), `${channel} leaked the paid body`).toBe(false);
}

describe("gift links never carry the paid body", () => {
  it("is absent from the gift page, the claim answers and everything the giver sees, and present for the claimer", async () => {
    const giver = await newBrowser(server.url);
    const started = await postJson(`${server.url}/api/gifts`, { kind: "article", id: article.id }, { cookie: giver });
    expectNoBody("gift invoice JSON", started);
    // The giver asks for the receipt by mail beside the invoice; it is queued when the gift is paid.
    const { paymentId } = JSON.parse(started.text) as { paymentId: string };
    const kept = await postJson(`${server.url}/api/payments/${paymentId}/receipt-email`, { email: "giver@example.com" }, { cookie: giver });
    expect(kept.status, kept.text).toBe(202);
    const gift = await buyGift(server.url, giver, "article", article.id);
    expect(gift.paymentId).toBe(paymentId);
    const { receiptToken } = await db().payment.findUniqueOrThrow({ where: { id: gift.paymentId } });
    const mail = await db().mailOutbox.findFirstOrThrow({ where: { to: "giver@example.com" } });
    expect(mail.text).toContain(`/receipts/${receiptToken}`);
    expect(mail.text).toContain("shows the gift link to send");
    expectNoBody("giver's receipt mail", `${mail.subject}\n${mail.text}\n${mail.html ?? ""}`);
    const stranger = await newBrowser(server.url);
    const claimer = await newBrowser(server.url);
    const giftPage = `${server.url}/gifts/${gift.token}`;
    const rsc = { RSC: "1", "Next-Url": `/gifts/${gift.token}` };

    const seen = async (): Promise<Array<[string, RawResponse]>> => [
      ["gift page, no cookie", await get(giftPage)],
      ["gift page, giver", await get(giftPage, { cookie: giver })],
      ["gift page, stranger", await get(giftPage, { cookie: stranger })],
      ["gift page RSC payload", await get(`${giftPage}?_rsc=g1`, { cookie: stranger, headers: rsc, follow: true })],
      ["gift page, claimer", await get(giftPage, { cookie: claimer })],
      ["giver's gift JSON", await get(`${server.url}/api/payments/${gift.paymentId}/gift`, { cookie: giver })],
      ["giver's receipt page", await get(`${server.url}/receipts/${receiptToken}`, { follow: true })],
      ["giver's library", await get(`${server.url}/library`, { cookie: giver })],
      ["giver's article page", await get(`${server.url}/articles/${article.slug}`, { cookie: giver })],
    ];
    for (const [channel, response] of await seen()) {
      expect(response.status, channel).toBe(200);
      expectNoBody(channel, response);
    }

    const claimed = await post(`${server.url}/api/gifts/${gift.token}/claim`, undefined, { cookie: claimer });
    expect(claimed.status).toBe(303);
    expectNoBody("claim answer (form)", claimed);
    expectNoBody("claim answer again (JSON)", await claimJson(server.url, claimer, gift.token));
    const refused = await post(`${server.url}/api/gifts/${gift.token}/claim`, undefined, { cookie: stranger });
    expect(refused.status).toBe(409);
    expectNoBody("refused claim (HTML)", refused);
    expectNoBody("refused claim (JSON)", await claimJson(server.url, stranger, gift.token));
    for (const [channel, response] of await seen()) expectNoBody(`${channel}, after the claim`, response);

    // Positive control: the claimer reads it, so the searches above can find the body.
    const unlocked = await get(`${server.url}/articles/${article.slug}`, { cookie: claimer });
    expect(unlocked.text).toContain(SENTINEL);
    expect(server.logs()).not.toContain(SENTINEL);
  });
});
