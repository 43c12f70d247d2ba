import "server-only";
import { mkdirSync } from "node:fs";
import path from "node:path";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { PrismaClient as PostgresPrismaClient } from "@/lib/generated/prisma-pg/client";
import { serializedSqliteAdapter } from "@/lib/db/sqlite-adapter";
import { isPostgresUrl } from "@/lib/db/dialect";
import { getEnv } from "@/lib/env";

// One client per process. Next.js may evaluate this module once per route bundle, so the
// instance lives on globalThis (the same reason the settlement watcher and event bus do).
const globalForDb = globalThis as unknown as { __prisma?: PrismaClient };

function createClient(): PrismaClient {
  const url = getEnv().DATABASE_URL;
  if (isPostgresUrl(url)) {
    // The PostgreSQL client is generated from the derived schema (scripts/pg/derive-schema.mjs):
    // the same models and fields, so the code is typed against the SQLite client only.
    // connectionTimeoutMillis: an unreachable server (a failover, a dropped route) fails the
    // request in seconds with a 503 (lib/db/database-unavailable.ts) instead of hanging it.
    return new PostgresPrismaClient({ adapter: new PrismaPg({ connectionString: url, connectionTimeoutMillis: 10_000 }) }) as unknown as PrismaClient;
  }
  mkdirSync(path.dirname(path.resolve(url.replace(/^file:/, ""))), { recursive: true });
  return new PrismaClient({ adapter: serializedSqliteAdapter(url, getEnv().SQLITE_SYNCHRONOUS) });
}

export function db(): PrismaClient {
  globalForDb.__prisma ??= createClient();
  return globalForDb.__prisma;
}

export async function disconnectDb() {
  await globalForDb.__prisma?.$disconnect();
  globalForDb.__prisma = undefined;
}

/** One round trip to the database (health checks). */
export async function pingDatabase() {
  await db().$queryRaw`SELECT 1`;
}
