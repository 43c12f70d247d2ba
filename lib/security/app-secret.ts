import "server-only";
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { devToolsAllowed } from "@/lib/build-kind";
import { getEnv } from "@/lib/env";

// Key for cookie signatures. Production must set APP_SECRET; development generates one beside
// the database on first use so a fresh clone needs no setup and restarts keep readers' cookies.
const fromFile = new Map<string, Buffer>();

export function appSecret(): Buffer {
  const env = getEnv();
  if (env.APP_SECRET) return Buffer.from(env.APP_SECRET, "utf8");
  // Generated secrets are for `next dev` only (lib/build-kind.ts), whatever NODE_ENV says.
  if (!devToolsAllowed(env)) {
    throw new Error("APP_SECRET is not set: production needs a random secret of at least 32 characters (e.g. `openssl rand -hex 32`).");
  }
  // Beside the SQLite file; on PostgreSQL in data/ (development only, as above).
  const dbFile = env.DATABASE_URL.startsWith("file:") ? path.resolve(env.DATABASE_URL.replace(/^file:/, "")) : path.resolve("data", "db");
  const file = path.join(path.dirname(dbFile), "app-secret");
  const cached = fromFile.get(file);
  if (cached) return cached;
  if (!existsSync(file)) {
    mkdirSync(path.dirname(file), { recursive: true });
    try {
      writeFileSync(file, randomBytes(32).toString("hex"), { mode: 0o600, flag: "wx" });
    } catch (error) {
      // Another process created it first; use theirs.
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    }
  }
  const secret = Buffer.from(readFileSync(file, "utf8").trim(), "utf8");
  fromFile.set(file, secret);
  return secret;
}
