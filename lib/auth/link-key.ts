import "server-only";
import { redeemChallenge } from "@/lib/auth/login-challenges";
import { linkKey } from "@/lib/auth/login-keys";
import { AppError } from "@/lib/errors";

/** The signed-in browser confirms adding the key that answered its add-a-key challenge. */
export async function linkAnsweredKey(input: { k1: string; browserId: string; userId: string }) {
  const answer = await redeemChallenge(input.k1, input.browserId, { action: "link", userId: input.userId });
  if (!answer) throw new AppError(409, "No wallet has answered this challenge yet, or it expired or was used: reload the page", "challenge_not_answered");
  await linkKey(input.userId, answer.pubkey, answer.answeredBy);
  return { pubkey: answer.pubkey };
}
