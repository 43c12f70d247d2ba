import "server-only";
import { createHash, randomBytes } from "node:crypto";
import { z } from "zod";
import { accountEmail, consumeVerification, insertVerificationUnlessRecent, setUserEmail, verificationState } from "@/lib/auth/email-verification-queries";
import { db } from "@/lib/db/client";
import { getEnv } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { enqueueMail } from "@/lib/mail/mail-outbox-queries";
import { wakeMailWorker } from "@/lib/mail/mail-worker";

// A signed-in user's mail address, verified by a link mailed to it (receipts go to a verified
// address by default). The link carries 32 random bytes; only their sha256 is stored. It works
// once, for LINK_HOURS; opening it shows a Confirm button and only the POST verifies, so a mail
// scanner that fetches every link verifies nothing. One mail per user per RESEND_SECONDS.

const LINK_HOURS = 24;
const RESEND_SECONDS = 60;
const TOKEN = /^[A-Za-z0-9_-]{43}$/;

export const accountEmailInput = z
  .object({ email: z.email("email: expected an email address").max(254, "email: too long").nullable() })
  .strict();

export const isVerificationToken = (token: string) => TOKEN.test(token);
const hashOf = (token: string) => createHash("sha256").update(token).digest("hex");

/**
 * Sets (or, with null, removes) the account's address. A new address is unverified and gets a
 * verification mail; the same address again re-sends it unless already verified. 429 when a mail
 * went to this user less than a minute ago (the address is saved all the same).
 */
export async function setAccountEmail(userId: string, email: string | null, origin: string, now = new Date()) {
  const to = email?.toLowerCase() ?? null;
  const { verified } = await setUserEmail(userId, to);
  if (!to || verified) return { email: to, verified, sent: false };
  const token = randomBytes(32).toString("base64url");
  const tokenHash = hashOf(token);
  const expiresAt = new Date(now.getTime() + LINK_HOURS * 3_600_000);
  const sent = await db().$transaction(async (tx) => {
    const recorded = await insertVerificationUnlessRecent(tx, { userId, email: to, tokenHash, now, expiresAt, quietSince: new Date(now.getTime() - RESEND_SECONDS * 1000) });
    if (!recorded) return false;
    const site = getEnv().SITE_NAME;
    await enqueueMail(
      {
        idempotencyKey: `verify-email:${tokenHash}`,
        to,
        subject: `Confirm your email address for ${site}`,
        text:
          `Someone, hopefully you, asked to use this address for their account on ${site}.\n\n` +
          `Open this link within ${LINK_HOURS} hours and press "Confirm" to verify it:\n${origin}/verify-email/${token}\n\n` +
          `If it was not you, ignore this mail: nothing changes until the button is pressed.\n`,
      },
      now,
      tx,
    );
    return true;
  });
  if (!sent) throw new AppError(429, `Address saved, but a verification mail went out less than a minute ago: ask again in a minute`, "rate_limited");
  wakeMailWorker();
  return { email: to, verified: false, sent: true };
}

/** For the confirm page: the address a live link would verify, or null (unknown, used, expired). */
export async function pendingVerification(token: string): Promise<string | null> {
  if (!isVerificationToken(token)) return null;
  const { state, email } = await verificationState(hashOf(token), new Date());
  return state === "live" ? email : null;
}

/** The Confirm button: verifies the address, once; a clear 4xx for anything else. */
export async function confirmVerification(token: string): Promise<string> {
  const result = await consumeVerification(hashOf(token), new Date());
  if (result.ok) return result.email;
  switch (result.state) {
    case "used":
      throw new AppError(410, "This link was already used", "link_used");
    case "expired":
      throw new AppError(410, `This link expired (links last ${LINK_HOURS} hours): ask for a new one on your account page`, "link_expired");
    case "changed":
      throw new AppError(409, "The account's address changed since this link was sent: use the link sent to the new address", "address_changed");
    default:
      throw new AppError(404, "Unknown verification link", "not_found");
  }
}

/** The signed-in reader's verified address (where receipts go by default), or null. */
export async function verifiedEmailOf(userId: string | null): Promise<string | null> {
  if (!userId) return null;
  const { email, verified } = await accountEmail(userId);
  return verified ? email : null;
}
