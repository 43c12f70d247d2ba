import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";

// The engine's migration turns a running site's payments into what the engine reads: reuse keys
// in place of the partial index, args, entitlements for what was bought, and a ledger whose
// journals balance and credit the authors what they had earned.
const migrations = path.resolve(import.meta.dirname, "../../prisma/migrations");
const ENGINE = "20261202200000_pay_in_engine";
const sql = (dir: string) => readFileSync(path.join(migrations, dir, "migration.sql"), "utf8");

describe("pay-in engine migration", () => {
  it("backfills reuse keys, args, entitlements and balanced ledger journals from the payments a site has", () => {
    const sqlite = new Database(":memory:");
    for (const dir of readdirSync(migrations).filter((entry) => /^\d+_/.test(entry) && entry < ENGINE).sort()) sqlite.exec(sql(dir));
    const at = "2026-02-01T10:00:00.000+00:00";
    sqlite.exec(`INSERT INTO "User" ("id", "role") VALUES ('u1', 'author'), ('u2', 'author')`);
    const article = sqlite.prepare(`INSERT INTO "Article" ("id", "slug", "title", "teaser", "body", "priceSats", "status", "authorId", "updatedAt") VALUES (?, ?, 't', 't', 'b', 10, 'visible', ?, ?)`);
    article.run("a1", "a-1", "u1", at);
    article.run("a2", "a-2", "u2", at);
    sqlite.exec(`INSERT INTO "Buyer" ("id") VALUES ('b1'), ('b2')`);
    const payment = sqlite.prepare(
      `INSERT INTO "Payment" ("id", "buyerId", "articleId", "purpose", "amountSats", "status", "settledAt", "updatedAt") VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    payment.run("p1", "b1", "a1", "view", 10, "complete", at, at);
    payment.run("p2", "b2", "a1", "upvote", 5, "complete", at, at);
    payment.run("p3", "b2", "a1", "view", 10, "pending_payment", null, at);
    payment.run("p4", "b1", "a2", "view", 7, "complete", at, at);

    sqlite.exec(sql(ENGINE));

    expect(sqlite.prepare(`SELECT "id", "reuseKey", "args", "receivedMsats" FROM "Payment" ORDER BY "id"`).all()).toEqual([
      { id: "p1", reuseKey: "view:b1:a1", args: '{"articleId":"a1"}', receivedMsats: 10_000 },
      { id: "p2", reuseKey: null, args: '{"articleId":"a1"}', receivedMsats: 5000 },
      { id: "p3", reuseKey: "view:b2:a1", args: '{"articleId":"a1"}', receivedMsats: null },
      { id: "p4", reuseKey: "view:b1:a2", args: '{"articleId":"a2"}', receivedMsats: 7000 },
    ]);
    // The partial index's rule lives on as the unique reuse key.
    expect(() => payment.run("p5", "b1", "a1", "view", 10, "pending_invoice", null, at)).not.toThrow();
    expect(() => sqlite.exec(`UPDATE "Payment" SET "reuseKey" = 'view:b1:a1' WHERE "id" = 'p5'`)).toThrow(/UNIQUE/);
    // Only completed views grant reading.
    expect(sqlite.prepare(`SELECT "paymentId", "buyerId", "kind", "resource", "articleId" FROM "Entitlement" ORDER BY "paymentId"`).all()).toEqual([
      { paymentId: "p1", buyerId: "b1", kind: "read", resource: "article:a1", articleId: "a1" },
      { paymentId: "p4", buyerId: "b1", kind: "read", resource: "article:a2", articleId: "a2" },
    ]);
    // Every journal balances; authors hold what they earned; the node received what was paid.
    expect(sqlite.prepare(`SELECT "journal", SUM("amountMsats") AS "sum" FROM "LedgerEntry" GROUP BY "journal" HAVING SUM("amountMsats") <> 0`).all()).toEqual([]);
    expect(sqlite.prepare(`SELECT "account", "kind", SUM("amountMsats") AS "msats" FROM "LedgerEntry" GROUP BY "account", "kind" ORDER BY "account", "kind"`).all()).toEqual([
      { account: "node", kind: "received", msats: -22_000 },
      { account: "user:u1", kind: "sale", msats: 10_000 },
      { account: "user:u1", kind: "upvote", msats: 5000 },
      { account: "user:u2", kind: "sale", msats: 7000 },
    ]);
    expect(sqlite.prepare(`SELECT "id", "upvoteCount", "upvoteSats" FROM "Article" ORDER BY "id"`).all()).toEqual([
      { id: "a1", upvoteCount: 1, upvoteSats: 5 },
      { id: "a2", upvoteCount: 0, upvoteSats: 0 },
    ]);
  });
});
