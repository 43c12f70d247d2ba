import "server-only";
import { createLocalJWKSet, jwtVerify } from "jose";
import { publicKeySet, TOKEN_ALG } from "@/lib/access-tokens/signing-keys";
import type { AccessTokenClaims } from "@/lib/access-tokens/token-claims";

/**
 * Verifies an access token in-process, as an integrator's backend does with the JWKS: signature
 * by a published key (alg allowlist: EdDSA only, so `none` and HS256 tricks fail), issuer,
 * audience, expiry. Null for anything not valid.
 */
export async function verifyAccessToken(token: string, expect: { issuer: string; audience: string }): Promise<AccessTokenClaims | null> {
  try {
    const keys = createLocalJWKSet({ keys: await publicKeySet() });
    const { payload } = await jwtVerify(token, keys, { algorithms: [TOKEN_ALG], issuer: expect.issuer, audience: expect.audience, requiredClaims: ["sub", "exp", "iat", "grants"] });
    return payload as unknown as AccessTokenClaims;
  } catch {
    return null;
  }
}
