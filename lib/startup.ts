import "server-only";
import { buildKind } from "@/lib/build-kind";
import { getEnv } from "@/lib/env";
import { errorMessage, log } from "@/lib/log";
import { DEV_NODE_IN_PRODUCTION_MESSAGE, devNodeAllowed, lightning } from "@/lib/lightning/lightning";
import { networkMismatch } from "@/lib/lightning/node-network";
import { appSecret } from "@/lib/security/app-secret";
import { startSettlementWatcher } from "@/lib/payments/settlement-watcher";
import { runOnLeader } from "@/lib/cluster/leader-only";
import { startWithdrawalWorker } from "@/lib/withdrawals/withdrawal-worker";
import { startMailWorker } from "@/lib/mail/mail-worker";

export const SITE_URL_REQUIRED =
  "SITE_URL is required in production: set it to the site's public address (e.g. SITE_URL=https://press.example). " +
  "Sign-in links and the lncli text are built from it, never from the request's Host header.";

/**
 * Runs once when the server starts (instrumentation.ts): validates settings, refuses the
 * development node in production, reports the Lightning node, starts following settlements.
 * Returns false when the server must not run.
 */
export async function startServer(): Promise<boolean> {
  let env;
  try {
    env = getEnv();
    if (env.lightningBackend === "dev" && !devNodeAllowed()) throw new Error(DEV_NODE_IN_PRODUCTION_MESSAGE);
    appSecret();
    // Links, the lncli text and origin checks must never come from a client's Host header.
    if (buildKind() !== "dev" && !env.SITE_URL) throw new Error(SITE_URL_REQUIRED);
  } catch (error) {
    console.error(`[fatal] ${errorMessage(error)}`);
    return false;
  }
  if (env.lightningBackend === "dev" && buildKind() !== "dev") {
    log.warn("DEV_NODE_IN_PRODUCTION=1: the development node is running in a production build (benchmarks and tests only; it moves no money)");
  }
  try {
    lightning();
  } catch (error) {
    console.error(`[fatal] ${errorMessage(error)}`);
    return false;
  }
  void reportNode();
  // One settlement stream (and periodic re-check) per site: on PostgreSQL only the leading instance runs it.
  runOnLeader("settlements", startSettlementWatcher);
  // Unfinished withdrawals are checked with the node first thing (a crash mid-payment), then
  // periodically, and automatic payouts made: once per site, by the leading instance.
  runOnLeader("withdrawals", startWithdrawalWorker);
  // Receipts and other mails wait in the outbox (lib/mail/) and are sent from here.
  startMailWorker();
  return true;
}

/** Stops the process with the message already printed when the server must not run. */
export async function startServerOrExit() {
  if (!(await startServer())) process.exit(1);
}

const RETRY_MIN_MS = 1000;
const RETRY_MAX_MS = 10_000;

// Asks the node who it is until it answers, backing off between tries: an LND that is down at
// start does not stop the site (free and bought articles keep serving), and is reported once
// per distinct problem, in one line naming the setting to fix, and again when it comes up.
async function reportNode(delay = RETRY_MIN_MS, lastProblem = "") {
  try {
    const info = await lightning().getNodeInfo();
    log.info("lightning node", { backend: info.backend, alias: info.alias, pubkey: info.pubkey, network: info.network, version: info.version });
    const mismatch = networkMismatch(info, getEnv());
    if (mismatch) {
      // Taking payments on the wrong network is worse than not starting: stop here.
      console.error(`[fatal] ${mismatch}`);
      process.exit(1);
    }
  } catch (error) {
    const problem = errorMessage(error);
    if (problem !== lastProblem) log.error(`lightning node unreachable: ${problem} (retrying)`);
    setTimeout(() => void reportNode(Math.min(delay * 2, RETRY_MAX_MS), problem), delay).unref();
  }
}
