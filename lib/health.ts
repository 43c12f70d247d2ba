import "server-only";
import { createHash, timingSafeEqual } from "node:crypto";
import { instanceId } from "@/lib/cluster/cluster-database";
import { pingDatabase } from "@/lib/db/client";
import { getEnv } from "@/lib/env";
import { errorMessage } from "@/lib/log";
import { nodeStatus, type NodeStatus } from "@/lib/lightning/node-status";
import { watchedCounts } from "@/lib/payments/status-stream-hub";

// Anyone may ask whether the site is up; only admins (or a monitor holding HEALTH_TOKEN) learn
// which node it runs on (pubkey, alias, version) and why something failed.
export type PublicHealth = { status: "ok" | "degraded" };
export type Health = PublicHealth & {
  /** Which process answered (INSTANCE_ID): behind a proxy, tells the instances apart. */
  instance: string;
  database: { ok: boolean; latencyMs?: number; error?: string };
  lightning: NodeStatus;
  /** Open payment-status streams on this instance, and the payments they watch (a leak shows here). */
  sse: { streams: number; payments: number };
};

export async function checkHealth(): Promise<Health> {
  const [database, node] = await Promise.all([checkDatabase(), nodeStatus()]);
  return { status: database.ok && node.ok ? "ok" : "degraded", instance: instanceId(), database, lightning: node, sse: watchedCounts() };
}

export function publicHealth(health: Health): PublicHealth {
  return { status: health.status };
}

/** True for `Authorization: Bearer <HEALTH_TOKEN>` when HEALTH_TOKEN is set (compared in constant time). */
export function hasHealthToken(authorization: string | null): boolean {
  const token = getEnv().HEALTH_TOKEN;
  const given = authorization?.match(/^Bearer\s+(\S+)\s*$/i)?.[1];
  if (!token || !given) return false;
  const digest = (value: string) => createHash("sha256").update(value).digest();
  return timingSafeEqual(digest(given), digest(token));
}

async function checkDatabase(): Promise<Health["database"]> {
  const started = performance.now();
  try {
    await pingDatabase();
    return { ok: true, latencyMs: Math.round((performance.now() - started) * 100) / 100 };
  } catch (error) {
    return { ok: false, error: `database unreachable: ${errorMessage(error)}` };
  }
}
