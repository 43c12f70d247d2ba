import { createHash, randomBytes } from "node:crypto";
import { execFileSync } from "node:child_process";
import { mkdirSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { disconnectDb } from "@/lib/db/client";
import { resetEnvForTests } from "@/lib/env";
import { resetLightningForTests } from "@/lib/lightning/lightning";

const root = path.resolve(import.meta.dirname, "../..");
export const TEST_TMP = path.join(root, ".test-tmp");

/**
 * TEST_DATABASE=postgres runs the tests on PostgreSQL (PG_TEST_URL, which scripts/test.mjs sets
 * from scripts/pg/ensure-postgres.mjs): each test database is a copy of a template with every
 * committed PostgreSQL migration applied. Anything else: a SQLite file per test database.
 */
export const testOnPostgres = process.env.TEST_DATABASE === "postgres";

function migrationFiles(folder: string): string[] {
  const migrations = path.join(root, "prisma", folder);
  return readdirSync(migrations)
    .filter((entry) => /^\d+_/.test(entry))
    .sort()
    .map((dir) => path.join(migrations, dir, "migration.sql"));
}

const psql = (url: string, args: string[]) => execFileSync("psql", [url, "-v", "ON_ERROR_STOP=1", "-qAtX", ...args], { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
const withDatabase = (url: string, database: string) => Object.assign(new URL(url), { pathname: `/${database}` }).toString();

/** The migrated template, named by a hash of the migrations so a changed one makes a new template. */
function postgresTemplate(adminUrl: string): string {
  const files = migrationFiles("migrations-postgres");
  const hash = createHash("sha256");
  for (const file of files) hash.update(readFileSync(file));
  const template = `paywall_tpl_${hash.digest("hex").slice(0, 12)}`;
  if (psql(adminUrl, ["-c", `SELECT 1 FROM pg_database WHERE datname = '${template}'`]).trim()) return template;
  // Built under a private name and renamed: test files running in parallel may race to build it.
  const building = `${template}_${randomBytes(4).toString("hex")}`;
  psql(adminUrl, ["-c", `CREATE DATABASE ${building}`]);
  for (const file of files) psql(withDatabase(adminUrl, building), ["-1", "-f", file]);
  try {
    psql(adminUrl, ["-c", `ALTER DATABASE ${building} RENAME TO ${template}`]);
  } catch {
    psql(adminUrl, ["-c", `DROP DATABASE IF EXISTS ${building}`]);
  }
  return template;
}

/** A new database on the PostgreSQL server at adminUrl (PG_TEST_URL by default), every migration applied. */
export function createPostgresDatabase(name: string, adminUrl = process.env.PG_TEST_URL): { file: string; url: string } {
  if (!adminUrl) throw new Error("TEST_DATABASE=postgres needs PG_TEST_URL (node scripts/pg/ensure-postgres.mjs prints one)");
  const database = `t_${name.replace(/[^a-z0-9]/gi, "").toLowerCase()}_${randomBytes(6).toString("hex")}`;
  psql(adminUrl, ["-c", `CREATE DATABASE ${database} TEMPLATE ${postgresTemplate(adminUrl)}`]);
  return { file: "", url: withDatabase(adminUrl, database) };
}

/** A new database with every committed migration applied, as `prisma migrate deploy` would. */
export function createMigratedDatabase(name = "db"): { file: string; url: string } {
  if (testOnPostgres) return createPostgresDatabase(name);
  return createSqliteDatabase(name);
}

/** A new SQLite file with every committed migration applied (whatever TEST_DATABASE says). */
export function createSqliteDatabase(name = "db"): { file: string; url: string } {
  mkdirSync(TEST_TMP, { recursive: true });
  const file = path.join(TEST_TMP, `${name}-${randomBytes(6).toString("hex")}.db`);
  const sqlite = new Database(file);
  sqlite.pragma("journal_mode = WAL");
  for (const migration of migrationFiles("migrations")) sqlite.exec(readFileSync(migration, "utf8"));
  sqlite.close();
  return { file, url: `file:${file}` };
}

/** Points this process's lib/ code (db(), getEnv(), lightning()) at a fresh database. */
export async function useFreshDatabase(env: Record<string, string> = {}): Promise<string> {
  await disconnectDb();
  const { url } = createMigratedDatabase();
  process.env.DATABASE_URL = url;
  for (const [key, value] of Object.entries(env)) process.env[key] = value;
  resetEnvForTests();
  resetLightningForTests();
  return url;
}
