import "server-only";
import { devToolsAllowed } from "@/lib/build-kind";
import { getEnv } from "@/lib/env";
import type { LightningBackend } from "@/lib/lightning/backend";
import { createDevNodeBackend } from "@/lib/lightning/dev-node/dev-node-backend";
import { createLndBackend } from "@/lib/lightning/lnd/lnd-backend";
import { lndCredentials } from "@/lib/lightning/lnd/lnd-credentials";

export * from "@/lib/lightning/backend";

const globalForLightning = globalThis as unknown as { __lightning?: LightningBackend };

export const DEV_NODE_IN_PRODUCTION_MESSAGE =
  "No Lightning node configured: production needs LND. Set LND_SOCKET, LND_CERT and LND_MACAROON " +
  "(see README, Settings). The built-in development node moves no money and refuses to run in production.";

/** The configured backend: LND when LND_* is set, otherwise the development node (not in production). */
export function lightning(): LightningBackend {
  if (globalForLightning.__lightning) return globalForLightning.__lightning;
  const env = getEnv();
  if (env.lightningBackend === "lnd") {
    globalForLightning.__lightning = createLndBackend(lndCredentials(env));
  } else {
    assertDevNodeAllowed();
    globalForLightning.__lightning = createDevNodeBackend();
  }
  return globalForLightning.__lightning;
}

export function devNodeAllowed(): boolean {
  const env = getEnv();
  return env.lightningBackend === "dev" && devToolsAllowed(env);
}

export function assertDevNodeAllowed() {
  if (!devNodeAllowed()) throw new Error(DEV_NODE_IN_PRODUCTION_MESSAGE);
}

/** Tests swap settings between cases. */
export function resetLightningForTests() {
  globalForLightning.__lightning = undefined;
}
