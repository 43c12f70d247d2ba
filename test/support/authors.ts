import { db } from "@/lib/db/client";
import type { RawResponse } from "./http";
import { signInWithWallet } from "./wallet";

// The people of the authoring tests, signed in through the real LNURL-auth flow on a fresh site:
// the first account becomes admin (ADMIN_PUBKEYS unset), the next ones are readers, and two of
// them become authors through the account endpoint.
export type Actor = { name: string; cookie: string; userId: string | null };

export async function signInActors(baseUrl: string) {
  const admin = await actor(baseUrl, "admin");
  const reader = await actor(baseUrl, "reader");
  const authorA = await actor(baseUrl, "author A");
  const authorB = await actor(baseUrl, "author B");
  for (const author of [authorA, authorB]) {
    const response = await send(baseUrl, author, "POST", "/api/account/author", {});
    if (response.status !== 200) throw new Error(`becoming an author failed: ${response.status} ${response.text}`);
  }
  const anonymous: Actor = { name: "anonymous", cookie: "", userId: null };
  return { anonymous, reader, authorA, authorB, admin };
}

async function actor(baseUrl: string, name: string): Promise<Actor> {
  const { cookie, pubkey } = await signInWithWallet(baseUrl);
  const key = await db().loginKey.findUniqueOrThrow({ where: { pubkey } });
  return { name, cookie, userId: key.userId };
}

/** A JSON request as the site's own pages make it (same origin, JSON body). */
export async function send(baseUrl: string, who: Actor, method: string, path: string, value?: unknown, headers: Record<string, string> = {}): Promise<RawResponse> {
  const response = await fetch(`${baseUrl}${path}`, {
    method,
    redirect: "manual",
    headers: { "content-type": "application/json", origin: baseUrl, ...(who.cookie ? { cookie: who.cookie } : {}), ...headers },
    body: value === undefined ? undefined : typeof value === "string" ? value : JSON.stringify(value),
  });
  return { status: response.status, text: await response.text(), headers: response.headers, cookies: {} };
}

export const errorOf = (response: RawResponse) => (JSON.parse(response.text) as { error: { code: string; message: string } }).error;
