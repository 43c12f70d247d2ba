import "server-only";
import { errorMessage } from "@/lib/log";
import { lightning, type NodeInfo } from "@/lib/lightning/lightning";

// The node's status for /api/health, cached: however many requests arrive, the node is asked at
// most once per CACHE_MS, and concurrent requests share the call in flight (single-flight).
export const NODE_STATUS_CACHE_MS = 5000;
const NODE_TIMEOUT_MS = 3000;

export type NodeStatus = ({ ok: true } & NodeInfo) | { ok: false; error: string };

type Entry = { at: number; status: Promise<NodeStatus> };
const globalForStatus = globalThis as unknown as { __nodeStatus?: Entry };

export function nodeStatus(now = Date.now()): Promise<NodeStatus> {
  const entry = globalForStatus.__nodeStatus;
  if (entry && now - entry.at < NODE_STATUS_CACHE_MS) return entry.status;
  const status = askNode();
  globalForStatus.__nodeStatus = { at: now, status };
  return status;
}

async function askNode(): Promise<NodeStatus> {
  let timer: NodeJS.Timeout | undefined;
  try {
    const info = await Promise.race([
      lightning().getNodeInfo(),
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error("node did not answer in time")), NODE_TIMEOUT_MS);
      }),
    ]);
    return { ok: true, ...info };
  } catch (error) {
    return { ok: false, error: errorMessage(error) };
  } finally {
    clearTimeout(timer);
  }
}

/** Tests start from an empty cache. */
export function resetNodeStatusForTests() {
  globalForStatus.__nodeStatus = undefined;
}
