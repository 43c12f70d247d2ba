import { spawn } from "node:child_process";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { payWithDevWallet } from "@/lib/lightning/dev-node/dev-wallet";
import { prepareViewPayment } from "@/test/support/view-payment";
import { buyerId, createArticle } from "@/test/support/fixtures";
import { useFreshDatabase } from "@/test/support/test-database";

const root = path.resolve(import.meta.dirname, "../..");

function runWorker(args: string[]): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(root, "node_modules/tsx/dist/cli.mjs"), "--conditions=react-server", "test/support/settle-worker.ts", ...args], {
      cwd: root,
      env: process.env,
      stdio: ["ignore", "pipe", "pipe"],
    });
    let out = "";
    child.stdout.on("data", (chunk) => (out += chunk));
    child.stderr.on("data", (chunk) => (out += chunk));
    child.on("exit", (code) => {
      const won = /WON=(\d+)/.exec(out);
      if (code !== 0 || !won) reject(new Error(`worker failed (${code}):\n${out}`));
      else resolve(Number(won[1]));
    });
  });
}

describe("settlement seen by two processes at once", () => {
  it("is credited exactly once", async () => {
    await useFreshDatabase();
    const article = await createArticle({ priceSats: 7 });
    const state = await prepareViewPayment(buyerId(), article);
    if (state.kind !== "waiting") throw new Error("expected an invoice");
    const paid = await payWithDevWallet(state.paymentRequest);
    const args = [state.paymentHash, String(paid.settleIndex), "7000"];
    const wins = await Promise.all([runWorker(args), runWorker(args)]);
    expect(wins[0]! + wins[1]!).toBe(1);
    const payment = await db().payment.findUniqueOrThrow({ where: { id: state.paymentId } });
    expect(payment.status).toBe("complete");
    expect(payment.settleIndex).toBe(BigInt(paid.settleIndex));
    // The counters move with the completion, so they too count the 20 attempts once.
    const counted = await db().article.findUniqueOrThrow({ where: { id: article.id }, select: { viewCount: true, salesCount: true, earnedSats: true } });
    expect(counted).toEqual({ viewCount: 1, salesCount: 1, earnedSats: 7n });
    const days = await db().authorDailyStats.findMany({ where: { authorId: article.authorId } });
    expect(days.map(({ views, sales, earnedSats }) => ({ views, sales, earnedSats }))).toEqual([{ views: 1, sales: 1, earnedSats: 7n }]);
  });
});
