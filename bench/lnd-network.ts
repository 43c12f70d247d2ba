// The real-LND part runs on the test suite's regtest network (test/support/regtest-network.ts):
// btcd, alice (the site's node) and bob (the reader's wallet, channel bob -> alice).
import { readFileSync } from "node:fs";
import { type AuthenticatedLnd, authenticatedLndGrpc } from "lightning";
import { aliceSettings, regtest } from "@/test/support/regtest-network";

export type RegtestSession = {
  /** Someone else had it running: we leave it running at the end. */
  alreadyRunning: boolean;
  startSeconds: number;
  /** Stops the network only if this run started it; safe to call twice (end of run and Ctrl-C). */
  release: () => Promise<{ stopped: boolean }>;
};

/**
 * Starts or resumes the network. "Already running" means all three processes were up before we
 * began (`regtest status`); a partly running network is restarted by `start`, so it counts as ours.
 */
export async function useRegtest(): Promise<RegtestSession> {
  const status = await regtest("status");
  const alreadyRunning = /^regtest: 3\/3 processes running$/m.test(status);
  const began = Date.now();
  // Even when it is running, `start` is cheap and rewrites the env file that aliceSettings() reads.
  await regtest("start");
  const startSeconds = (Date.now() - began) / 1000;

  let released = false;
  return {
    alreadyRunning,
    startSeconds,
    release: async () => {
      if (alreadyRunning || released) return { stopped: false };
      released = true;
      await regtest("stop");
      return { stopped: true };
    },
  };
}

/**
 * A bare gRPC client to alice with the same credentials the site gets, for the raw
 * createInvoice baseline. The `lightning` package is imported only here and in test support:
 * the app itself reaches Lightning only through lib/lightning/.
 */
export function aliceLnd(): AuthenticatedLnd {
  const settings = aliceSettings();
  const { lnd } = authenticatedLndGrpc({
    socket: settings.LND_SOCKET!,
    cert: readFileSync(settings.LND_CERT!).toString("base64"),
    macaroon: readFileSync(settings.LND_MACAROON!).toString("base64"),
  });
  return lnd;
}
