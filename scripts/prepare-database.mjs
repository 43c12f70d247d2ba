// Applies the committed migrations to the database (creating a SQLite file on a fresh clone) and,
// when asked, seeds sample content into an empty one. Used by `npm run dev`, `npm start` and tests.
import { spawnSync } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { runPrisma } from "./prisma.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
export const DEFAULT_DATABASE_URL = "file:./data/dev.db";

export function databaseFile(url = process.env.DATABASE_URL ?? DEFAULT_DATABASE_URL) {
  return path.resolve(root, url.replace(/^file:/, ""));
}

async function countArticlesSqlite(url) {
  const { default: Database } = await import("better-sqlite3");
  const sqlite = new Database(databaseFile(url));
  // WAL lets the site read while another process (the dev-wallet command, a test) writes.
  sqlite.pragma("journal_mode = WAL");
  const { n } = sqlite.prepare('SELECT COUNT(*) AS n FROM "Article"').get();
  sqlite.close();
  return n;
}

async function countArticlesPostgres(url) {
  const { default: pg } = await import("pg");
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query('SELECT COUNT(*) AS n FROM "Article"')).rows[0].n;
  } finally {
    await client.end();
  }
}

export async function prepareDatabase({ seed = false, databaseUrl = process.env.DATABASE_URL ?? DEFAULT_DATABASE_URL, quiet = false } = {}) {
  runPrisma(["migrate", "deploy"], { DATABASE_URL: databaseUrl }, quiet);
  const n = /^postgres(ql)?:\/\//.test(databaseUrl) ? await countArticlesPostgres(databaseUrl) : await countArticlesSqlite(databaseUrl);
  if (seed && Number(n) === 0) {
    const tsx = path.join(root, "node_modules", "tsx", "dist", "cli.mjs");
    const result = spawnSync(process.execPath, [tsx, "--conditions=react-server", "scripts/seed.ts"], {
      cwd: root,
      env: { ...process.env, DATABASE_URL: databaseUrl },
      stdio: "inherit",
    });
    if (result.status !== 0) throw new Error("seeding sample content failed");
  }
}
