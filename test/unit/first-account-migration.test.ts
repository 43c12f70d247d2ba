import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";

// The migration that records "first-account" marks it claimed on a site that already has
// accounts (so upgrading never promotes a later account), and leaves a fresh site unclaimed.
const migrations = path.resolve(import.meta.dirname, "../../prisma/migrations");
const folders = readdirSync(migrations).filter((entry) => /^\d+_/.test(entry)).sort();
const target = folders.findIndex((entry) => entry.endsWith("_sign_in_hardening"));

function databaseBefore(withUser: boolean) {
  const sqlite = new Database(":memory:");
  for (const folder of folders.slice(0, target)) sqlite.exec(readFileSync(path.join(migrations, folder, "migration.sql"), "utf8"));
  if (withUser) sqlite.exec(`INSERT INTO "User" ("id", "role") VALUES ('u1', 'admin'), ('u2', 'reader')`);
  sqlite.exec(readFileSync(path.join(migrations, folders[target]!, "migration.sql"), "utf8"));
  return sqlite;
}

describe("first-account migration", () => {
  it("marks the claim taken when users exist, and not on an empty site", () => {
    expect(target).toBeGreaterThan(0);
    const upgraded = databaseBefore(true);
    expect(upgraded.prepare(`SELECT "name" FROM "SiteClaim"`).all()).toEqual([{ name: "first-account" }]);
    const fresh = databaseBefore(false);
    expect(fresh.prepare(`SELECT COUNT(*) AS n FROM "SiteClaim"`).get()).toEqual({ n: 0 });
  });
});
