import "server-only";
import { redeemChallenge } from "@/lib/auth/login-challenge-queries";
import { linkKey } from "@/lib/auth/login-key-queries";
import { AppError } from "@/lib/errors";

/** The signed-in person confirms adding the key shown as the answer to their add-a-key challenge. */
export async function linkAnsweredKey(input: { k1: string; browserId: string; userId: string; pubkey?: string }) {
  const answer = await redeemChallenge(input.k1, input.browserId, { action: "link", userId: input.userId }, input.pubkey);
  if (!answer) {
    throw new AppError(409, "No wallet has answered this code, or another wallet also answered it, or it expired or was used: ask for a new code", "challenge_not_answered");
  }
  await linkKey(input.userId, answer.pubkey, answer.answeredBy);
  return { pubkey: answer.pubkey };
}
