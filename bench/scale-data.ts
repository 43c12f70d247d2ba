// The scale part's databases, written straight into a migrated SQLite file with recursive-CTE
// INSERT ... SELECTs (a million payments in seconds, no ORM). Shape, for N articles and M payments:
//   - N/10 authors with ~10 articles each, except the "heavy author" who wrote every tenth
//     article (10,000 of 100,000), spread over three years of publication;
//   - 2% drafts, 0.5% removed by admins, 20% free, the rest priced 100-590 sats;
//   - M completed payments over the last 90 days (1 in 20 an upvote), from M/10 anonymous buyers
//     of ~10 purchases each, plus the "heavy reader" whose R purchases are spread over the catalogue;
//   - the counters (Article.viewCount..., AuthorDailyStats), entitlements and ledger filled by the migrations' own backfills.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { publicKeyOf } from "@/test/support/wallet";

export type ScaleShape = { label: string; articles: number; payments: number; heavyReaderPurchases: number };

export type ScaleData = {
  file: string;
  shape: ScaleShape;
  seconds: number;
  /** Seconds per step: inserting rows, building indexes, the counters' backfill. */
  steps: Record<string, number>;
  /** A visible priced article and a buyer who has bought it. */
  paidSlug: string;
  paidBuyerId: string;
  heavyReaderId: string;
  heavyAuthorArticles: number;
  /** Public key whose LoginKey belongs to the heavy author (sign in with its private key). */
  heavyAuthorPubkey: string;
};

const HEAVY_AUTHOR = "u0000000";
const buyerIdOf = (n: number) => `b_${String(n).padStart(22, "0")}`;
const DAY_S = 86_400;
const ISO = `'%Y-%m-%dT%H:%M:%f+00:00'`; // how Prisma's SQLite adapter stores DateTime

