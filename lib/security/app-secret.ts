import "server-only";
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { getEnv } from "@/lib/env";

// Key for cookie signatures. Production must set APP_SECRET; development generates one beside
// the database on first use so a fresh clone needs no setup and restarts keep readers' cookies.
let cached: Buffer | undefined;

export function appSecret(): Buffer {
  if (cached) return cached;
  const env = getEnv();
  if (env.APP_SECRET) {
    cached = Buffer.from(env.APP_SECRET, "utf8");
    return cached;
  }
  if (env.NODE_ENV === "production" && env.DEV_NODE_IN_PRODUCTION !== "1") {
    throw new Error("APP_SECRET is not set: production needs a random secret of at least 32 characters (e.g. `openssl rand -hex 32`).");
  }
  const dbFile = path.resolve(env.DATABASE_URL.replace(/^file:/, ""));
  const file = path.join(path.dirname(dbFile), "app-secret");
  if (!existsSync(file)) {
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, randomBytes(32).toString("hex"), { mode: 0o600, flag: "wx" });
  }
  cached = Buffer.from(readFileSync(file, "utf8").trim(), "utf8");
  return cached;
}
