import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";

// The counters migration fills the new counters from the payments a running site already has,
// so the lists show the same figures the moment it is deployed.
const migrations = path.resolve(import.meta.dirname, "../../prisma/migrations");
const COUNTERS = "20261202120000_counters_and_pagination";
const sql = (dir: string) => readFileSync(path.join(migrations, dir, "migration.sql"), "utf8");

describe("counters migration", () => {
  it("backfills article counters and per-author days from the completed payments only", () => {
    const sqlite = new Database(":memory:");
    for (const dir of readdirSync(migrations).filter((entry) => /^\d+_/.test(entry) && entry < COUNTERS).sort()) sqlite.exec(sql(dir));
    const at = (iso: string) => iso.replace("Z", "+00:00");
    sqlite.exec(`INSERT INTO "User" ("id", "role") VALUES ('u1', 'author'), ('u2', 'author')`);
    const article = sqlite.prepare(`INSERT INTO "Article" ("id", "slug", "title", "teaser", "body", "priceSats", "status", "authorId", "updatedAt") VALUES (?, ?, 't', 't', 'b', 10, 'visible', ?, ?)`);
    article.run("a1", "a-1", "u1", at("2026-01-01T00:00:00.000Z"));
    article.run("a2", "a-2", "u1", at("2026-01-01T00:00:00.000Z"));
    article.run("a3", "a-3", "u2", at("2026-01-01T00:00:00.000Z"));
    sqlite.exec(`INSERT INTO "Buyer" ("id") VALUES ('b1'), ('b2'), ('b3')`);
    const payment = sqlite.prepare(
      `INSERT INTO "Payment" ("id", "buyerId", "articleId", "purpose", "amountSats", "status", "settledAt", "updatedAt") VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    payment.run("p1", "b1", "a1", "view", 10, "complete", at("2026-02-01T10:00:00.000Z"), at("2026-02-01T10:00:00.000Z"));
    payment.run("p2", "b2", "a1", "view", 12, "complete", at("2026-02-01T23:00:00.000Z"), at("2026-02-01T23:00:00.000Z"));
    payment.run("p3", "b1", "a1", "upvote", 5, "complete", null, at("2026-02-03T08:00:00.000Z")); // completed without settledAt
    payment.run("p4", "b3", "a1", "view", 10, "pending_payment", null, at("2026-02-01T10:00:00.000Z"));
    payment.run("p5", "b1", "a2", "view", 10, "expired", null, at("2026-02-01T10:00:00.000Z"));
    payment.run("p6", "b3", "a3", "view", 7, "complete", at("2026-02-02T10:00:00.000Z"), at("2026-02-02T10:00:00.000Z"));

    sqlite.exec(sql(COUNTERS));

    const counters = sqlite.prepare(`SELECT "id", "viewCount", "salesCount", "earnedSats" FROM "Article" ORDER BY "id"`).all();
    expect(counters).toEqual([
      { id: "a1", viewCount: 2, salesCount: 3, earnedSats: 27 },
      { id: "a2", viewCount: 0, salesCount: 0, earnedSats: 0 },
      { id: "a3", viewCount: 1, salesCount: 1, earnedSats: 7 },
    ]);
    expect(sqlite.prepare(`SELECT * FROM "AuthorDailyStats" ORDER BY "authorId", "day"`).all()).toEqual([
      { authorId: "u1", day: "2026-02-01", views: 2, sales: 2, earnedSats: 22 },
      { authorId: "u1", day: "2026-02-03", views: 0, sales: 1, earnedSats: 5 },
      { authorId: "u2", day: "2026-02-02", views: 1, sales: 1, earnedSats: 7 },
    ]);
    expect(sqlite.prepare(`SELECT "settledAt" FROM "Payment" WHERE "id" = 'p3'`).get()).toEqual({ settledAt: at("2026-02-03T08:00:00.000Z") });
    expect(sqlite.prepare(`SELECT "settledAt" FROM "Payment" WHERE "id" = 'p4'`).get()).toEqual({ settledAt: null });
  });
});
