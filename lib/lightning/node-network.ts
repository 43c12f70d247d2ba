import type { NodeInfo } from "@/lib/lightning/backend";

/**
 * Whether the node's network is the one this server should take payments on, and if not, one
 * line saying what to fix. LND_NETWORK names the expected network; without it a development
 * server refuses mainnet (real money on a site meant for testing) and anything else is accepted.
 */
export function networkMismatch(info: NodeInfo, env: { NODE_ENV: string; LND_NETWORK?: string }): string | null {
  if (env.LND_NETWORK) {
    return info.network === env.LND_NETWORK
      ? null
      : `LND_NETWORK: expected a ${env.LND_NETWORK} node, but ${info.alias || info.pubkey} is on ${info.network}`;
  }
  if (env.NODE_ENV !== "production" && info.network === "mainnet") {
    return "LND_NETWORK: this development server is connected to a mainnet node (real money). Set LND_NETWORK=mainnet if you mean it, or use regtest.";
  }
  return null;
}
