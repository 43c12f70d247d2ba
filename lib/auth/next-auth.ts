import "server-only";
import { createHmac } from "node:crypto";
import { cookies } from "next/headers";
import { NextRequest } from "next/server";
import NextAuth, { CredentialsSignin } from "next-auth";
import { decode } from "next-auth/jwt";
import Credentials from "next-auth/providers/credentials";
import { z } from "zod";
import { redeemChallenge } from "@/lib/auth/login-challenge-queries";
import { userForKey } from "@/lib/auth/login-key-queries";
import { Lru } from "@/lib/cache/lru";
import { k1Schema, pubkeySchema } from "@/lib/http/identifiers";
import { getEnv } from "@/lib/env";
import { settleBrowserAtSignIn } from "@/lib/auth/browser-purchases";
import { BUYER_COOKIE, readBuyerId, readerCookieOptions, signBuyerId } from "@/lib/buyers/reader-cookies";
import { errorMessage, log } from "@/lib/log";
import { appSecret } from "@/lib/security/app-secret";
import { secureSite } from "@/lib/site-origin";

// next-auth (Auth.js) with JWT sessions and one credentials provider: "lightning" redeems a
// login challenge that a wallet (LNURL-auth) or an LND node signature has already answered
// (lib/auth/login-challenge-queries.ts). The session holds only the user id; roles and keys are read
// from the database on each request (lib/auth/current-user.ts), so changes apply at once.
export const SESSION_COOKIES = ["authjs.session-token", "__Secure-authjs.session-token"];
/** The one session cookie name read and written: __Secure- on an https site only. */
export const sessionCookieName = (secure: boolean) => SESSION_COOKIES[secure ? 1 : 0]!;
const THIRTY_DAYS_SECONDS = 30 * 24 * 3600;

class ChallengeNotAnswered extends CredentialsSignin {
  code = "challenge_not_answered";
}

// pubkey: the key the page showed and the person confirmed; move: "1" when they ticked "move
// this browser's purchases into the account".
const credentials = z.object({
  k1: k1Schema,
  pubkey: pubkeySchema.optional(),
  move: z.enum(["0", "1"]).optional(),
});

// Derived from APP_SECRET so there is one secret to manage.
const sessionSecret = () => createHmac("sha256", appSecret()).update("next-auth session").digest("hex");

// Decrypted session tokens by their exact text: decoding derives a key and decrypts (~0.9 ms
// here), and a signed-in reader sends the same token with every request.
const decoded = new Lru<SessionToken>(5000);

/** sub: the user; kid: the LoginKey that signed in (the session ends when that key is removed). */
export type SessionToken = { sub: string; kid: string; exp: number };

/**
 * The user id in a session cookie, or null. Pages only need to know who is signed in: decrypting
 * the cookie (what next-auth's decode does, expiry checked) costs a fraction of a full auth()
 * call, which also re-issues the token, something a server component could not send anyway.
 */
export async function readSessionCookie(name: string, value: string): Promise<SessionToken | null> {
  const key = `${name}=${value}`;
  const hit = decoded.get(key);
  if (hit) return hit.exp * 1000 > Date.now() ? hit : null;
  try {
    const token = await decode({ token: value, secret: sessionSecret(), salt: name });
    if (typeof token?.sub !== "string" || typeof token.kid !== "string" || typeof token.exp !== "number") return null;
    const session = { sub: token.sub, kid: token.kid, exp: token.exp };
    decoded.set(key, session);
    return session;
  } catch {
    return null;
  }
}

const auth = NextAuth((request) => ({
  secret: sessionSecret(),
  trustHost: true,
  // The cookie name follows the site's scheme (SITE_URL's, or in development the request's).
  useSecureCookies: request ? secureSite(request.headers) : undefined,
  session: { strategy: "jwt", maxAge: THIRTY_DAYS_SECONDS },
  pages: { signIn: "/signin", error: "/signin" },
  providers: [
    Credentials({
      id: "lightning",
      name: "Lightning",
      credentials: { k1: {}, pubkey: {}, move: {} },
      // The person confirmed the key shown on the page: redeem (same browser, not void, not expired).
      async authorize(input, request) {
        const parsed = credentials.safeParse(input);
        const jar = await cookies();
        const browserId = readBuyerId(jar.get(BUYER_COOKIE)?.value);
        if (!parsed.success || !browserId) throw new ChallengeNotAnswered();
        const answer = await redeemChallenge(parsed.data.k1, browserId, { action: "login" }, parsed.data.pubkey);
        if (!answer) throw new ChallengeNotAnswered();
        const { userId, keyId } = await userForKey(answer.pubkey, answer.answeredBy);
        const { newBuyerId } = await settleBrowserAtSignIn(browserId, userId, parsed.data.move === "1");
        if (newBuyerId) jar.set(BUYER_COOKIE, signBuyerId(newBuyerId), readerCookieOptions(secureSite(request.headers)));
        return { id: userId, keyId };
      },
    }),
  ],
  callbacks: {
    jwt({ token, user }) {
      if (user && "keyId" in user) token.kid = user.keyId;
      return token;
    },
    session({ session, token }) {
      if (token.sub) session.user = { ...session.user, id: token.sub };
      return session;
    },
  },
  logger: {
    // A refused challenge is routine; anything else is logged without stack or secrets.
    error(error) {
      if (error instanceof CredentialsSignin) return;
      // Bad requests from clients (no CSRF token, unknown action, malformed body) are warnings;
      // our own failures (configuration, errors inside authorize) are errors.
      const type = (error as { type?: string }).type ?? "";
      const ours = ["Configuration", "CallbackRouteError", "JWTSessionError", "SessionTokenError"].includes(type);
      (ours ? log.error : log.warn)("auth request failed", { type, reason: errorMessage(error) });
    },
    warn(code) {
      log.warn("auth warning", { code });
    },
    debug() {},
  },
}));

// next-auth builds its URLs (callbacks, redirects) from the request's URL, which follows the
// Host / X-Forwarded-Host a client sent; with SITE_URL (always in production) the site's own
// origin is used instead, as next-auth does with AUTH_URL.
function onSiteOrigin(request: NextRequest): NextRequest {
  const site = getEnv().SITE_URL;
  if (!site) return request;
  const origin = new URL(site).origin;
  // request.url (what next-auth reads), not nextUrl: Next.js builds them from different hosts.
  const url = new URL(request.url);
  return url.origin === origin ? request : new NextRequest(`${origin}${url.pathname}${url.search}`, request);
}

export const handlers = {
  GET: (request: NextRequest) => auth.handlers.GET(onSiteOrigin(request)),
  POST: (request: NextRequest) => auth.handlers.POST(onSiteOrigin(request)),
};
