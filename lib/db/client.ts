import "server-only";
import { mkdirSync } from "node:fs";
import path from "node:path";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { serializedSqliteAdapter } from "@/lib/db/sqlite-adapter";
import { getEnv } from "@/lib/env";

// One client per process. Next.js may evaluate this module once per route bundle, so the
// instance lives on globalThis (the same reason the settlement watcher and event bus do).
const globalForDb = globalThis as unknown as { __prisma?: PrismaClient };

function createClient(): PrismaClient {
  const url = getEnv().DATABASE_URL;
  mkdirSync(path.dirname(path.resolve(url.replace(/^file:/, ""))), { recursive: true });
  return new PrismaClient({ adapter: serializedSqliteAdapter(url) });
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
