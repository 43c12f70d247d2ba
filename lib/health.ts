import "server-only";
import { db } from "@/lib/db/client";
import { errorMessage } from "@/lib/log";
import { lightning } from "@/lib/lightning/lightning";

const NODE_TIMEOUT_MS = 3000;

export type Health = {
  status: "ok" | "degraded";
  database: { ok: boolean; latencyMs?: number; error?: string };
  lightning: { ok: boolean; backend?: string; alias?: string; pubkey?: string; network?: string; version?: string; syncedToChain?: boolean; error?: string };
};

export async function checkHealth(): Promise<Health> {
  const [database, node] = await Promise.all([checkDatabase(), checkLightning()]);
  return { status: database.ok && node.ok ? "ok" : "degraded", database, lightning: node };
}

async function checkDatabase(): Promise<Health["database"]> {
  const started = performance.now();
  try {
    await db().$queryRaw`SELECT 1`;
    return { ok: true, latencyMs: Math.round((performance.now() - started) * 100) / 100 };
  } catch (error) {
    return { ok: false, error: "database unreachable" + (process.env.NODE_ENV === "production" ? "" : `: ${errorMessage(error)}`) };
  }
}

async function checkLightning(): Promise<Health["lightning"]> {
  try {
    const info = await Promise.race([
      lightning().getNodeInfo(),
      new Promise<never>((_, reject) => setTimeout(() => reject(new Error("node did not answer in time")), NODE_TIMEOUT_MS)),
    ]);
    return { ok: true, ...info };
  } catch (error) {
    return { ok: false, error: errorMessage(error) };
  }
}
