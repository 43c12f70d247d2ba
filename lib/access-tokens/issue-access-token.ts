import "server-only";
import { randomBytes } from "node:crypto";
import { SignJWT } from "jose";
import { getEnv } from "@/lib/env";
import { AppError } from "@/lib/errors";
import type { Reader } from "@/lib/buyers/reader";
import { appSecret } from "@/lib/security/app-secret";
import type { TokenResource } from "@/lib/access-tokens/access-token-input";
import { heldGrant } from "@/lib/access-tokens/held-grant";
import { signingKey, TOKEN_ALG } from "@/lib/access-tokens/signing-keys";
import { accessTokenClaims, subjectFor } from "@/lib/access-tokens/token-claims";

/** The audiences a token may name: the site's origin (the default) and ACCESS_TOKEN_AUDIENCES. */
export function allowedAudiences(origin: string): string[] {
  return [origin, ...getEnv().ACCESS_TOKEN_AUDIENCES];
}

/**
 * A short-lived signed token proving the reader holds the resource, for another backend to
 * verify against /.well-known/jwks.json. 400: audience not allowed; 403: not held.
 */
export async function issueAccessToken(reader: Reader, input: { resource: TokenResource; audience?: string }, origin: string): Promise<{ token: string; expiresAt: string; audience: string }> {
  const audience = input.audience ?? origin;
  if (!allowedAudiences(origin).includes(audience)) throw new AppError(400, "audience is not one this site issues tokens for", "audience_not_allowed");
  const held = await heldGrant(reader, input.resource);
  if (!held) throw new AppError(403, "You hold no purchase or running pass for this resource", "not_held");
  // The holder as the site knows them: the account, else this browser, else the receipt's payment.
  const holder = reader.userId ? `user:${reader.userId}` : reader.buyerId ? `buyer:${reader.buyerId}` : `payment:${held.paymentId}`;
  const claims = accessTokenClaims({
    issuer: origin,
    audience,
    subject: subjectFor(holder, audience, appSecret()),
    jti: randomBytes(16).toString("base64url"),
    grants: held.grants,
    paidMsats: held.paidMsats,
    heldUntil: held.heldUntil,
    now: new Date(),
    lifetimeSeconds: getEnv().ACCESS_TOKEN_SECONDS,
  });
  if (!claims) throw new AppError(403, "What you hold has ended", "not_held");
  const { kid, key } = await signingKey();
  const token = await new SignJWT(claims).setProtectedHeader({ alg: TOKEN_ALG, kid, typ: "JWT" }).sign(key);
  return { token, expiresAt: new Date(claims.exp * 1000).toISOString(), audience };
}
