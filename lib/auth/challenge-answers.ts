import "server-only";
import { answerChallenge, findOpenChallenge } from "@/lib/auth/login-challenge-queries";
import { lnurlCallbackQuery, verifyLnurlSignature } from "@/lib/auth/lnurl-auth";
import { lndLoginMessage } from "@/lib/auth/lnd-login-message";
import { AppError } from "@/lib/errors";
import { lightning } from "@/lib/lightning/lightning";

// The two ways a challenge gets answered: a wallet's LNURL-auth callback, or an LND node's
// signature of the challenge message pasted into the page. Answering only records the key; the
// browser that owns the challenge then redeems it (signs in, or confirms adding the key), so
// someone who merely sees a challenge's QR code cannot use it to enter or extend an account.

/** LUD-04 callback: checks the query, the challenge and the signature, then answers. */
export async function answerWithLnurl(query: URLSearchParams): Promise<void> {
  const parsed = lnurlCallbackQuery.safeParse(Object.fromEntries(query));
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = issue?.path.join(".");
    const reason = issue?.code === "invalid_type" && field ? `${field} is missing` : (issue?.message ?? "malformed request");
    throw new AppError(400, `Malformed LNURL-auth request: ${reason}`, "malformed");
  }
  const { k1, sig, key } = parsed.data;
  await findOpenChallenge(k1);
  if (!verifyLnurlSignature(k1, sig, key)) throw new AppError(403, "Signature does not match k1 and key", "bad_signature");
  await answerChallenge(k1, key, "lnurl");
}

/** `lncli signmessage` path: the site's node verifies the signature and must know the signer. */
export async function answerWithNodeSignature(input: { k1: string; signature: string; host: string; browserId: string | null }): Promise<{ pubkey: string }> {
  await findOpenChallenge(input.k1, input.browserId);
  const signer = await lightning().verifyMessage(lndLoginMessage(input.host, input.k1), input.signature);
  if (!signer) {
    throw new AppError(400, "That signature does not match the challenge. Sign exactly the text shown, with `lncli signmessage`, and paste the whole signature.", "bad_signature");
  }
  if (!signer.nodeKnown) {
    throw new AppError(
      403,
      `This site's Lightning node does not know the node that made this signature (${signer.pubkey}). ` +
        "Check that you signed exactly the text shown; if you did, connect your node to ours as a peer or open a channel so that it sees your node, then sign again.",
      "unknown_node",
    );
  }
  await answerChallenge(input.k1, signer.pubkey, "lnd");
  return { pubkey: signer.pubkey };
}
