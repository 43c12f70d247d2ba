// Prisma 6.19 runs offline here only with its WebAssembly engines and a driver adapter
// (native engines cannot be downloaded on our machines). See scripts/prisma.mjs.
// DATABASE_URL picks the database: `file:` is SQLite (the default, prisma/schema.prisma),
// `postgresql://` is PostgreSQL (prisma/schema.postgres.prisma, derived by
// scripts/pg/derive-schema.mjs, with its own migrations folder).
import { mkdirSync } from "node:fs";
import path from "node:path";
import { defineConfig } from "prisma/config";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { postgresMigrateAdapter } from "./scripts/pg/migrate-adapter.mjs";

const url = process.env.DATABASE_URL ?? "file:./data/dev.db";
const postgres = /^postgres(ql)?:\/\//.test(url);

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: path.join("prisma", postgres ? "schema.postgres.prisma" : "schema.prisma"),
  migrations: { path: path.join("prisma", postgres ? "migrations-postgres" : "migrations") },
  async adapter() {
    if (postgres) return postgresMigrateAdapter(url);
    // SQLite creates the file but not its folder; a fresh clone has no data/ yet.
    mkdirSync(path.dirname(path.resolve(url.replace(/^file:/, ""))), { recursive: true });
    return new PrismaBetterSQLite3({ url });
  },
});
