import { createHmac, hkdfSync } from "node:crypto";

// The claims of an access token, built from what the reader holds. Pure (the caller passes the
// secret and the clock), so the claims are unit-tested.

/** What the token grants: the `grants` claim. Times are seconds since the epoch, as in JWTs. */
export type GrantsClaim =
  | { type: "article"; article_id: string; slug: string; pass_until?: number }
  | { type: "file"; file_id: string; pass_until?: number }
  | { type: "pass"; scope: "site"; until: number }
  | { type: "pass"; scope: "author"; author_id: string; until: number };

export type AccessTokenClaims = {
  iss: string;
  aud: string;
  sub: string;
  iat: number;
  exp: number;
  jti: string;
  grants: GrantsClaim;
  /** The sats of the payment behind the grant (what the node received, rounded down). */
  paid_sats: number;
};

/**
 * A pairwise pseudonymous subject: an HMAC of the holder (user, browser or receipt's payment)
 * and the audience. Each audience sees a stable id for the same holder (to recognise a returning
 * reader) but cannot guess it, learn the site's ids from it, or link it with another audience's.
 */
export function subjectFor(holder: string, audience: string, secret: Buffer): string {
  const key = Buffer.from(hkdfSync("sha256", secret, "lightning-press", "access-token-subject", 32));
  return createHmac("sha256", key).update(`${audience}\n${holder}`).digest("base64url").slice(0, 27);
}

export const toSeconds = (date: Date) => Math.floor(date.getTime() / 1000);

/**
 * The claims for one grant. The token expires after the lifetime setting, or when what it
 * grants ends (a pass), whichever comes first. Null: the grant has already ended.
 */
export function accessTokenClaims(input: {
  issuer: string;
  audience: string;
  subject: string;
  jti: string;
  grants: GrantsClaim;
  paidMsats: bigint;
  heldUntil: Date | null;
  now: Date;
  lifetimeSeconds: number;
}): AccessTokenClaims | null {
  const iat = toSeconds(input.now);
  const end = input.heldUntil ? Math.min(iat + input.lifetimeSeconds, toSeconds(input.heldUntil)) : iat + input.lifetimeSeconds;
  if (end <= iat) return null;
  return {
    iss: input.issuer,
    aud: input.audience,
    sub: input.subject,
    iat,
    exp: end,
    jti: input.jti,
    grants: input.grants,
    paid_sats: Number(input.paidMsats / 1000n),
  };
}