export function generateScaleData(file: string, shape: ScaleShape, heavyAuthorKey: string, paidBody: string): ScaleData {
  const started = performance.now();
  const sqlite = new Database(file);
  // A throwaway file: no journal while filling it (a million rows through the WAL doubles the
  // writes), back to WAL, as the site runs it, before the server opens it.
  sqlite.pragma("journal_mode = OFF");
  sqlite.pragma("synchronous = OFF");
  sqlite.pragma("cache_size = -1000000");
  const nowS = Math.floor(Date.now() / 1000);
  const authors = Math.max(2, Math.floor(shape.articles / 10));
  const buyers = Math.max(2, Math.floor(shape.payments / 10));
  const reader = shape.heavyReaderPurchases;
  const others = shape.payments - reader;
  const pubkey = publicKeyOf(heavyAuthorKey);
  const steps: Record<string, number> = {};
  let mark = performance.now();
  const step = (name: string) => {
    steps[name] = (performance.now() - mark) / 1000;
    mark = performance.now();
  };
  const seq = (count: number) => `WITH RECURSIVE seq(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM seq WHERE i < ${count - 1}) `;

  sqlite.transaction(() => {
    // Users and profiles: u0000000 is the heavy author, who signs in with heavyAuthorKey.
    sqlite.exec(`INSERT INTO "User" ("id", "role", "createdAt") ${seq(authors)}
      SELECT 'u' || printf('%07d', i), 'author', strftime(${ISO}, ${nowS - 4 * 365 * DAY_S}, 'unixepoch') FROM seq`);
    sqlite.exec(`INSERT INTO "Profile" ("id", "userId", "identityPubkey", "displayName", "createdAt", "updatedAt") ${seq(authors)}
      SELECT 'p' || printf('%07d', i), 'u' || printf('%07d', i), CASE WHEN i = 0 THEN '${pubkey}' ELSE '02' || printf('%064d', i) END,
             CASE WHEN i = 0 THEN 'Heavy Author' ELSE 'Author ' || i END,
             strftime(${ISO}, ${nowS - 4 * 365 * DAY_S}, 'unixepoch'), strftime(${ISO}, ${nowS - 4 * 365 * DAY_S}, 'unixepoch') FROM seq`);
    sqlite.prepare(`INSERT INTO "LoginKey" ("id", "userId", "pubkey", "kind", "createdAt") VALUES ('k0', ?, ?, 'lnurl', strftime(${ISO}, 'now'))`).run(HEAVY_AUTHOR, pubkey);

    // Rows first, indexes after: building an index from a full table is several times faster
    // than updating eight Payment indexes a row at a time.
    withoutIndexes(sqlite, ["Article", "Payment"], step, () => {
      // Articles: every tenth by the heavy author, published one after another over three years.
      const spacing = Math.max(1, Math.floor((3 * 365 * DAY_S) / shape.articles));
      const start = nowS - 3 * 365 * DAY_S;
      sqlite.exec(`INSERT INTO "Article" ("id", "slug", "title", "teaser", "body", "priceSats", "status", "authorId", "createdAt", "updatedAt", "publishedAt") ${seq(shape.articles)}
        -- Ids as long as the cuids the site makes (the pay-in engine checks their shape).
        SELECT 'a' || printf('%024d', i), 'article-' || i, 'Article number ' || i || ' about Lightning',
               'A public teaser for article ' || i || ': what it is about, in two sentences that make a reader want the rest.',
               'The paid body of article ' || i || '. ' || replace(hex(zeroblob(20)), '00', 'Lorem ipsum. '),
               CASE WHEN i % 5 = 0 THEN 0 ELSE 100 + (i % 50) * 10 END,
               CASE WHEN i % 50 = 49 THEN 'draft' WHEN i % 200 = 7 THEN 'deleted_by_admin' ELSE 'visible' END,
               CASE WHEN i % 10 = 0 THEN '${HEAVY_AUTHOR}' ELSE 'u' || printf('%07d', 1 + (i % ${authors - 1})) END,
               strftime(${ISO}, ${start} + i * ${spacing}, 'unixepoch'), strftime(${ISO}, ${start} + i * ${spacing} + 60, 'unixepoch'),
               CASE WHEN i % 50 = 49 THEN NULL ELSE strftime(${ISO}, ${start} + i * ${spacing}, 'unixepoch') END
          FROM seq`);

      sqlite.exec(`INSERT INTO "Buyer" ("id", "createdAt") ${seq(buyers)} SELECT 'b_' || printf('%022d', i), strftime(${ISO}, ${nowS - 365 * DAY_S}, 'unixepoch') FROM seq`);

      // Payments: the heavy reader (buyer 0) bought articles 97 apart; buyer b (1..) bought
      // articles (b * 7919 + k * 10007) mod N for k = 0, 1, ...: never the same one twice.
      const payment = (buyer: string, article: string, index: string, purpose: string) => `
        SELECT 'p' || printf('%024d', ${index}), ${buyer}, 'a' || printf('%024d', ${article}), ${purpose}, 100 + ((${index}) % 50) * 10, 'complete',
               printf('%064x', ${index}), 'r' || printf('%09d', ${index}), settled, settled, settled
          FROM (SELECT i, strftime(${ISO}, ${nowS} - ((i * 7919) % ${90 * DAY_S}), 'unixepoch') AS settled FROM seq)`;
      const columns = `("id", "buyerId", "articleId", "purpose", "amountSats", "status", "paymentHash", "receiptToken", "settledAt", "createdAt", "updatedAt")`;
      sqlite.exec(`INSERT INTO "Payment" ${columns} ${seq(reader)} ${payment(`'${buyerIdOf(0)}'`, `(i * 97) % ${shape.articles}`, "i", `'view'`)}`);
      sqlite.exec(`INSERT INTO "Payment" ${columns} ${seq(others)} ${payment(
        `'b_' || printf('%022d', 1 + i % ${buyers - 1})`,
        `((1 + i % ${buyers - 1}) * 7919 + (i / ${buyers - 1}) * 10007) % ${shape.articles}`,
        `${reader} + i`,
        `CASE WHEN i % 20 = 19 THEN 'upvote' ELSE 'view' END`,
      )}`);
    });

    // The counters exactly as a migrated site gets them: the migration's own backfill.
    sqlite.exec(backfillSql("_counters_and_pagination"));
    // Reuse keys, entitlements and the ledger as the engine's migration makes them.
    sqlite.exec(backfillSql("_pay_in_engine"));
    step("backfill");
  })();

  // Buyer 1's first purchase (k = 0) is a view of article 7919 mod N: the paid reader's article.
  const paidIndex = 7919 % shape.articles;
  const paid = sqlite.prepare(`SELECT "slug", "status", "priceSats" FROM "Article" WHERE "id" = ?`).get(`a${String(paidIndex).padStart(24, "0")}`) as { slug: string; status: string; priceSats: number };
  if (paid.status !== "visible" || paid.priceSats === 0) throw new Error(`article ${paidIndex} is not a visible paid article`);
  sqlite.prepare(`UPDATE "Article" SET "body" = ? WHERE "slug" = ?`).run(paidBody, paid.slug);
  const heavyAuthorArticles = (sqlite.prepare(`SELECT COUNT(*) AS n FROM "Article" WHERE "authorId" = ?`).get(HEAVY_AUTHOR) as { n: number }).n;
  sqlite.pragma("journal_mode = WAL");
  sqlite.close();
  return {
    file,
    shape,
    seconds: (performance.now() - started) / 1000,
    steps,
    paidSlug: paid.slug,
    paidBuyerId: buyerIdOf(1),
    heavyReaderId: buyerIdOf(0),
    heavyAuthorArticles,
    heavyAuthorPubkey: pubkey,
  };
}

function withoutIndexes(sqlite: Database.Database, tables: string[], step: (name: string) => void, fill: () => void) {
  const indexes = sqlite
    .prepare(`SELECT "name", "sql" FROM sqlite_master WHERE "type" = 'index' AND "sql" IS NOT NULL AND "tbl_name" IN (${tables.map(() => "?").join(", ")})`)
    .all(...tables) as Array<{ name: string; sql: string }>;
  for (const index of indexes) sqlite.exec(`DROP INDEX "${index.name}"`);
  fill();
  step("rows");
  for (const index of indexes) sqlite.exec(index.sql);
  step("indexes");
}

/** The hand-written backfill at the end of a migration (the counters', the engine's). */
function backfillSql(suffix: string): string {
  const migrations = path.resolve(import.meta.dirname, "..", "prisma", "migrations");
  const dir = readdirSync(migrations).find((entry) => entry.endsWith(suffix));
  const sql = readFileSync(path.join(migrations, dir!, "migration.sql"), "utf8");
  const at = sql.indexOf("-- Backfill");
  if (at < 0) throw new Error(`the migration ${suffix} has no backfill section`);
  return sql.slice(at);
}
