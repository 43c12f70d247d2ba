import { randomBytes } from "node:crypto";
import { mkdirSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { disconnectDb } from "@/lib/db/client";
import { resetEnvForTests } from "@/lib/env";
import { resetLightningForTests } from "@/lib/lightning/lightning";

const root = path.resolve(import.meta.dirname, "../..");
export const TEST_TMP = path.join(root, ".test-tmp");

/** A new SQLite file with every committed migration applied, as `prisma migrate deploy` would. */
export function createMigratedDatabase(name = "db"): { file: string; url: string } {
  mkdirSync(TEST_TMP, { recursive: true });
  const file = path.join(TEST_TMP, `${name}-${randomBytes(6).toString("hex")}.db`);
  const sqlite = new Database(file);
  sqlite.pragma("journal_mode = WAL");
  const migrations = path.join(root, "prisma", "migrations");
  for (const dir of readdirSync(migrations).filter((entry) => /^\d+_/.test(entry)).sort()) {
    sqlite.exec(readFileSync(path.join(migrations, dir, "migration.sql"), "utf8"));
  }
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
