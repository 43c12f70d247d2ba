import { generateKeyPairSync, randomBytes } from "node:crypto";
import { SignJWT } from "jose";
import type { Browser } from "./wallet";

// Access tokens as readers get them and as attackers forge them, for the access-token tests.

export type Issued = { status: number; token: string; expiresAt: string; text: string };

/** POST /api/access-tokens from this browser (its cookies). */
export async function askToken(baseUrl: string, browser: Browser, resource: string, audience?: string): Promise<Issued> {
  const response = await browser.send(`${baseUrl}/api/access-tokens`, "POST", audience === undefined ? { resource } : { resource, audience });
  const body = response.status === 200 ? (response.json() as { token: string; expiresAt: string }) : { token: "", expiresAt: "" };
  return { status: response.status, text: response.text, ...body };
}

const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url");

export function decodeToken(token: string): { header: Record<string, unknown>; payload: Record<string, unknown>; signature: string } {
  const [header, payload, signature] = token.split(".");
  return { header: JSON.parse(Buffer.from(header!, "base64url").toString()), payload: JSON.parse(Buffer.from(payload!, "base64url").toString()), signature: signature ?? "" };
}

/**
 * Forgeries of a genuine token, each of which a verifier must refuse: `alg: none` (with and
 * without the signature), another key under an unknown kid and under the real kid, HS256 keyed
 * with the public key, and the payload changed under the original signature.
 */
export async function forgeries(token: string, changes: Record<string, unknown>): Promise<Record<string, string>> {
  const { header, payload, signature } = decodeToken(token);
  const [rawHeader] = token.split(".");
  const { privateKey } = generateKeyPairSync("ed25519");
  const changed = { ...payload, ...changes };
  const signWith = (head: Record<string, unknown>, body: Record<string, unknown>) => new SignJWT(body).setProtectedHeader(head as { alg: string }).sign(privateKey);
  return {
    algNone: `${part({ alg: "none", typ: "JWT" })}.${part(changed)}.`,
    algNoneKeepingKid: `${part({ ...header, alg: "none" })}.${part(changed)}.${signature}`,
    unknownKid: await signWith({ alg: "EdDSA", kid: randomBytes(16).toString("base64url") }, changed),
    realKidOtherKey: await signWith({ alg: "EdDSA", kid: header.kid }, changed),
    noKid: await signWith({ alg: "EdDSA" }, changed),
    hs256WithPublicKey: await new SignJWT(changed).setProtectedHeader({ alg: "HS256", kid: header.kid as string }).sign(new TextEncoder().encode(String(header.kid))),
    tamperedPayload: `${rawHeader}.${part(changed)}.${signature}`,
    signatureDropped: `${rawHeader}.${token.split(".")[1]}.`,
  };
}

/** A mutation of the token (a changed, dropped or added character, swapped or cut segments). */
export function mutate(token: string, random: () => number): string {
  const pick = (n: number) => Math.floor(random() * n);
  const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.=+/ ";
  const [h, p, s] = token.split(".") as [string, string, string];
  switch (pick(6)) {
    case 0: {
      const at = pick(token.length);
      return token.slice(0, at) + alphabet[pick(alphabet.length)] + token.slice(at + 1);
    }
    case 1: {
      const at = pick(token.length);
      return token.slice(0, at) + token.slice(at + 1);
    }
    case 2: {
      const at = pick(token.length);
      return token.slice(0, at) + alphabet[pick(alphabet.length)] + token.slice(at);
    }
    case 3:
      return [[p, h, s], [h, s, p], [h, p], [h, p, s, s], [h, h, s]][pick(5)]!.join(".");
    case 4:
      return token.slice(0, pick(token.length));
    default: {
      // A payload with one claim changed, re-encoded, under the original header and signature.
      const payload = JSON.parse(Buffer.from(p, "base64url").toString()) as Record<string, unknown>;
      const keys = Object.keys(payload);
      payload[keys[pick(keys.length)]!] = [0, "x", null, 9_999_999_999, { type: "pass", scope: "site" }][pick(5)];
      return `${h}.${part(payload)}.${s}`;
    }
  }
}

/** Same token in all but the base64url padding bits of the signature (decodes to the same bytes). */
export function sameToken(a: string, b: string): boolean {
  const [ha, pa, sa] = a.split(".");
  const [hb, pb, sb] = b.split(".");
  return a.split(".").length === 3 && b.split(".").length === 3 && ha === hb && pa === pb && /^[A-Za-z0-9_-]*$/.test(sb ?? "") && sa?.length === sb?.length && Buffer.from(sa!, "base64url").equals(Buffer.from(sb!, "base64url"));
}
