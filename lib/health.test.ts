import { beforeEach, describe, expect, it } from "vitest";
import { checkHealth, hasHealthToken, publicHealth } from "@/lib/health";
import type { LightningBackend, NodeInfo } from "@/lib/lightning/backend";
import { NODE_STATUS_CACHE_MS, nodeStatus, resetNodeStatusForTests } from "@/lib/lightning/node-status";
import { useFreshDatabase } from "@/test/support/test-database";

const TOKEN = "h".repeat(40);
const INFO: NodeInfo = { backend: "lnd", alias: "alice", pubkey: `02${"11".repeat(32)}`, network: "regtest", version: "0.20.2-beta", syncedToChain: true };

// A fake node that counts how often it is asked who it is.
let calls = 0;
beforeEach(async () => {
  await useFreshDatabase({ HEALTH_TOKEN: TOKEN });
  resetNodeStatusForTests();
  calls = 0;
  const backend = {
    kind: "lnd",
    async getNodeInfo() {
      calls++;
      await new Promise((resolve) => setTimeout(resolve, 50));
      return INFO;
    },
  } as unknown as LightningBackend;
  (globalThis as { __lightning?: LightningBackend }).__lightning = backend;
});

describe("/api/health's checks", () => {
  it("ask the node at most once per cache window, however many requests arrive at once", async () => {
    const results = await Promise.all(Array.from({ length: 50 }, () => checkHealth()));
    expect(results.every((health) => health.status === "ok")).toBe(true);
    expect(calls).toBe(1);
    await checkHealth();
    expect(calls).toBe(1);
    await nodeStatus(Date.now() + NODE_STATUS_CACHE_MS + 1);
    expect(calls).toBe(2);
  });

  it("give the public only ok/degraded", async () => {
    const health = await checkHealth();
    expect(health.lightning).toMatchObject({ ok: true, pubkey: INFO.pubkey, alias: "alice" });
    expect(publicHealth(health)).toEqual({ status: "ok" });
  });

  it("name the instance that answered in the details only (behind a proxy, tells instances apart)", async () => {
    await useFreshDatabase({ HEALTH_TOKEN: TOKEN, INSTANCE_ID: "instance-2" });
    const health = await checkHealth();
    expect(health.instance).toBe("instance-2");
    expect(publicHealth(health)).toEqual({ status: "ok" });
  });

  it("accept exactly the HEALTH_TOKEN as a bearer token", () => {
    expect(hasHealthToken(`Bearer ${TOKEN}`)).toBe(true);
    expect(hasHealthToken(`bearer ${TOKEN}`)).toBe(true);
    expect(hasHealthToken(`Bearer ${TOKEN}x`)).toBe(false);
    expect(hasHealthToken(TOKEN)).toBe(false);
    expect(hasHealthToken("Bearer ")).toBe(false);
    expect(hasHealthToken(null)).toBe(false);
  });

  it("accept no token at all when HEALTH_TOKEN is not set", async () => {
    await useFreshDatabase({ HEALTH_TOKEN: "" });
    expect(hasHealthToken("Bearer ")).toBe(false);
    expect(hasHealthToken("Bearer undefined")).toBe(false);
  });
});
