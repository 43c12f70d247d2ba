// Wallet sign-in, timed step by step over HTTP as a browser and a wallet make it: the sign-in page
// with a fresh challenge (QR drawn on the server), the wallet's LNURL-auth callback (signature
// check, one UPDATE), the page's long poll returning with the answer, and next-auth's redemption
// (CSRF token + credentials POST, account made on first sign-in). A new browser and a new wallet
// key each time.
import { answerLnurl, Browser, newPrivateKey } from "@/test/support/wallet";
import { distribution, type Distribution, fmt, table } from "./stats";

export type SignInSample = { pageMs: number; callbackMs: number; pollMs: number; redeemMs: number; totalMs: number };
export type SignInSummary = Record<keyof SignInSample, Distribution>;

export async function runSignInBenchmark(baseUrl: string, count: number): Promise<SignInSample[]> {
  const samples: SignInSample[] = [];
  // One warm-up sign-in, discarded.
  for (let i = 0; i <= count; i++) {
    const browser = new Browser();
    await browser.get(`${baseUrl}/signin`);
    const t0 = performance.now();
    const { lnurl, k1 } = await browser.openChallenge(baseUrl);
    const t1 = performance.now();
    // The page is already waiting on its long poll when the wallet answers.
    const held = browser.send(`${baseUrl}/api/login/challenges/${k1}?wait=1`, "GET").then((response) => ({ response, at: performance.now() }));
    await new Promise((resolve) => setTimeout(resolve, 50));
    const t1b = performance.now();
    const answer = await answerLnurl(lnurl, newPrivateKey());
    if (answer.body.status !== "OK") throw new Error(`wallet refused: ${JSON.stringify(answer.body)}`);
    const t2 = performance.now();
    const { response: state, at: t3 } = await held;
    if (state.json().state !== "answered") throw new Error(`challenge not answered: ${state.text}`);
    // "Continue" on the page, with the key it showed.
    if (!(await browser.redeem(baseUrl, k1, { pubkey: state.json().pubkey }))) throw new Error("no session after redeeming");
    const t4 = performance.now();
    if (i > 0) samples.push({ pageMs: t1 - t0, callbackMs: t2 - t1b, pollMs: t3 - t1b, redeemMs: t4 - t3, totalMs: t4 - t0 - (t1b - t1) });
  }
  return samples;
}

export function summarizeSignIn(samples: SignInSample[]): SignInSummary {
  const pick = (key: keyof SignInSample) => distribution(samples.map((sample) => sample[key]));
  return { pageMs: pick("pageMs"), callbackMs: pick("callbackMs"), pollMs: pick("pollMs"), redeemMs: pick("redeemMs"), totalMs: pick("totalMs") };
}

export function formatSignInTable(summary: SignInSummary): string {
  const label: Record<keyof SignInSummary, string> = {
    pageMs: "sign-in page with a new challenge",
    callbackMs: "wallet callback (LUD-04)",
    pollMs: "wallet calls back -> page's long poll returns",
    redeemMs: "next-auth redeem (csrf + POST)",
    totalMs: "total, page to session (no human)",
  };
  const rows = (Object.keys(label) as Array<keyof SignInSummary>).map((key) => {
    const d = summary[key];
    return [label[key], String(d.n), fmt(d.p50), fmt(d.p90), fmt(d.p99), fmt(d.max)];
  });
  return table(["ms", "n", "p50", "p90", "p99", "max"], rows);
}
