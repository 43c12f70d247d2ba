import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bobWallet } from "@/test/support/bob-wallet";
import { expectEachCreditedOnce, newPurchase, type Purchase } from "@/test/support/credit-checks";
import { createArticle } from "@/test/support/fixtures";
import { aliceSettings } from "@/test/support/regtest-network";
import { shareServerDatabase } from "@/test/support/site-data";
import { inParallel, LOAD_TEST_LIMITS, percentile, startSiteCluster, type SiteCluster } from "@/test/support/site-cluster";
import { watchUnlock } from "@/test/support/unlock-watch";

// Issue 12: a reader whose SSE stream is on another instance than the one that credited the
// settlement (the leader) unlocks in under 250 ms p99, measured from bob's `pay` resolving to
// the "complete" event on the reader's stream. The leader's own readers (in-process event, no
// NOTIFY round trip) are measured beside them as the baseline.
const PAYMENTS = 60;
const PRICE_SATS = 10;
let cluster: SiteCluster;

beforeAll(async () => {
  cluster = await startSiteCluster({ instances: 3, env: { ...aliceSettings(), ...LOAD_TEST_LIMITS } });
  await shareServerDatabase(cluster.instances[0]!.server);
});
afterAll(async () => cluster?.stop());

/** Unlock latencies (ms) of `count` purchases whose readers listen on `baseUrl`, paid a few at a time. */
async function unlockLatencies(baseUrl: string, purchases: Purchase[]): Promise<number[]> {
  const bob = bobWallet();
  return inParallel(purchases, 4, async (purchase) => {
    const reader = watchUnlock(baseUrl, purchase.paymentId, purchase.cookie, 20_000);
    await reader.opened;
    await bob.pay(purchase.invoice);
    const paidAt = performance.now();
    return (await reader.completed) - paidAt;
  });
}

const summary = (values: number[]) => `p50 ${percentile(values, 50).toFixed(0)} ms, p99 ${percentile(values, 99).toFixed(0)} ms, max ${Math.max(...values).toFixed(0)} ms`;

describe("unlock across instances", () => {
  it("reaches a reader on a non-leading instance in under 250 ms p99", async () => {
    const article = await createArticle({ priceSats: PRICE_SATS });
    const { id: leader } = await cluster.waitForLeader();
    const other = cluster.instances.find(({ id }) => id !== leader)!;
    const own = cluster.instance(leader);
    const remote = await inParallel(Array.from({ length: PAYMENTS }), 12, () => newPurchase(cluster.url, article.slug));
    const local = await inParallel(Array.from({ length: 20 }), 12, () => newPurchase(cluster.url, article.slug));

    const across = await unlockLatencies(other.server.url, remote);
    const baseline = await unlockLatencies(own.server.url, local);
    console.log(`unlock after bob's payment, reader on ${other.id} (leader ${leader}, via NOTIFY): ${summary(across)}`);
    console.log(`unlock after bob's payment, reader on the leader ${leader} (in-process, baseline): ${summary(baseline)}`);
    expect(await cluster.leader()).toBe(leader); // the same instance credited them all
    expect(percentile(across, 99)).toBeLessThan(250);
    await expectEachCreditedOnce(article.id, [...remote, ...local], PRICE_SATS);
  });
});
