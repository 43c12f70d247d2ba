import "server-only";
import { anonymousPurchaseCount } from "@/lib/auth/browser-purchases";
import { challengeStatus, type ChallengeState } from "@/lib/auth/login-challenge-queries";
import { accountOfKey } from "@/lib/auth/account-queries";

// What the sign-in (or add-a-key) page shows once a key has answered its challenge, so the
// person can check it before confirming: which key (a short fingerprint), whether it opens an
// existing account (and whose name it shows) or makes a new one, and how many purchases of this
// browser could move into it. Only the browser that owns the challenge can read this.
export type ChallengeView =
  | { state: Exclude<ChallengeState, "answered"> }
  | { state: "answered"; action: "login"; pubkey: string; fingerprint: string; account: { exists: boolean; displayName?: string }; purchases: number }
  | { state: "answered"; action: "link"; pubkey: string; fingerprint: string; owner: "you" | "other" | "none" };

export const keyFingerprint = (pubkey: string) => `${pubkey.slice(0, 6)}…${pubkey.slice(-6)}`;

export async function challengeView(k1: string, browserId: string): Promise<ChallengeView | null> {
  const status = await challengeStatus(k1, browserId);
  if (!status) return null;
  const { row, state } = status;
  if (state !== "answered" || !row.pubkey) return { state: state === "answered" ? "waiting" : state };
  const pubkey = row.pubkey;
  const account = await accountOfKey(pubkey);
  if (row.action === "link") {
    const owner = !account ? "none" : account.userId === row.userId ? "you" : "other";
    return { state, action: "link", pubkey, fingerprint: keyFingerprint(pubkey), owner };
  }
  return {
    state,
    action: "login",
    pubkey,
    fingerprint: keyFingerprint(pubkey),
    account: account ? { exists: true, displayName: account.displayName ?? undefined } : { exists: false },
    purchases: await anonymousPurchaseCount(browserId),
  };
}
