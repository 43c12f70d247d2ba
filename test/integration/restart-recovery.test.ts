import { spawnSync } from "node:child_process";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { createArticle, waitFor } from "@/test/support/fixtures";
import { cookieHeader, get, invoiceIn } from "@/test/support/http";
import { shareServerDatabase } from "@/test/support/site-data";
import { startSiteServer, type SiteServer } from "@/test/support/site-server";

const root = path.resolve(import.meta.dirname, "../..");
let server: SiteServer;

beforeAll(async () => {
  server = await startSiteServer();
  await shareServerDatabase(server);
});
afterAll(async () => server?.stop());

describe("a payment made while the site is down", () => {
  it("is credited when the site starts again", async () => {
    const { slug, id: articleId } = await createArticle({ priceSats: 300, body: "Body after restart." });
    const cookie = cookieHeader((await get(`${server.url}/articles/${slug}`)).cookies);
    const invoice = invoiceIn((await get(`${server.url}/articles/${slug}`, { cookie })).text);

    await server.stop();
    // The reader pays from the terminal wallet while the site is stopped.
    const paid = spawnSync(process.execPath, [path.join(root, "node_modules/tsx/dist/cli.mjs"), "--conditions=react-server", "scripts/dev-wallet.ts", "pay", invoice], {
      cwd: root,
      env: { ...process.env, DATABASE_URL: server.databaseUrl },
      encoding: "utf8",
    });
    expect(paid.status, paid.stderr).toBe(0);
    expect(JSON.parse(paid.stdout).settleIndex).toBe(1);
    const payment = await db().payment.findFirstOrThrow({ where: { articleId } });
    expect(payment.status).toBe("pending_payment");

    await server.restart();
    await waitFor(async () => (await db().payment.findUniqueOrThrow({ where: { id: payment.id } })).status === "complete", { timeoutMs: 10_000 });
    const page = await get(`${server.url}/articles/${slug}`, { cookie });
    expect(page.text).toContain("Body after restart.");
  });
});
